"""`extract_document`: bytes in, `ExtractedDocument` or `UploadRejected` out, nothing else.

Runs in the calling process with no time or memory bound of its own; the server calls it
through `agent.intake.pool`, which adds both. Every failure of a parser on hostile input
(pypdf's errors, RecursionError, MemoryError, ...) becomes ``corrupt_file``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .cleanup import clean_text, meaningful_chars
from .docx_text import extract_docx
from .errors import UploadRejected, corrupt
from .limits import MAX_FILE_BYTES, MAX_PAGES, MAX_TEXT_CHARS, MIN_TEXT_CHARS
from .pdf_text import extract_pdf
from .sniff import decode_text, sniff

DocumentKind = Literal["pdf", "docx", "txt"]


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    kind: DocumentKind
    text: str
    pages: int | None  # None where the format has no pages (TXT, DOCX without metadata)


def too_large() -> UploadRejected:
    return UploadRejected(
        "too_large",
        f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB. Upload a smaller file, "
        "for example a PDF exported without large images, or a .docx or .txt version.",
    )


def check_size(data: bytes) -> None:
    if not data:
        raise UploadRejected(
            "empty_file", "The file is empty. Choose your resume file and upload it again."
        )
    if len(data) > MAX_FILE_BYTES:
        raise too_large()


def extract_document(data: bytes, filename: str, declared_type: str | None) -> ExtractedDocument:
    """The document's kind, cleaned text and page count.

    The kind comes from the bytes alone; ``filename`` and ``declared_type`` are what the
    browser said and are never trusted (nor currently needed).
    """
    del filename, declared_type
    check_size(data)
    try:
        document = _extract(data)
    except UploadRejected:
        raise
    except Exception:  # any parser failure on hostile bytes, MemoryError included
        raise corrupt() from None
    _check_text(document)
    return document


def _extract(data: bytes) -> ExtractedDocument:
    container = sniff(data)
    if container == "pdf":
        text, pages = extract_pdf(data)
        return ExtractedDocument("pdf", text, pages)
    if container == "zip":
        text, maybe_pages = extract_docx(data)
        return ExtractedDocument("docx", text, maybe_pages)
    return ExtractedDocument("txt", clean_text(decode_text(data)), None)


def _check_text(document: ExtractedDocument) -> None:
    if meaningful_chars(document.text) < MIN_TEXT_CHARS:
        if document.kind == "pdf":
            raise UploadRejected(
                "no_text",
                "We couldn't find any text in this PDF; it looks like a scan or an image. "
                "Export a PDF with selectable text from your editor, or upload a .docx or "
                ".txt file.",
            )
        raise UploadRejected(
            "no_text", "This file has (almost) no text. Upload the file with your resume in it."
        )
    if len(document.text) > MAX_TEXT_CHARS:
        raise UploadRejected(
            "too_many_pages",
            f"This resume is longer than {MAX_PAGES} pages of text. Shorten it and upload it "
            "again.",
        )
