"""Adapts a blocking ``TtsBackend`` to livekit-agents' non-streaming ``tts.TTS``.

The session wraps a non-streaming TTS in ``tts.StreamAdapter`` with a sentence tokenizer, so
``synthesize()`` is called once per sentence of the LLM reply. Synthesis runs on this TTS's
own thread pool, pulled one backend chunk at a time: nothing runs ahead of the consumer, and
when the session interrupts (the stream is closed, its task cancelled) no further chunk is
requested and the backend iterator is closed as soon as the chunk in flight returns.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import AsyncGenerator, Callable, Iterator
from contextlib import aclosing
from typing import Never, TypeVar, cast

from livekit.agents import APIError, tts
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, APIConnectOptions
from livekit.agents.utils import shortuuid

from agent.plugins.tts_backend import Pcm16, TtsBackend

FRAME_MS = 20
"""Frame length handed to the session's audio output (the WebRTC packet size)."""

T = TypeVar("T")
_EXHAUSTED = object()


class BackendTTS(tts.TTS[Never]):
    """A livekit ``tts.TTS`` (non-streaming, mono, the backend's sample rate) over a backend.

    One instance may serve every call of the process; ``aclose()`` stops its thread pool and
    is for process shutdown only.
    """

    def __init__(self, backend: TtsBackend, *, max_workers: int = 2) -> None:
        super().__init__(
            capabilities=tts.TTSCapabilities(streaming=False),
            sample_rate=backend.sample_rate,
            num_channels=1,
        )
        self._backend = backend
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=max_workers, thread_name_prefix=f"tts-{backend.name}"
        )

    @property
    def backend(self) -> TtsBackend:
        return self._backend

    @property
    def model(self) -> str:
        return self._backend.name

    @property
    def provider(self) -> str:
        return "local"

    def synthesize(
        self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS
    ) -> BackendChunkedStream:
        return BackendChunkedStream(tts=self, input_text=text, conn_options=conn_options)

    def _backend_chunks(self, text: str) -> AsyncGenerator[Pcm16, None]:
        return iterate_in_executor(self._executor, lambda: self._backend.synthesize(text))

    async def aclose(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


class BackendChunkedStream(tts.ChunkedStream):
    """One ``synthesize()`` request: backend chunks re-framed to ``FRAME_MS`` by the emitter."""

    def __init__(self, *, tts: BackendTTS, input_text: str, conn_options: APIConnectOptions):
        super().__init__(tts=tts, input_text=input_text, conn_options=conn_options)
        self._backend_tts = tts

    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        output_emitter.initialize(
            request_id=shortuuid(),
            sample_rate=self._backend_tts.sample_rate,
            num_channels=1,
            mime_type="audio/pcm",
            frame_size_ms=FRAME_MS,
        )
        chunks = self._backend_tts._backend_chunks(self.input_text)
        try:
            async with aclosing(chunks):
                async for chunk in chunks:
                    output_emitter.push(chunk.tobytes())
        except Exception as exc:  # a local engine failing again will not help: no retry
            name = self._backend_tts.model
            raise APIError(f"{name} synthesis failed: {exc}", retryable=False) from exc
        # No flush(): the base class ends the segment, which sends the held-back tail as the
        # final frame. A flush here would add a 10 ms silent end marker to every sentence.


async def iterate_in_executor(
    executor: concurrent.futures.Executor, make_iterator: Callable[[], Iterator[T]]
) -> AsyncGenerator[T, None]:
    """Drive a blocking iterator on ``executor``, one ``next()`` per item asked for.

    On early exit (cancellation, ``aclose()``) the iterator is closed after the ``next()``
    in flight, if any, returns; it is never touched by two threads at once.
    """
    loop = asyncio.get_running_loop()
    iterator: Iterator[T] | None = None
    pending: concurrent.futures.Future[object] | None = None

    def close(_: object = None) -> None:
        closer = getattr(iterator, "close", None)
        if closer is not None:
            closer()

    try:
        iterator = await asyncio.wrap_future(executor.submit(make_iterator), loop=loop)
        while True:
            pending = executor.submit(next, iterator, _EXHAUSTED)
            item = await asyncio.wrap_future(pending, loop=loop)
            if item is _EXHAUSTED:
                return
            yield cast(T, item)
    finally:
        if pending is None:
            close()
        else:
            pending.add_done_callback(close)
