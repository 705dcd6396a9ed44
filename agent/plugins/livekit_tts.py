"""Adapts a blocking ``TtsBackend`` to livekit-agents' non-streaming ``tts.TTS``.

A call speaks through `sentence_stream(tts)`: a ``tts.StreamAdapter`` that cuts the reply
into sentences however short, so ``synthesize()`` is called once per sentence and the first
one ("Thanks.") is heard while the next is being made. Synthesis runs on this TTS's own
thread pool, pulled one backend chunk at a time: nothing runs ahead of the consumer, and
when the session interrupts (the stream is closed, its task cancelled) no further chunk is
requested and the backend iterator is closed as soon as the chunk in flight returns.

A call speaks through its own `CallVoice` over the process's one `BackendTTS`: the voice
keeps the speed that call asked for ("could you slow down?"), and sentences made at another
speed are cached apart (`BackendTTS.cache_at`).

With a `SpeechCache`, a sentence heard before (or pre-synthesized with `presynthesize`,
while no call is waiting for speech) is played from the cache, and every sentence completed
is kept for next time, as it is played (its leading silence cut). A sentence held in memory
plays straight from the event loop: an acknowledgement never queues behind another call's
synthesis on the pool.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import threading
from collections.abc import AsyncGenerator, Callable, Iterable, Iterator
from contextlib import aclosing
from typing import Any, Never, TypeVar, cast

import numpy as np
from livekit.agents import APIError, tokenize, tts
from livekit.agents.tokenize import blingfire
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, APIConnectOptions
from livekit.agents.utils import shortuuid

from agent.plugins.leading_silence import trim_leading_silence
from agent.plugins.speech_cache import SpeechCache
from agent.plugins.thread_priority import lower_this_thread
from agent.plugins.tts_backend import Pcm16, TtsBackend

FRAME_MS = 20
"""Frame length handed to the session's audio output (the WebRTC packet size)."""

T = TypeVar("T")
_EXHAUSTED = object()
_AHEAD_PAUSE_S = 0.3
_ENDED = re.compile(r"[.!?][\"')]?\s+$")
_OTHER_SPEED_ITEMS = 256
"""Sentences held in memory per speed other than the voice's own (few calls ask for one)."""


def sentence_tokenizer() -> blingfire.SentenceTokenizer:
    """Every sentence its own synthesis, however short: livekit's default joins sentences
    under 20 characters to the next, so "Thanks." waited for the question after it."""
    return _EagerSentences(min_sentence_len=1, retain_format=True)


class _EagerSentences(blingfire.SentenceTokenizer):
    """Streams a sentence as soon as text ending in ". " (or "? ", "! ") arrives: livekit's
    stream waits for the next sentence's first words to be sure one ended, so an "Okay. "
    said while the reply is still being decided would wait for the reply."""

    def stream(self, *, language: str | None = None) -> tokenize.SentenceStream:
        return _EagerStream(super().stream(language=language))


class _EagerStream(tokenize.SentenceStream):
    def __init__(self, inner: tokenize.SentenceStream) -> None:
        super().__init__()
        self._inner = inner
        self._tail = ""

    def push_text(self, text: str) -> None:
        self._inner.push_text(text)
        self._tail = (self._tail + text)[-4:]
        if _ENDED.search(self._tail):
            self._inner.flush()

    def flush(self) -> None:
        self._inner.flush()

    def end_input(self) -> None:
        self._inner.end_input()

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def __anext__(self) -> tokenize.TokenData:
        return await self._inner.__anext__()


def sentences(text: str) -> list[str]:
    """``text`` cut as a call's TTS stream cuts it (the keys its sentences are cached by)."""
    return [s.strip() for s in sentence_tokenizer().tokenize(text) if s.strip()]


def sentence_stream(speech: tts.TTS[Any]) -> tts.TTS[Any]:
    """The TTS a call speaks through: a streaming one as it is, else sentence by sentence."""
    if speech.capabilities.streaming:
        return speech
    return tts.StreamAdapter(tts=speech, sentence_tokenizer=sentence_tokenizer())


