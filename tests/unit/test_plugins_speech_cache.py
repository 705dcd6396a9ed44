"""The speech cache and the sentence-by-sentence TTS built on it: known sentences are played
from the cache, unfinished ones are never kept, and pre-synthesis yields to live speech."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from livekit.agents import tts

from agent.plugins.livekit_tts import BackendTTS, CallVoice, sentence_stream, sentences
from agent.plugins.speech_cache import MAX_CHARS, SpeechCache
from agent.plugins.tts_backend import Pcm16, TtsBackend

RATE = 16000


class CountingBackend(TtsBackend):
    """A tone per sentence; records each text it was asked for; can be held mid-sentence."""

    name = "counting"
    sample_rate = RATE

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.release = threading.Event()
        self.release.set()
        self.holding = threading.Event()

    def synthesize(self, text: str, speed: float = 1.0) -> Iterator[Pcm16]:
        self.asked.append(text)
        for _ in range(2):
            if not self.release.is_set():
                self.holding.set()
                self.release.wait(5.0)
            yield np.full(RATE // 20, len(text), dtype=np.int16)


async def speak(engine: tts.TTS[Any], text: str) -> int:
    """Samples heard for ``text`` through the sentence stream a call uses."""
    stream = sentence_stream(engine).stream()
    stream.push_text(text)
    stream.end_input()
    samples = 0
    async with stream:
        async for ev in stream:
            samples += ev.frame.samples_per_channel
    return samples


def test_a_cached_sentence_survives_a_restart_and_stays_with_its_voice(tmp_path: Path) -> None:
    audio = np.arange(800, dtype=np.int16)
    SpeechCache("voice-a", tmp_path).put("Thanks.  ", audio)
    again = SpeechCache("voice-a", tmp_path).get(" Thanks.")
    assert again is not None and np.array_equal(again, audio)
    assert SpeechCache("voice-b", tmp_path).get("Thanks.") is None
    assert SpeechCache("voice-a", tmp_path).get("thanks") is None  # spoken differently


def test_broken_files_and_long_texts_are_misses_not_errors(tmp_path: Path) -> None:
    cache = SpeechCache("v", tmp_path)
    cache.put("Okay.", np.ones(10, dtype=np.int16))
    for path in (tmp_path / "v").iterdir():
        path.write_bytes(b"not numpy")
    assert SpeechCache("v", tmp_path).get("Okay.") is None
    long_text = "word " * (MAX_CHARS // 4)
    cache.put(long_text, np.ones(10, dtype=np.int16))
    assert cache.get(long_text) is None


def test_the_memory_copy_is_bounded(tmp_path: Path) -> None:
    cache = SpeechCache("v", None, max_items=3)
    for i in range(5):
        cache.put(f"Sentence {i}.", np.full(4, i, dtype=np.int16))
    assert cache.get("Sentence 0.") is None
    assert cache.get("Sentence 4.") is not None


def test_sentences_are_cut_however_short() -> None:
    assert sentences("Thanks. Back to the question. What is an index?") == [
        "Thanks.",
        "Back to the question.",
        "What is an index?",
    ]


async def test_each_short_sentence_is_its_own_synthesis_and_is_kept() -> None:
    backend = CountingBackend()
    engine = BackendTTS(backend, cache=SpeechCache("v", None))
    first = await speak(engine, "Thanks. Back to the question. What is an index?")
    assert backend.asked == ["Thanks.", "Back to the question.", "What is an index?"]
    second = await speak(engine, "Thanks. What is an index?")
    assert backend.asked == ["Thanks.", "Back to the question.", "What is an index?"]
    assert first > second > 0
    await engine.aclose()


async def test_an_interrupted_sentence_is_not_kept() -> None:
    backend = CountingBackend()
    cache = SpeechCache("v", None)
    engine = BackendTTS(backend, cache=cache)
    backend.release.clear()
    stream = engine.synthesize("A sentence cut off halfway.")

    async def first_frame() -> tts.SynthesizedAudio:
        return await anext(aiter(stream))

    reading = asyncio.create_task(first_frame())
    await asyncio.to_thread(backend.holding.wait, 5.0)
    reading.cancel()
    await stream.aclose()
    backend.release.set()
    await asyncio.gather(reading, return_exceptions=True)
    await asyncio.sleep(0.1)
    assert "A sentence cut off halfway." not in cache
    await engine.aclose()


async def test_presynthesis_makes_each_sentence_once_and_waits_for_live_speech() -> None:
    backend = CountingBackend()
    cache = SpeechCache("v", None)
    engine = BackendTTS(backend, cache=cache)
    cache.put("Known already.", np.ones(8, dtype=np.int16))
    backend.release.clear()
    live = asyncio.create_task(speak(engine, "Live words."))
    await asyncio.to_thread(backend.holding.wait, 5.0)
    ahead = asyncio.create_task(
        engine.presynthesize(["Next question. Known already.", "Next question."])
    )
    await asyncio.sleep(0.2)
    assert backend.asked == ["Live words."]  # the live sentence goes first
    backend.release.set()
    await live
    assert await ahead == 1
    assert backend.asked == ["Live words.", "Next question."]
    assert "Next question." in cache
    await engine.aclose()


async def test_a_finished_sentence_is_spoken_before_the_rest_of_the_reply_exists() -> None:
    backend = CountingBackend()
    engine = BackendTTS(backend, cache=SpeechCache("v", None))
    stream = sentence_stream(engine).stream()
    stream.push_text("Okay. ")  # said while the reply is still being decided
    first = await asyncio.wait_for(anext(aiter(stream)), 5.0)
    assert first.frame.samples_per_channel > 0
    assert backend.asked == ["Okay."]
    stream.push_text("What did you measure?")
    stream.end_input()
    async for _ in stream:
        pass
    await stream.aclose()
    assert backend.asked == ["Okay.", "What did you measure?"]
    await engine.aclose()


async def test_a_sentence_held_in_memory_plays_while_the_pool_is_busy(tmp_path: Path) -> None:
    backend = CountingBackend()
    SpeechCache("v", tmp_path).put("Okay.", np.full(800, 500, dtype=np.int16))  # an earlier run
    engine = BackendTTS(backend, max_workers=1, cache=SpeechCache("v", tmp_path))
    assert engine.played_seconds("Okay.") is None  # on disk only: not known on the loop yet
    assert await engine.presynthesize(["Okay."]) == 0  # read into memory, not made again
    assert engine.played_seconds("Okay.") == 800 / RATE
    assert engine.cache is not None and engine.cache.hits == 0  # nothing played yet
    backend.release.clear()
    busy = asyncio.create_task(speak(engine, "Another call's long sentence."))
    await asyncio.to_thread(backend.holding.wait, 5.0)  # the only worker is held
    assert await asyncio.wait_for(speak(engine, "Okay."), 1.0) >= 800
    assert engine.cache.hits == 1
    backend.release.set()
    await busy
    assert backend.asked == ["Another call's long sentence."]
    await engine.aclose()


class SpeedBackend(TtsBackend):
    """Records the speed of each sentence asked for; longer audio the slower it is."""

    name = "speed"
    sample_rate = RATE

    def __init__(self) -> None:
        self.asked: list[tuple[str, float]] = []

    def synthesize(self, text: str, speed: float = 1.0) -> Iterator[Pcm16]:
        self.asked.append((text, speed))
        yield np.full(round(RATE / 10 / speed), 100, dtype=np.int16)


async def test_a_call_voice_speaks_at_the_speed_it_is_set_to_between_sentences() -> None:
    backend = SpeedBackend()
    shared = BackendTTS(backend)
    voice = CallVoice(shared)
    try:
        own = await speak(voice, "First one.")
        voice.speed = 0.8
        slower = await speak(voice, "Second one.")
        assert backend.asked == [("First one.", 1.0), ("Second one.", 0.8)]
        assert slower - own == round(RATE / 10 / 0.8) - RATE // 10
        assert voice.sample_rate == RATE and voice.model == "speed"
    finally:
        await voice.aclose()
    # Closing a call's voice closes nothing the process shares.
    assert await speak(shared, "Third one.") == own
    await shared.aclose()


async def test_a_sentence_is_cached_per_speed_and_never_played_at_another(tmp_path: Path) -> None:
    backend = SpeedBackend()
    shared = BackendTTS(backend, cache=SpeechCache("v", tmp_path))
    voice = CallVoice(shared, speed=0.88)
    try:
        own = await speak(shared, "Next question.")
        slow = await speak(voice, "Next question.")  # made again: the cache of 1.0 is not used
        again = await speak(voice, "Next question.")  # from the slower voice's cache
        assert backend.asked == [("Next question.", 1.0), ("Next question.", 0.88)]
        assert slow == again and slow - own == round(RATE / 10 / 0.88) - RATE // 10
        assert voice.cache is not None and "Next question." in voice.cache
        assert voice.played_seconds("Next question.") == pytest.approx(
            round(RATE / 10 / 0.88) / RATE
        )
        assert shared.played_seconds("Next question.") == pytest.approx(0.1)
        kept = sorted(d.name for d in tmp_path.iterdir())
        assert kept == ["v", "v-x0.88"]  # on disk, each speed apart
        # A restarted process finds the slower sentence made before.
        restarted = BackendTTS(SpeedBackend(), cache=SpeechCache("v", tmp_path))
        assert "Next question." in CallVoice(restarted, speed=0.88).cache  # type: ignore[operator]
        await restarted.aclose()
    finally:
        await shared.aclose()


async def test_pre_synthesis_makes_sentences_at_the_call_voices_speed(tmp_path: Path) -> None:
    backend = SpeedBackend()
    shared = BackendTTS(backend, cache=SpeechCache("v", tmp_path))
    voice = CallVoice(shared, speed=0.76)
    try:
        made = await voice.presynthesize(["Tell me about a project. What was hard?"])
        assert made == 2
        assert {speed for _, speed in backend.asked} == {0.76}
        await speak(voice, "What was hard?")
        assert len(backend.asked) == 2  # played from the cache
    finally:
        await shared.aclose()
