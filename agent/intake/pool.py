"""`ParserPool`: parsing in reusable worker processes, each job under a wall-clock timeout.

A worker is a fresh interpreter (`agent.intake.worker`), not a fork of the server: the server
holds speech models, threads and sockets that a fork would drag along, and its address space
is far over the worker's memory cap. Workers start once and serve many jobs; one that times
out, dies, says something unexpected, or was cancelled mid-job is killed and replaced. The
environment passed to workers is minimal, so a subverted worker finds no secrets in it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from typing import get_args

from .errors import RejectionCode, UploadRejected, corrupt
from .extract import DocumentKind, ExtractedDocument, check_size
from .limits import MAX_TEXT_CHARS, PARSE_TIMEOUT_S, WORKER_MEMORY_BYTES
from .protocol import ProtocolError, encode_frame, read_reply

log = logging.getLogger(__name__)

_START_TIMEOUT_S = 30.0
_CLOSE_TIMEOUT_S = 2.0
_ENV_KEPT = ("PATH", "PYTHONPATH", "LANG", "LC_ALL", "TMPDIR")
_KINDS: tuple[str, ...] = get_args(DocumentKind)
_CODES: tuple[str, ...] = get_args(RejectionCode)


class _Worker:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.jobs = 0

    @classmethod
    async def start(cls, memory_bytes: int) -> _Worker:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "agent.intake.worker",
            str(memory_bytes),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            env={key: os.environ[key] for key in _ENV_KEPT if key in os.environ},
            start_new_session=True,  # a Ctrl-C meant for the server is not the worker's
        )
        worker = cls(process)
        try:
            async with asyncio.timeout(_START_TIMEOUT_S):
                ready = await read_reply(worker._stdout)
        except BaseException:
            worker.kill()
            raise
        if ready != {"ready": True}:
            worker.kill()
            raise RuntimeError("parsing worker did not start")
        return worker

    @property
    def _stdout(self) -> asyncio.StreamReader:
        assert self.process.stdout is not None
        return self.process.stdout

    async def run(self, request: bytes) -> dict[str, object]:
        assert self.process.stdin is not None
        self.jobs += 1
        self.process.stdin.write(request)
        await self.process.stdin.drain()
        return await read_reply(self._stdout)

    def kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()

    async def close(self) -> None:
        """Lets the worker exit on end of input; kills it if it does not."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            async with asyncio.timeout(_CLOSE_TIMEOUT_S):
                await self.process.wait()
        except TimeoutError:
            self.kill()
            await self.process.wait()


class ParserPool:
    """Up to ``size`` workers; callers beyond that wait, up to ``max_waiting`` of them."""

    def __init__(
        self,
        *,
        size: int = 2,
        timeout_s: float = PARSE_TIMEOUT_S,
        memory_bytes: int = WORKER_MEMORY_BYTES,
        max_jobs_per_worker: int = 200,
        max_waiting: int = 16,
    ) -> None:
        self._timeout_s = timeout_s
        self._memory_bytes = memory_bytes
        self._max_jobs = max_jobs_per_worker
        self._max_waiting = max_waiting
        self._slots = asyncio.Semaphore(size)
        self._size = size
        self._waiting = 0
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._reaping: set[asyncio.Task[None]] = set()
        self._closed = False

    @property
    def idle_pids(self) -> frozenset[int]:
        return frozenset(worker.process.pid for worker in self._idle)

    @property
    def busy_pids(self) -> frozenset[int]:
        return frozenset(worker.process.pid for worker in self._busy)

    async def warm(self) -> None:
        """Starts idle workers up to the pool size, so the first uploads wait for none."""
        missing = self._size - len(self._idle) - len(self._busy)
        started = await asyncio.gather(*(_Worker.start(self._memory_bytes) for _ in range(missing)))
        self._idle.extend(started)

    async def parse(
        self, data: bytes, filename: str, declared_type: str | None
    ) -> ExtractedDocument:
        """`extract_document` in a worker; `UploadRejected` for bad files, slow ones included."""
        if self._closed:
            raise RuntimeError("parser pool is closed")
        check_size(data)
        if self._slots.locked() and self._waiting >= self._max_waiting:
            raise UploadRejected("busy", "We're reading many files right now; try again shortly.")
        self._waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self._waiting -= 1
        try:
            worker = self._idle.pop() if self._idle else await _Worker.start(self._memory_bytes)
            request = encode_frame({"filename": filename, "declared_type": declared_type}, data)
            return await self._run(worker, request)
        finally:
            self._slots.release()

    async def _run(self, worker: _Worker, request: bytes) -> ExtractedDocument:
        self._busy.add(worker)
        keep = False
        try:
            async with asyncio.timeout(self._timeout_s):
                reply = await worker.run(request)
            keep = not reply.get("retire")
            return _document_of(reply)
        except TimeoutError:
            log.warning("parsing worker %d timed out; killed", worker.process.pid)
            raise UploadRejected(
                "corrupt_file",
                "This file took too long to read; it may be damaged. Export it again from your "
                "editor and upload the new file.",
            ) from None
        except (asyncio.IncompleteReadError, ConnectionError, ProtocolError):
            keep = False
            log.warning(
                "parsing worker %d failed (exit %s)", worker.process.pid, worker.process.returncode
            )
            raise corrupt() from None
        finally:
            self._busy.discard(worker)
            self._release(worker, keep=keep and worker.jobs < self._max_jobs)

    def _release(self, worker: _Worker, *, keep: bool) -> None:
        if keep and not self._closed:
            self._idle.append(worker)
            return
        if not keep:
            worker.kill()
        task = asyncio.get_running_loop().create_task(worker.close(), name="close-parsing-worker")
        self._reaping.add(task)
        task.add_done_callback(self._reaping.discard)

    async def aclose(self) -> None:
        self._closed = True
        for worker in self._busy:
            worker.kill()
        idle, self._idle = self._idle, []
        await asyncio.gather(*(worker.close() for worker in idle), return_exceptions=True)
        await asyncio.gather(*self._reaping, return_exceptions=True)


def _document_of(reply: dict[str, object]) -> ExtractedDocument:
    """Believes a worker's reply only if it has exactly the expected shape."""
    code, message = reply.get("code"), reply.get("message")
    if isinstance(code, str) and code in _CODES and isinstance(message, str):
        raise UploadRejected(code, message)  # type: ignore[arg-type]
    kind, text, pages = reply.get("kind"), reply.get("text"), reply.get("pages")
    if (
        isinstance(kind, str)
        and kind in _KINDS
        and isinstance(text, str)
        and len(text) <= MAX_TEXT_CHARS
        and (pages is None or (isinstance(pages, int) and not isinstance(pages, bool)))
    ):
        return ExtractedDocument(kind, text, pages)  # type: ignore[arg-type]
    raise ProtocolError("unexpected reply")


_default: tuple[asyncio.AbstractEventLoop, ParserPool] | None = None


def default_pool() -> ParserPool:
    """The process's shared pool for the running event loop, created on first use."""
    global _default
    loop = asyncio.get_running_loop()
    if _default is None or _default[0] is not loop:
        _default = (loop, ParserPool())
    return _default[1]


async def parse_upload(data: bytes, filename: str, declared_type: str | None) -> ExtractedDocument:
    """Parses an upload in the shared pool: the entry point for the HTTP route."""
    return await default_pool().parse(data, filename, declared_type)


async def aclose_default_pool() -> None:
    """Stops the shared pool's workers (call from the server's shutdown)."""
    global _default
    if _default is not None:
        _, pool = _default
        _default = None
        await pool.aclose()
