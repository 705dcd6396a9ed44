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
import time
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from faster_whisper import WhisperModel

from agent import metrics
from agent.settings import Settings

from .thread_priority import lower_this_thread, threads_started_lowered
from .whisper_decoder import Decoded, WhisperDecoder
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


class AsrEngine:
    def __init__(self, model: WhisperModel, sizing: AsrSizing) -> None:
        self._decoder = WhisperDecoder(model)
        self.sizing = sizing
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=sizing.workers, thread_name_prefix="asr", initializer=lower_this_thread
        )
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
        self, audio: npt.NDArray[np.float32], *, context: str = "", hotwords: str = ""
    ) -> Decoded:
        """Blocking, on the caller's thread (tests, benchmarks)."""
        return self._decoder.decode(audio, context=context, hotwords=hotwords)

    async def decode(
        self, audio: npt.NDArray[np.float32], *, context: str = "", hotwords: str = ""
    ) -> Timed:
        """16 kHz mono float32 ``audio`` transcribed on the engine's threads."""
        submitted = time.perf_counter()
        started: list[float] = []

        def run() -> Decoded:
            started.append(time.perf_counter())
            return self._decoder.decode(audio, context=context, hotwords=hotwords)

        self._pending += 1
        metrics.ASR_QUEUE_DEPTH.labels(engine=ASR_ENGINE).inc()
        try:
            loop = asyncio.get_running_loop()
            decoded = await loop.run_in_executor(self._executor, run)
        finally:
            self._pending -= 1
            metrics.ASR_QUEUE_DEPTH.labels(engine=ASR_ENGINE).dec()
        began = started[0] if started else submitted
        return Timed(decoded, began - submitted, time.perf_counter() - began)

    def close(self) -> None:
        """At process shutdown."""
        self._executor.shutdown(wait=False, cancel_futures=True)
