"""Upload samples for the intake tests: valid resumes and every kind of hostile file.

PDFs are written by hand (with a correct xref) so that each defect is exactly the one named;
DOCX files come from python-docx and are then rearranged with zipfile.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Sequence

import docx
from pypdf import PdfReader, PdfWriter

RESUME_LINES = (
    "Ada Lovelace",
    "Backend engineer - Python, PostgreSQL, Kubernetes",
    "Experience: built a payments API serving 3 million users.",
)


# -- PDF ---------------------------------------------------------------------------------
def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content(lines: Sequence[str]) -> bytes:
    ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    ops += [f"({_escape(line)}) Tj T*" for line in lines]
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def _stream(body: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(body), extra, body)


def assemble_pdf(objects: Sequence[bytes], trailer: bytes = b"/Root 1 0 R") -> bytes:
    """A PDF whose object ``n`` (1-based) is ``objects[n-1]``, with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref_at,
    )
    return bytes(out)


def text_pdf(pages: Sequence[Sequence[str]] = (RESUME_LINES,)) -> bytes:
    """A plain PDF with one Helvetica text block per page."""
    count = len(pages)
    first_page = 4  # objects: 1 catalog, 2 pages, 3 font, then (page, content) pairs
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, lines in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (first_page + 2 * i + 1)
        )
        objects.append(_stream(_content(lines)))
    return assemble_pdf(objects)


def many_pages_pdf(count: int = 11) -> bytes:
    return text_pdf([[f"Page {n} of a long resume", *RESUME_LINES] for n in range(1, count + 1)])


def encrypted_pdf(user_password: str = "secret") -> bytes:
    """Encrypted with AES-256; an empty user password means anyone may open it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_pdf(pages: int = 1) -> bytes:
    """What a scanner without OCR gives: pages and no text layer."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_pdf() -> bytes:
    data = text_pdf()
    return data[: len(data) // 2]


def circular_kids_pdf() -> bytes:
    """The page tree points back at itself: Pages 2 -> Pages 3 -> Pages 2."""
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>",
        ]
    )


def prev_loop_pdf() -> bytes:
    """Two xref sections whose /Prev entries point at each other."""
    base = bytearray(text_pdf())
    # Point the trailer's /Prev at its own xref, then append an update whose /Prev points at
    # the first: a reader that follows /Prev without remembering where it was never stops.
    first_xref = int(base[base.rindex(b"startxref") + 10 :].split()[0])
    base = base.replace(b"/Root 1 0 R", b"/Root 1 0 R /Prev %d" % first_xref, 1)
    second_xref = len(base)
    base += b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 9 /Root 1 0 R /Prev %d >>\n" % (
        first_xref
    )
    base += b"startxref\n%d\n%%%%EOF\n" % second_xref
    return bytes(base)


def deeply_nested_pdf(depth: int = 200_000) -> bytes:
    """An array nested far deeper than any recursive parser's stack."""
    nested = b"[" * depth + b"]" * depth
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Nest %s >>" % nested,
        ]
    )


def xobject_loop_pdf() -> bytes:
    """A form XObject that draws itself, forever."""
    form = _stream(
        b"/X1 Do",
        b" /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X1 4 0 R >> >>",
    )
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            (
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                b"/Resources << /XObject << /X1 4 0 R >> >> /Contents 5 0 R >>"
            ),
            form,
            _stream(b"/X1 Do"),
        ]
    )