class BackendTTS(tts.TTS[Never]):
    """A livekit ``tts.TTS`` (non-streaming, mono, the backend's sample rate) over a backend.

    One instance may serve every call of the process; ``aclose()`` stops its thread pool and
    is for process shutdown only.
    """

    def __init__(
        self, backend: TtsBackend, *, max_workers: int = 2, cache: SpeechCache | None = None
    ) -> None:
        super().__init__(
            capabilities=tts.TTSCapabilities(streaming=False),
            sample_rate=backend.sample_rate,
            num_channels=1,
        )
        self._backend = backend
        self._cache = cache
        self._at_speed: dict[float, SpeechCache] = {}
        self._at_speed_lock = threading.Lock()
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=max_workers,
            thread_name_prefix=f"tts-{backend.name}",
            initializer=lower_this_thread,  # below the calls' audio loop (`thread_priority`)
        )
        # Pre-synthesis has its own thread, so it never holds a live sentence's worker.
        self._spare = concurrent.futures.ThreadPoolExecutor(
            max_workers=1,
            thread_name_prefix=f"tts-{backend.name}-ahead",
            initializer=lower_this_thread,
        )
        self._live = 0
        """Live syntheses in flight: pre-synthesis waits while any is."""
        self._idle = asyncio.Event()
        self._idle.set()

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
        return BackendChunkedStream(
            tts=self, source=self, speed=1.0, input_text=text, conn_options=conn_options
        )

    @property
    def cache(self) -> SpeechCache | None:
        return self._cache

    def cache_at(self, speed: float) -> SpeechCache | None:
        """The cache of sentences spoken at ``speed`` (the voice's own at 1.0); None when this
        TTS keeps none."""
        if self._cache is None or speed == 1.0:
            return self._cache
        with self._at_speed_lock:
            if (found := self._at_speed.get(speed)) is None:
                voice = f"{self._cache.voice}-x{speed:.2f}"
                found = self._cache.beside(voice, max_items=_OTHER_SPEED_ITEMS)
                self._at_speed[speed] = found
            return found

    def played_seconds(self, text: str, speed: float = 1.0) -> float | None:
        """How long the sentence ``text`` plays, when it is held in memory; None otherwise."""
        cache = self.cache_at(speed)
        known = cache.in_memory(text, played=False) if cache is not None else None
        if known is None:
            return None
        rate = self._backend.sample_rate
        return len(trim_leading_silence(known, rate)) / rate

    async def _backend_chunks(self, text: str, speed: float) -> AsyncGenerator[Pcm16, None]:
        # A sentence held in memory (an acknowledgement, a pre-made question) plays at once:
        # it never waits for the pool, where other calls' sentences may be being made.
        cache = self.cache_at(speed)
        known = cache.in_memory(text) if cache is not None else None
        if known is not None:
            yield trim_leading_silence(known, self._backend.sample_rate)
            return
        self._live += 1
        self._idle.clear()
        try:
            chunks = iterate_in_executor(
                self._executor, lambda: self._cached_or_made(text, speed, cache)
            )
            async with aclosing(chunks):
                async for chunk in chunks:
                    yield chunk
        finally:
            self._live -= 1
            if not self._live:
                self._idle.set()

    def _cached_or_made(
        self, text: str, speed: float, cache: SpeechCache | None
    ) -> Iterator[Pcm16]:
        """The sentence from the cache, else from the backend (kept once it completes; an
        interrupted one is not, since its iterator is closed at a ``yield``), without the
        silence the voice puts before it."""
        rate = self._backend.sample_rate
        if cache is not None and (known := cache.get(text)) is not None:
            yield trim_leading_silence(known, rate)
            return
        made: list[Pcm16] = []
        for chunk in self._backend.synthesize(text, speed):
            if not made:
                chunk = trim_leading_silence(chunk, rate)
            made.append(chunk)
            yield chunk
        if cache is not None and made:
            cache.put(text, np.concatenate(made))

    async def presynthesize(self, texts: Iterable[str], speed: float = 1.0) -> int:
        """Makes and caches each sentence of ``texts`` not cached yet (at ``speed``), one at a
        time and only while no live synthesis waits, and holds the rest in memory; returns
        how many were made. Cancel it to stop."""
        cache = self.cache_at(speed)
        if cache is None:
            return 0
        loop = asyncio.get_running_loop()
        made = 0
        for text in texts:
            for sentence in sentences(text):
                # One made before (on disk) is read into memory, to play without a wait.
                if await loop.run_in_executor(self._spare, cache.hold, sentence):
                    continue
                await self._idle.wait()
                await loop.run_in_executor(self._spare, self._make_and_keep, sentence, speed, cache)
                made += 1
                await asyncio.sleep(_AHEAD_PAUSE_S)  # leave the cores to the call between sentences
        return made

    def _make_and_keep(self, text: str, speed: float, cache: SpeechCache) -> None:
        chunks = list(self._backend.synthesize(text, speed))
        if chunks:  # kept as it is played, like a sentence made live
            pcm = np.concatenate(chunks)
            cache.put(text, trim_leading_silence(pcm, self._backend.sample_rate))

    async def aclose(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._spare.shutdown(wait=False, cancel_futures=True)


class CallVoice(tts.TTS[Never]):
    """One call's voice: the process's `BackendTTS` at the speed this call asks for.

    ``speed`` may change at any time; each sentence is spoken at the speed set when its
    synthesis was asked for. Closing it closes nothing shared.
    """

    def __init__(self, shared: BackendTTS, speed: float = 1.0) -> None:
        super().__init__(
            capabilities=tts.TTSCapabilities(streaming=False),
            sample_rate=shared.sample_rate,
            num_channels=1,
        )
        self.shared = shared
        self.speed = speed

    @property
    def model(self) -> str:
        return self.shared.model

    @property
    def provider(self) -> str:
        return self.shared.provider

    def synthesize(
        self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS
    ) -> BackendChunkedStream:
        return BackendChunkedStream(
            tts=self,
            source=self.shared,
            speed=self.speed,
            input_text=text,
            conn_options=conn_options,
        )

    @property
    def cache(self) -> SpeechCache | None:
        """The cache of sentences at this voice's speed now."""
        return self.shared.cache_at(self.speed)

    def played_seconds(self, text: str) -> float | None:
        return self.shared.played_seconds(text, self.speed)

    async def presynthesize(self, texts: Iterable[str]) -> int:
        return await self.shared.presynthesize(texts, self.speed)


class BackendChunkedStream(tts.ChunkedStream):
    """One ``synthesize()`` request: backend chunks re-framed to ``FRAME_MS`` by the emitter."""

    def __init__(
        self,
        *,
        tts: tts.TTS[Any],
        source: BackendTTS,
        speed: float,
        input_text: str,
        conn_options: APIConnectOptions,
    ):
        super().__init__(tts=tts, input_text=input_text, conn_options=conn_options)
        self._backend_tts = source
        self._speed = speed

    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        output_emitter.initialize(
            request_id=shortuuid(),
            sample_rate=self._backend_tts.sample_rate,
            num_channels=1,
            mime_type="audio/pcm",
            frame_size_ms=FRAME_MS,
        )
        chunks = self._backend_tts._backend_chunks(self.input_text, self._speed)
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
