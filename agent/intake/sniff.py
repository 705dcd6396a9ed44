"""What a file really is, read from its first bytes; names and declared types are not trusted.

PDF: ``%PDF-`` within the first KiB (readers tolerate leading junk). DOCX candidates are zip
archives (their structure is checked by `docx_text`). Anything else must be text: UTF-8, or
UTF-16 with a byte-order mark, with no NULs and hardly any control characters.
"""

from __future__ import annotations

import re
from typing import Literal

from .errors import UploadRejected

SniffedKind = Literal["pdf", "zip", "txt"]

_TRY_INSTEAD = "Upload your resume as a PDF, a Word document (.docx) or plain text (.txt)."

# Signatures of formats people plausibly send instead of a resume, each with its own advice.
_KNOWN_WRONG: tuple[tuple[bytes, str], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        (
            "This is an older Word (.doc) file. Open it in Word, Google Docs or LibreOffice, "
            "save it as .docx or PDF, and upload that."
        ),
    ),
    (b"{\\rtf", "Rich Text (.rtf) isn't supported. Save it as .docx or PDF and upload that."),
    (b"\x89PNG", "This is an image. Upload a PDF with selectable text, a .docx or a .txt file."),
    (
        b"\xff\xd8\xff",
        "This is an image. Upload a PDF with selectable text, a .docx or a .txt file.",
    ),
    (b"GIF8", "This is an image. Upload a PDF with selectable text, a .docx or a .txt file."),
    (b"II*\x00", "This is an image. Upload a PDF with selectable text, a .docx or a .txt file."),
    (b"MM\x00*", "This is an image. Upload a PDF with selectable text, a .docx or a .txt file."),
    (b"MZ", f"This is a program, not a document. {_TRY_INSTEAD}"),
    (b"\x7fELF", f"This is a program, not a document. {_TRY_INSTEAD}"),
)

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
# Share of control characters (other than tab, newline, carriage return, form feed) above
# which bytes that happen to decode are still not text.
_MAX_CONTROL_SHARE = 0.01
_CONTROLS = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")


def unsupported(message: str = f"This file type isn't supported. {_TRY_INSTEAD}") -> UploadRejected:
    return UploadRejected("unsupported_type", message)


def sniff(data: bytes) -> SniffedKind:
    """The container the bytes claim to be; raises `UploadRejected` for known other formats."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise unsupported(_KNOWN_WRONG[2][1])
    if data[4:12] in (b"ftypheic", b"ftypmif1", b"ftypheix"):
        raise unsupported(_KNOWN_WRONG[2][1])
    for signature, message in _KNOWN_WRONG:
        if data.startswith(signature):
            raise unsupported(message)
    return "txt"  # a candidate: `decode_text` decides


def decode_text(data: bytes) -> str:
    """The text of a plain-text upload; raises `UploadRejected` if the bytes are not text."""
    if data.startswith(_UTF16_BOMS):
        encoding = "utf-16"
    elif data.startswith(_UTF8_BOM):
        data, encoding = data[len(_UTF8_BOM) :], "utf-8"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise unsupported() from None
    if "\x00" in text:
        raise unsupported()
    if len(_CONTROLS.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise unsupported()
    return text
