"""Fuzzing `extract_document`: mutated PDFs and DOCX files are read or rejected, nothing else.

Any exception other than `UploadRejected` fails the test, and so does one example running
past `HANG_S` (an interval timer raises a BaseException the extractor cannot swallow).
"""

from __future__ import annotations

import io
import signal
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent.intake import ExtractedDocument, UploadRejected, extract_document

import upload_samples as samples

HANG_S = 20.0

PDF = samples.text_pdf([samples.RESUME_LINES, ["Second page", *samples.RESUME_LINES]])
DOCX = samples.docx_bytes(table=("Skills", "Go"))
with zipfile.ZipFile(io.BytesIO(DOCX)) as _archive:
    DOCUMENT_XML = _archive.read("word/document.xml")


class Hung(BaseException):
    """Raised by the timer inside a stuck extraction."""


@contextmanager
def hang_guard() -> Iterator[None]:
    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise Hung(f"extraction ran past {HANG_S} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_or_reject(data: bytes) -> ExtractedDocument | UploadRejected:
    with hang_guard():
        try:
            return extract_document(data, "fuzz", None)
        except UploadRejected as rejected:
            assert rejected.message
            return rejected


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "delete", "insert", "duplicate", "truncate"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif action == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 256))]
        else:
            del data[at:]
    return bytes(data)


def with_document_xml(xml: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(DOCX)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            body = xml if info.filename == "word/document.xml" else src.read(info.filename)
            dst.writestr(info.filename, body)
    return out.getvalue()


FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated(PDF))
def test_mutated_pdf_is_read_or_rejected(data: bytes) -> None:
    read_or_reject(data)


@FUZZ
@given(mutated(DOCX))
def test_mutated_docx_archive_is_read_or_rejected(data: bytes) -> None:
    read_or_reject(data)


@FUZZ
@given(mutated(DOCUMENT_XML))
def test_mutated_docx_xml_is_read_or_rejected(xml: bytes) -> None:
    read_or_reject(with_document_xml(xml))
