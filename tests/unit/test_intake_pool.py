"""`ParserPool`: real worker processes, killed on timeout, crash or cancellation, and replaced."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator

import pytest

from agent.intake import ParserPool, UploadRejected, extract_document

import upload_samples as samples

# Ten pages of 120 lines each: tens of milliseconds of pypdf work, against a 1 ms timeout.
SLOW_PDF = samples.text_pdf([[f"Line {n} {samples.RESUME_LINES[1]}" for n in range(120)]] * 10)


@pytest.fixture
async def pool() -> AsyncIterator[ParserPool]:
    parsers = ParserPool(size=2)
    try:
        yield parsers
    finally:
        await parsers.aclose()


def worker_pids(parsers: ParserPool) -> frozenset[int]:
    return parsers.idle_pids | parsers.busy_pids


async def busy_pid(parsers: ParserPool) -> int:
    async with asyncio.timeout(30):
        while not parsers.busy_pids:
            await asyncio.sleep(0.001)
    (pid,) = parsers.busy_pids
    return pid


async def rejection(parsers: ParserPool, data: bytes) -> UploadRejected:
    with pytest.raises(UploadRejected) as info:
        await parsers.parse(data, "resume", None)
    return info.value


async def test_pooled_result_equals_in_process_result(pool: ParserPool) -> None:
    for data in (samples.text_pdf(), samples.docx_bytes(), samples.utf16_text()):
        assert await pool.parse(data, "cv", None) == extract_document(data, "cv", None)


async def test_workers_are_reused(pool: ParserPool) -> None:
    await pool.warm()
    started = worker_pids(pool)
    assert len(started) == 2
    for _ in range(5):
        await pool.parse(samples.text_pdf(), "cv.pdf", None)
    assert worker_pids(pool) == started


async def test_rejections_come_back_with_code_and_message(pool: ParserPool) -> None:
    cases = {
        "encrypted_file": samples.encrypted_pdf(),
        "too_many_pages": samples.many_pages_pdf(),
        "unsafe_file": samples.billion_laughs_docx(),
        "corrupt_file": samples.circular_kids_pdf(),
        "unsupported_type": samples.exe_bytes(),
        "empty_file": b"",
    }
    for code, data in cases.items():
        problem = await rejection(pool, data)
        assert (problem.code, bool(problem.message)) == (code, True)
    # The pool still works after all of them.
    await pool.parse(samples.text_pdf(), "cv.pdf", None)


async def test_a_slow_parse_is_killed_and_the_worker_replaced() -> None:
    parsers = ParserPool(size=1, timeout_s=0.001)
    try:
        await parsers.warm()
        (first,) = worker_pids(parsers)
        problem = await rejection(parsers, SLOW_PDF)
        assert problem.code == "corrupt_file"
        assert "too long" in problem.message
        assert first not in worker_pids(parsers)
    finally:
        await parsers.aclose()  # also waits for the killed worker to be reaped
    with pytest.raises(ProcessLookupError):
        os.kill(first, 0)  # gone, not left running
    relaxed = ParserPool(size=1)
    try:
        document = await relaxed.parse(SLOW_PDF, "cv.pdf", None)
        assert document.pages == 10
    finally:
        await relaxed.aclose()


async def test_a_crashed_worker_is_a_rejection_and_is_replaced(pool: ParserPool) -> None:
    parsing = asyncio.create_task(pool.parse(SLOW_PDF, "cv.pdf", None))
    os.kill(await busy_pid(pool), signal.SIGKILL)
    with pytest.raises(UploadRejected) as info:
        await parsing
    assert info.value.code == "corrupt_file"
    assert (await pool.parse(samples.text_pdf(), "cv.pdf", None)).kind == "pdf"


async def test_memory_bomb_hits_the_cap_not_the_server() -> None:
    # 70 MB of inflated content fits pypdf's own limits; a 150 MB address space does not.
    parsers = ParserPool(size=1, memory_bytes=150 * 1024 * 1024)
    try:
        problem = await rejection(parsers, samples.flate_bomb_pdf(megabytes=70))
        assert problem.code == "corrupt_file"
        assert (await parsers.parse(samples.text_pdf(), "cv.pdf", None)).kind == "pdf"
    finally:
        await parsers.aclose()


async def test_cancelled_parse_kills_its_worker(pool: ParserPool) -> None:
    parsing = asyncio.create_task(pool.parse(SLOW_PDF, "cv.pdf", None))
    pid = await busy_pid(pool)
    parsing.cancel()
    with pytest.raises(asyncio.CancelledError):
        await parsing
    await pool.aclose()  # waits for the killed worker to be reaped
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


async def test_callers_beyond_the_queue_are_told_to_retry() -> None:
    parsers = ParserPool(size=1, max_waiting=0)
    try:
        first = asyncio.create_task(parsers.parse(SLOW_PDF, "cv.pdf", None))
        await busy_pid(parsers)
        problem = await rejection(parsers, samples.text_pdf())
        assert problem.code == "busy"
        assert (await first).pages == 10
    finally:
        await parsers.aclose()


async def test_aclose_stops_every_worker() -> None:
    parsers = ParserPool(size=2)
    await parsers.warm()
    pids = parsers.idle_pids
    assert len(pids) == 2
    await parsers.aclose()
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    with pytest.raises(RuntimeError):
        await parsers.parse(samples.text_pdf(), "cv.pdf", None)
