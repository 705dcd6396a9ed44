"""`extract_document` on real resumes, generated ones, and every kind of hostile file."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from lxml import etree

from agent.intake import MAX_FILE_BYTES, ExtractedDocument, UploadRejected, extract_document
from agent.intake.docx_text import UNTRUSTED_XML_PARSER
from agent.intake.filenames import safe_filename

import upload_samples as samples
from paths import resume_fixture

GLUED_WORD = re.compile(r"[^\W\d_]{20,}")  # 20+ letters in a row: words run together


def fixture(name: str) -> bytes:
    return resume_fixture(name).read_bytes()


def rejected(data: bytes, filename: str = "resume", declared: str | None = None) -> UploadRejected:
    with pytest.raises(UploadRejected) as info:
        extract_document(data, filename, declared)
    assert info.value.message
    return info.value


def assert_words_separated(text: str) -> None:
    glued = GLUED_WORD.findall(text)
    assert not glued, f"words run together: {glued[:5]}"


# -- real LaTeX resumes -----------------------------------------------------------------
def test_latex_cv_reads_with_spaces_between_words() -> None:
    document = extract_document(fixture("awesome-cv-cv.pdf"), "cv.pdf", "application/pdf")
    assert (document.kind, document.pages) == ("pdf", 5)
    text = document.text
    for expected in (
        "Claud D. Park",
        "DevOps Engineer",
        "Be the change that you want to see in the world.",
        "AWS, Docker, Kubernetes, Rancher",
        "Node.js, Python",
        "Site Reliability Engineer",
        "Mar. 2010 - Aug. 2017",
    ):
        assert expected in text
    assert_words_separated(text)
    assert len(text.split()) > 1500


def test_latex_resume_reads_with_spaces_between_words() -> None:
    document = extract_document(fixture("awesome-cv-resume.pdf"), "resume.pdf", None)
    assert (document.kind, document.pages) == ("pdf", 3)
    text = document.text
    for expected in (
        "Byungjin Park",
        "Seasoned SRE/DevOps leader currently on a career sabbatical",
        "high-impact opportunities in fast-growing",
        # TeX hyphenated "Con-sul" across two lines: the word is whole again.
        "Kuma, Consul, and AWS VPC Lattice",
        "Terraform",
    ):
        assert expected in text
    assert_words_separated(text)


def test_latex_resume_loses_icon_glyph_names_and_page_footers() -> None:
    text = extract_document(fixture("awesome-cv-resume.pdf"), "resume.pdf", None).text
    for icon_name in ("HOUSE-CHIMNEY", "GITHUB-SQUARE", "LINKEDIN"):
        assert icon_name not in text
    assert "posquit0.bj@gmail.com" in text
    assert "Résumé" not in text  # "February 10, 2026 Byungjin Park · Résumé N" on each page
    assert "\u00ad" not in text


# -- generated good files ---------------------------------------------------------------
def assert_resume_lines(document: ExtractedDocument) -> None:
    for line in samples.RESUME_LINES:
        assert line in document.text


def test_plain_pdf() -> None:
    document = extract_document(samples.text_pdf(), "cv.pdf", "application/pdf")
    assert (document.kind, document.pages) == ("pdf", 1)
    assert_resume_lines(document)


def test_docx_paragraphs_and_tables() -> None:
    data = samples.docx_bytes(table=("Skills", "Go, Rust"))
    document = extract_document(data, "cv.docx", None)
    assert document.kind == "docx"
    assert_resume_lines(document)
    assert "Skills" in document.text and "Go, Rust" in document.text


def test_docx_header_first_and_text_box_once() -> None:
    data = samples.docx_with_header_and_text_box("Ada Lovelace, London", "Boxed skills: Rust")
    text = extract_document(data, "cv.docx", None).text
    assert text.startswith("Ada Lovelace, London")
    assert text.count("Boxed skills: Rust") == 1


def test_text_longer_than_ten_pages_is_refused() -> None:
    data = ("Analytical engine programmer. " * 4000).encode()
    problem = rejected(data)
    assert (problem.code, "10 pages" in problem.message) == ("too_many_pages", True)


def test_utf8_and_utf16_text() -> None:
    utf8 = "\n".join(samples.RESUME_LINES).encode()
    for data in (utf8, b"\xef\xbb\xbf" + utf8, samples.utf16_text(bom=True)):
        document = extract_document(data, "cv.txt", "text/plain")
        assert (document.kind, document.pages) == ("txt", None)
        assert_resume_lines(document)


def test_owner_only_encryption_still_opens() -> None:
    document = extract_document(samples.encrypted_pdf(user_password=""), "cv.pdf", None)
    assert_resume_lines(document)


def test_declared_type_and_name_are_not_trusted() -> None:
    # A PDF sent as "cv.txt" / text/plain is still read as the PDF it is.
    document = extract_document(samples.text_pdf(), "cv.txt", "text/plain")
    assert document.kind == "pdf"
    # An executable called resume.pdf is still an executable.
    assert rejected(samples.exe_bytes(), "resume.pdf", "application/pdf").code == (
        "unsupported_type"
    )


def test_nested_zip_inside_a_docx_is_never_opened() -> None:
    assert_resume_lines(extract_document(samples.docx_with_nested_zip(), "cv.docx", None))


# -- every bad case ---------------------------------------------------------------------
# What each rejection tells the candidate to do, by sample name.
ADVICE = {
    "empty": "upload it again",
    "over 5 MB": "smaller file",
    "blank text": "no text",
    "legacy .doc": "save it as .docx or PDF",
    "image": "image",
    "executable": "PDF, a Word document",
    "random bytes": "PDF, a Word document",
    "UTF-16 without BOM": "PDF, a Word document",
    "encrypted PDF": "Remove the password",
    "scanned PDF": "selectable text",
    "11 pages": "limit is 10",
    "truncated PDF": "Export it again",
    "circular /Kids": "Export it again",
    "deeply nested PDF": "Export it again",
    "self-drawing XObject": "selectable text",
    "flate bomb": "Export it again",
    "zip bomb DOCX": "save it as a new .docx",
    "5000-entry DOCX": "save it as a new .docx",
    "billion laughs": "save it as a new .docx",
    "external entity": "save it as a new .docx",
    "12-page DOCX": "limit is 10",
    "nested zip": "isn't a Word document",
    "zip without document": "isn't a Word document",
}
BAD_CASES: list[tuple[str, Callable[[], bytes], str]] = [
    *samples.BAD_UPLOADS,
    ("over 5 MB", lambda: b"a" * (MAX_FILE_BYTES + 1), "too_large"),
    ("blank text", lambda: b"   \n\n  \t ", "no_text"),
]


@pytest.mark.parametrize(("name", "make", "code"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_file_is_rejected_with_advice(name: str, make: Callable[[], bytes], code: str) -> None:
    problem = rejected(make())
    assert problem.code == code
    assert ADVICE[name] in problem.message


def test_prev_loop_is_survived() -> None:
    # pypdf notices that the /Prev chain loops and reads the first section: the text is there.
    assert_resume_lines(extract_document(samples.prev_loop_pdf(), "cv.pdf", None))


def test_parser_never_expands_entities() -> None:
    """Even past the DTD check, the XML parser leaves entities unexpanded and files unread."""
    laughs = (
        '<!DOCTYPE d [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<d>&c;&x;</d>"
    )
    root = etree.fromstring(laughs.encode(), UNTRUSTED_XML_PARSER)
    text = "".join(root.itertext())
    assert "lol" not in text
    assert "root:" not in text


# -- file names -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "kind", "safe"),
    [
        ("My CV.pdf", "pdf", "My CV.pdf"),
        ("C:\\Users\\ada\\cv.PDF", "pdf", "cv.pdf"),
        ("../../etc/passwd", "txt", "passwd.txt"),
        ('cv"\r\n<script>.docx', "docx", "cvscript.docx"),
        ("résumé.txt", "pdf", "résumé.txt.pdf"),
        ("", "txt", "resume.txt"),
        (None, "docx", "resume.docx"),
        ("...", "pdf", "resume.pdf"),
        ("x" * 500 + ".pdf", "pdf", "x" * 196 + ".pdf"),
    ],
)
def test_safe_filename(raw: str | None, kind: str, safe: str) -> None:
    assert safe_filename(raw, kind) == safe  # type: ignore[arg-type]