def flate_bomb_pdf(megabytes: int = 400) -> bytes:
    """A content stream that inflates from well under 1 MB to ``megabytes`` of spaces."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    body = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            (
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            ),
            _stream(body, b" /Filter /FlateDecode"),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


# -- DOCX --------------------------------------------------------------------------------
def docx_bytes(paragraphs: Sequence[str] = RESUME_LINES, table: Sequence[str] = ()) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=1, cols=len(table))
        for cell, text in zip(grid.rows[0].cells, table, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_with_header_and_text_box(header: str, boxed: str) -> bytes:
    """A header paragraph, and a text box stored twice (Choice and Fallback) as Word does."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = header
    document.add_paragraph(RESUME_LINES[0])
    out = io.BytesIO()
    document.save(out)
    box = (
        f'<w:p><w:r><mc:AlternateContent xmlns:mc="{_MC}">'
        f'<mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>{boxed}</w:t></w:r></w:p>'
        "</w:txbxContent></mc:Choice>"
        f"<mc:Fallback><w:txbxContent><w:p><w:r><w:t>{boxed}</w:t></w:r></w:p>"
        "</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        xml = archive.read("word/document.xml").decode()
    xml = xml.replace("<w:sectPr", box + "<w:sectPr", 1)
    return _rezip(out.getvalue(), {"word/document.xml": xml.encode()})


def long_docx(pages: int = 12) -> bytes:
    """A DOCX whose editor recorded more pages than the limit (docProps/app.xml)."""
    source = docx_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        app = archive.read("docProps/app.xml").decode()
    app = app.replace("<Pages>1</Pages>", f"<Pages>{pages}</Pages>")
    return _rezip(source, {"docProps/app.xml": app.encode()})


def _rezip(source: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def zip_bomb_docx(megabytes: int = 200) -> bytes:
    """A real DOCX plus one entry that inflates from ~200 KB to ``megabytes`` of zeros."""
    out = io.BytesIO(docx_bytes())
    chunk = bytes(1 << 20)
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("word/media/image1.bin", "w", force_zip64=True) as entry,
    ):
        for _ in range(megabytes):
            entry.write(chunk)
    return out.getvalue()


def billion_laughs_docx() -> bytes:
    """word/document.xml declares entities that expand to ~10^9 "lol"s if resolved."""
    entities = ['<!ENTITY lol "lol">']
    entities += [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<!DOCTYPE w:document [{''.join(entities)}]>\n"
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Ada Lovelace &lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _rezip(docx_bytes(), {"word/document.xml": xml.encode()})


def external_entity_docx() -> bytes:
    """An XXE attempt: an entity that would read /etc/passwd if external entities loaded."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Ada Lovelace &xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _rezip(docx_bytes(), {"word/document.xml": xml.encode()})


def nested_zip() -> bytes:
    """A zip holding a DOCX: not itself a DOCX (no word/document.xml at the top)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("resume.docx", docx_bytes())
    return out.getvalue()


def docx_with_nested_zip() -> bytes:
    """A DOCX carrying an embedded zip (as embedded spreadsheets do); its text still reads."""
    return _rezip(docx_bytes(), {}, {"word/embeddings/inner.zip": nested_zip()})


def many_entries_docx(entries: int = 5000) -> bytes:
    return _rezip(docx_bytes(), {}, {f"word/media/e{i}.bin": b"" for i in range(entries)})


def docx_without_document() -> bytes:
    """An OOXML-looking zip with no word/document.xml (e.g. a spreadsheet)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


# -- everything else -----------------------------------------------------------------------
def utf16_text(bom: bool = True) -> bytes:
    text = "\n".join(RESUME_LINES)
    return text.encode("utf-16") if bom else text.encode("utf-16-le")


def random_bytes(size: int = 4096, seed: int = 7) -> bytes:
    # A fixed linear congruential generator: the same bytes on every run, no NUL-free luck.
    state, out = seed, bytearray()
    for _ in range(size):
        state = (1103515245 * state + 12345) & 0x7FFFFFFF
        out.append(state >> 16 & 0xFF)
    return bytes(out)


def exe_bytes() -> bytes:
    """The start of a Windows executable: MZ header, DOS stub, PE signature."""
    header = bytearray(b"MZ" + bytes(58) + (128).to_bytes(4, "little"))
    header += b"\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21This program cannot be run in DOS mode.\r\n$"
    header += bytes(128 - len(header)) + b"PE\x00\x00" + bytes(256)
    return bytes(header)


def legacy_doc() -> bytes:
    """An OLE2 compound file header, as Word 97-2003 .doc files start."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(64)


# -- the catalogue -------------------------------------------------------------------------
# (name, bytes, the rejection code) for every bad upload above; the API and unit tests share it.
BAD_UPLOADS: tuple[tuple[str, Callable[[], bytes], str], ...] = (
    ("empty", lambda: b"", "empty_file"),
    ("legacy .doc", legacy_doc, "unsupported_type"),
    ("image", png_bytes, "unsupported_type"),
    ("executable", exe_bytes, "unsupported_type"),
    ("random bytes", random_bytes, "unsupported_type"),
    ("UTF-16 without BOM", lambda: utf16_text(bom=False), "unsupported_type"),
    ("encrypted PDF", encrypted_pdf, "encrypted_file"),
    ("scanned PDF", blank_pdf, "no_text"),
    ("11 pages", many_pages_pdf, "too_many_pages"),
    ("truncated PDF", truncated_pdf, "corrupt_file"),
    ("circular /Kids", circular_kids_pdf, "corrupt_file"),
    ("deeply nested PDF", deeply_nested_pdf, "corrupt_file"),
    ("self-drawing XObject", xobject_loop_pdf, "no_text"),
    ("flate bomb", flate_bomb_pdf, "corrupt_file"),
    ("zip bomb DOCX", zip_bomb_docx, "unsafe_file"),
    ("5000-entry DOCX", many_entries_docx, "unsafe_file"),
    ("billion laughs", billion_laughs_docx, "unsafe_file"),
    ("external entity", external_entity_docx, "unsafe_file"),
    ("12-page DOCX", long_docx, "too_many_pages"),
    ("nested zip", nested_zip, "unsupported_type"),
    ("zip without document", docx_without_document, "unsupported_type"),
)
