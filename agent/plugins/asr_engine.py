"""`AsrEngine`: one Whisper model per process and the threads that run it.

Every call of the process transcribes through it. CTranslate2 releases the GIL, so its
threads never stall the event loop; ``workers`` transcriptions run at once (each with
``threads`` CPU threads), and a call's chunk queues only behind that many others. Sized to
the cores by default (`sized_for_cores`). Its threads run below the event loop
(`thread_priority`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from faster_whisper import WhisperModel

from agent import metrics
from agent.settings import Settings

from .thread_priority import lower_this_thread, threads_started_lowered
from .whisper_decoder import Decoded, Guesses, WhisperDecoder
from .whisper_model import load_whisper_model

ASR_ENGINE = "faster-whisper"
"""The ``engine`` label of the ASR queue gauge."""


@dataclass(frozen=True, slots=True)
class AsrSizing:
    workers: int
    threads: int


def sized_for_cores(cores: int | None = None) -> AsrSizing:
    """One transcription per two cores, each on two threads (one on a one-core machine)."""
    count = cores or os.cpu_count() or 1
    if count <= 1:
        return AsrSizing(workers=1, threads=1)
    return AsrSizing(workers=max(1, count // 2), threads=2)


@dataclass(frozen=True, slots=True)
class Timed:
    decoded: Decoded
    queued_s: float
    """Waiting for a free worker."""
    ran_s: float


Urgent = Callable[[], bool]
"""Whether a queued transcription is now awaited by someone (a candidate's turn just ended)."""


def _never() -> bool:
    return False


@dataclass(eq=False, slots=True)
class _Job:
    run: Callable[[], Decoded]
    urgent: Urgent
    future: concurrent.futures.Future[Decoded] = field(default_factory=concurrent.futures.Future)


class AsrEngine:
    def __init__(self, model: WhisperModel, sizing: AsrSizing) -> None:
        self._decoder = WhisperDecoder(model)
        self.sizing = sizing
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=sizing.workers, thread_name_prefix="asr", initializer=lower_this_thread
        )
        self._waiting: list[_Job] = []
        self._lock = threading.Lock()
        self._pending = 0

    @classmethod
    def load(cls, settings: Settings) -> AsrEngine:
        """Blocking: loads the model (packaged tiny.en unless settings name another)."""
        sizing = sized_for_cores()
        with threads_started_lowered():
            model = load_whisper_model(settings, threads=sizing.threads, workers=sizing.workers)
        return cls(model, sizing)

    @property
    def queue_depth(self) -> int:
        """Transcriptions submitted and not finished (running ones included)."""
        return self._pending

    def decode_now(
        self,
        audio: npt.NDArray[np.float32],
        *,
        context: str = "",
        hotwords: str = "",
        guesses: Guesses | None = None,
    ) -> Decoded:
        """Blocking, on the caller's thread (tests, benchmarks)."""
        return self._decoder.decode(audio, context=context, hotwords=hotwords, guesses=guesses)

    async def decode(
        self,
        audio: npt.NDArray[np.float32],
        *,
        context: str = "",
        hotwords: str = "",
        guesses: Guesses | None = None,
        urgent: Urgent = _never,
    ) -> Timed:
        """16 kHz mono float32 ``audio`` transcribed on the engine's threads. A free thread
        takes the oldest of the transcriptions that are ``urgent`` by then, else the oldest:
        one call's final transcript does not wait behind other calls' interim ones."""
        submitted = time.perf_counter()
        started: list[float] = []

        def run() -> Decoded:
            started.append(time.perf_counter())
            return self._decoder.decode(audio, context=context, hotwords=hotwords, guesses=guesses)

        job = _Job(run, urgent)
        self._pending += 1
        metrics.ASR_QUEUE_DEPTH.labels(engine=ASR_ENGINE).inc()
        try:
            with self._lock:
                self._waiting.append(job)
            self._executor.submit(self._take)
            decoded = await asyncio.wrap_future(job.future)
        finally:
            self._pending -= 1
            metrics.ASR_QUEUE_DEPTH.labels(engine=ASR_ENGINE).dec()
        began = started[0] if started else submitted
        return Timed(decoded, began - submitted, time.perf_counter() - began)

    def _take(self) -> None:
        """On an engine thread: runs the waiting job that is most needed now. Each job
        submits one take, so every job is run (or dropped, when its caller went away)."""
        with self._lock:
            if not self._waiting:
                return
            job = next((j for j in self._waiting if j.urgent()), self._waiting[0])
            self._waiting.remove(job)
        if not job.future.set_running_or_notify_cancel():
            return  # its caller stopped waiting (a call ended)
        try:
            job.future.set_result(job.run())
        except Exception as exc:  # the caller's to handle, as from any decode
            job.future.set_exception(exc)

    def close(self) -> None:
        """At process shutdown."""
        self._executor.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            waiting, self._waiting = self._waiting, []
        for job in waiting:
            job.future.cancel()
