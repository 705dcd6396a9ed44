"""BackendTTS through livekit-agents' own TTS API, as the session drives it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator

import numpy as np
import pytest
from livekit import rtc
from livekit.agents import APIError, tokenize
from livekit.agents import tts as lk_tts

from agent.plugins.espeak_backend import EspeakBackend
from agent.plugins.leading_silence import trim_leading_silence
from agent.plugins.livekit_tts import FRAME_MS, BackendTTS
from agent.plugins.piper_backend import PiperBackend
from agent.plugins.tts_backend import Pcm16, TtsBackend

from speech_helpers import SENTENCE, render, rms, total_samples


class EndlessBackend(TtsBackend):
    """Speaks forever, 100 ms a chunk; records how far it got and whether it was closed."""

    name = "endless"
    sample_rate = 16000

    def __init__(self) -> None:
        self.produced = 0
        self.closed = threading.Event()

    def synthesize(self, text: str, speed: float = 1.0) -> Iterator[Pcm16]:
        try:
            while True:
                self.produced += 1
                yield np.full(1600, 1000, dtype=np.int16)
        finally:
            self.closed.set()


class BrokenBackend(TtsBackend):
    name = "broken"
    sample_rate = 16000

    def synthesize(self, text: str, speed: float = 1.0) -> Iterator[Pcm16]:
        yield np.zeros(160, dtype=np.int16)
        raise RuntimeError("engine crashed")


@pytest.fixture
async def espeak_tts() -> AsyncIterator[BackendTTS]:
    tts = BackendTTS(EspeakBackend())
    yield tts
    await tts.aclose()


async def collect(stream: lk_tts.ChunkedStream) -> list[rtc.AudioFrame]:
    async with stream:
        return [ev.frame async for ev in stream]


async def test_is_a_non_streaming_mono_livekit_tts(espeak_tts: BackendTTS) -> None:
    assert isinstance(espeak_tts, lk_tts.TTS)
    assert espeak_tts.capabilities.streaming is False
    assert espeak_tts.num_channels == 1
    assert espeak_tts.sample_rate == 22050
    assert espeak_tts.model == "espeak"


async def test_synthesize_yields_20ms_frames_of_all_the_audio(espeak_tts: BackendTTS) -> None:
    frames = await collect(espeak_tts.synthesize(SENTENCE))
    expected = trim_leading_silence(render(espeak_tts.backend, SENTENCE), 22050)

    assert all(f.sample_rate == 22050 and f.num_channels == 1 for f in frames)
    assert max(f.duration for f in frames) <= (FRAME_MS + 1) / 1000
    assert total_samples(frames) == len(expected)
    assert sum(f.duration for f in frames) == pytest.approx(len(expected) / 22050, abs=1e-3)
    merged = rtc.combine_audio_frames(frames)
    assert np.array_equal(np.frombuffer(merged.data, dtype=np.int16), expected)


async def test_collect_returns_one_frame_with_the_whole_utterance(espeak_tts: BackendTTS) -> None:
    frame = await espeak_tts.synthesize("Thank you.").collect()

    assert frame.duration > 0.3
    assert rms(np.frombuffer(frame.data, dtype=np.int16)) > 0


async def test_session_path_stream_adapter_speaks_every_sentence(espeak_tts: BackendTTS) -> None:
    adapter = lk_tts.StreamAdapter(
        tts=espeak_tts, sentence_tokenizer=tokenize.blingfire.SentenceTokenizer()
    )
    text = "Thanks for joining. Let's begin. What is a database index?"
    async with adapter.stream() as stream:
        for word in text.split(" "):
            stream.push_text(word + " ")
        stream.end_input()
        frames = [ev.frame async for ev in stream]

    # The tokenizer may merge short sentences, so compare with the whole text's duration.
    expected = len(render(espeak_tts.backend, text))
    assert all(f.sample_rate == 22050 and f.num_channels == 1 for f in frames)
    assert total_samples(frames) == pytest.approx(expected, rel=0.1)
    await adapter.aclose()


async def test_closing_the_stream_stops_the_backend_between_chunks() -> None:
    backend = EndlessBackend()
    tts = BackendTTS(backend)
    stream = tts.synthesize("An answer that never ends.")

    first = await stream.__anext__()
    await stream.aclose()
    closed = await asyncio.to_thread(backend.closed.wait, 10)

    assert first.frame.samples_per_channel > 0
    assert closed
    produced_at_close = backend.produced
    await asyncio.sleep(0.05)
    assert backend.produced == produced_at_close
    await tts.aclose()


async def test_backend_failure_surfaces_as_a_non_retryable_api_error() -> None:
    tts = BackendTTS(BrokenBackend())

    with pytest.raises(APIError) as info:
        await collect(tts.synthesize("Hello."))

    assert info.value.retryable is False
    await tts.aclose()


@pytest.mark.slow
async def test_piper_through_livekit_tts() -> None:
    tts = BackendTTS(PiperBackend())
    frames = await collect(
        tts.synthesize("Tell me about a project you are proud of. Take your time.")
    )

    assert all(f.sample_rate == 22050 and f.num_channels == 1 for f in frames)
    assert max(f.duration for f in frames) <= (FRAME_MS + 1) / 1000
    audio = np.frombuffer(rtc.combine_audio_frames(frames).data, dtype=np.int16)
    assert 2.0 < len(audio) / 22050 < 10.0
    assert rms(audio) > 1000
    await tts.aclose()
