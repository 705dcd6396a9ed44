"""DOCX text, read from the archive's XML by hand with a parser that cannot be turned on us.

The zip's central directory is checked before anything is inflated: entry count, total
declared size, and compression ratio, so a zip bomb is refused unopened. Inflating is bounded
by the declared sizes (zipfile stops at the declared size and then fails the CRC check).
Only the XML parts holding text are read; nested archives and media are never opened.

Office files never carry a DTD, so any part with one is refused; the parser is configured
not to resolve entities, load DTDs or touch the network in any case (no billion laughs, no
XXE). python-docx is not used: it loads every part, media included, into memory, and skips
text boxes.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from .cleanup import clean_text
from .errors import UploadRejected, corrupt, unsafe
from .limits import (
    MAX_PAGES,
    ZIP_MAX_ENTRIES,
    ZIP_MAX_PART_BYTES,
    ZIP_MAX_RATIO,
    ZIP_MAX_TOTAL_BYTES,
    ZIP_RATIO_FLOOR_BYTES,
)
from .sniff import unsupported

UNTRUSTED_XML_PARSER = etree.XMLParser(
    resolve_entities=False,
    load_dtd=False,
    no_network=True,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_EXTENDED = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_P, _T, _TAB, _BR, _CR = f"{_W}p", f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"
_NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"
# Properties hold no text, but paragraph properties do hold w:tab (tab stop definitions).
_PROPERTIES = (f"{_W}pPr", f"{_W}rPr", f"{_W}sectPr", f"{_W}tblPr", f"{_W}tcPr", f"{_W}trPr")
_ALTERNATE = f"{_MC}AlternateContent"

_DOCUMENT = "word/document.xml"
_HEADER = re.compile(r"^word/header\d*\.xml$")
_APP_PROPERTIES = "docProps/app.xml"
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)


def extract_docx(data: bytes) -> tuple[str, int | None]:
    """The cleaned text and, when Word recorded it, the page count."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError):
        raise corrupt() from None
    with archive:
        entries = {info.filename: info for info in archive.infolist()}
        check_archive(list(entries.values()))
        if _DOCUMENT not in entries:
            if "mimetype" in entries and b"opendocument" in archive.read(entries["mimetype"])[:100]:
                raise unsupported(
                    "OpenDocument (.odt) files aren't supported. Save it as .docx or PDF and "
                    "upload that."
                )
            raise unsupported("This archive isn't a Word document. Upload a PDF, DOCX or TXT file.")
        pages = _declared_pages(archive, entries.get(_APP_PROPERTIES))
        if pages is not None and pages > MAX_PAGES:
            raise UploadRejected(
                "too_many_pages",
                f"This document has {pages} pages; the limit is {MAX_PAGES}. Shorten your "
                "resume and upload it again.",
            )
        headers = sorted(name for name in entries if _HEADER.match(name))
        paragraphs: list[str] = []
        for name in headers:
            for line in _paragraphs(_read_xml(archive, entries[name])):
                if line not in paragraphs:  # first-page and default headers often repeat
                    paragraphs.append(line)
        paragraphs += _paragraphs(_read_xml(archive, entries[_DOCUMENT]))
    return clean_text("\n".join(paragraphs)), pages


def check_archive(entries: list[zipfile.ZipInfo]) -> None:
    """Refuses archives that would inflate too far, judged by the central directory alone."""
    if len(entries) > ZIP_MAX_ENTRIES:
        raise unsafe()
    if sum(info.file_size for info in entries) > ZIP_MAX_TOTAL_BYTES:
        raise unsafe()
    for info in entries:
        if info.file_size > ZIP_RATIO_FLOOR_BYTES and (
            info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1)
        ):
            raise unsafe()


def _read_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> etree._Element:
    if info.file_size > ZIP_MAX_PART_BYTES:
        raise unsafe()
    try:
        raw = archive.read(info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError):
        raise corrupt() from None  # bad CRC, unknown compression, encrypted entry
    if any(marker in raw for marker in _DTD_MARKERS):
        raise unsafe()
    try:
        return etree.fromstring(raw, UNTRUSTED_XML_PARSER)
    except etree.XMLSyntaxError:
        raise corrupt() from None


def _declared_pages(archive: zipfile.ZipFile, info: zipfile.ZipInfo | None) -> int | None:
    if info is None:
        return None
    pages = _read_xml(archive, info).find(f"{_EXTENDED}Pages")
    if pages is None or not (pages.text or "").strip().isdigit():
        return None
    return int((pages.text or "").strip())


def _paragraphs(root: etree._Element) -> list[str]:
    """Each ``w:p`` as one line, in document order, tables and text boxes included."""
    out: list[str] = []
    _walk(root, [], out)
    return out


def _walk(element: etree._Element, line: list[str], out: list[str]) -> None:
    # libxml2 caps nesting at 256 levels without huge_tree, which bounds this recursion.
    for child in element:
        tag = child.tag
        if tag in _PROPERTIES:
            continue
        if tag == _P:
            inner: list[str] = []
            _walk(child, inner, out)
            out.append("".join(inner))
        elif tag == _T:
            line.append(child.text or "")
        elif tag == _TAB:
            line.append("\t")
        elif tag in (_BR, _CR):
            line.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            line.append("-")
        elif tag == _ALTERNATE:
            # Choice and Fallback hold the same content (e.g. a text box twice); read one.
            if len(child):
                _walk(child[0], line, out)
        else:
            _walk(child, line, out)
