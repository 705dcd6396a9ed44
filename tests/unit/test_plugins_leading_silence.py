"""A sentence starts with its first sound, not with the silence the voice puts before it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from livekit import rtc

from agent.plugins.leading_silence import KEEP_S, THRESHOLD, trim_leading_silence
from agent.plugins.livekit_tts import BackendTTS
from agent.plugins.piper_backend import PiperBackend
from agent.plugins.speech_cache import SpeechCache
from agent.plugins.tts_backend import Pcm16, TtsBackend

RATE = 22050


def onset_s(pcm: Pcm16, rate: int) -> float:
    """Where the first 5 ms window louder than the threshold starts."""
    window = rate // 200
    for i in range(0, pcm.size - window, window):
        chunk = pcm[i : i + window].astype(np.float32) / 32768.0
        if np.sqrt(np.mean(chunk * chunk)) > THRESHOLD:
            return i / rate
    return pcm.size / rate


def tone(seconds: float, amplitude: int = 8000) -> Pcm16:
    t = np.arange(int(RATE * seconds)) / RATE
    return (amplitude * np.sin(2 * np.pi * 220 * t)).astype(np.int16)


def test_silence_before_the_first_sound_is_cut_to_a_short_fade_in() -> None:
    pcm = np.concatenate([np.zeros(int(RATE * 0.15), np.int16), tone(0.3)])
    out = trim_leading_silence(pcm, RATE)
    assert onset_s(out, RATE) <= KEEP_S + 0.006
    assert out.size >= tone(0.3).size  # nothing of the sound is lost
    assert np.array_equal(out[-1000:], pcm[-1000:])
    assert abs(int(out[0])) < 50  # faded in: no click


def test_low_noise_before_the_sound_counts_as_silence() -> None:
    noise = (np.random.default_rng(1).standard_normal(int(RATE * 0.1)) * 30).astype(np.int16)
    out = trim_leading_silence(np.concatenate([noise, tone(0.2)]), RATE)
    assert onset_s(out, RATE) <= KEEP_S + 0.006


@pytest.mark.parametrize(
    "pcm",
    [tone(0.2), np.zeros(4000, np.int16), np.zeros(0, np.int16), np.zeros(7, np.int16)],
    ids=["sound-from-the-start", "all-silent", "empty", "shorter-than-a-window"],
)
def test_audio_without_leading_silence_is_left_alone(pcm: Pcm16) -> None:
    assert np.array_equal(trim_leading_silence(pcm, RATE), pcm)


def test_cutting_twice_cuts_nothing_more() -> None:
    once = trim_leading_silence(np.concatenate([np.zeros(3000, np.int16), tone(0.2)]), RATE)
    assert np.array_equal(trim_leading_silence(once, RATE), once)


class _QuietStart(TtsBackend):
    """Two chunks per sentence, each starting with 120 ms of silence."""

    name = "quiet-start"
    sample_rate = RATE

    def synthesize(self, text: str, speed: float = 1.0) -> Iterator[Pcm16]:
        for _ in range(2):
            yield np.concatenate([np.zeros(int(RATE * 0.12), np.int16), tone(0.2)])


async def _audio(tts: BackendTTS, text: str) -> Pcm16:
    async with tts.synthesize(text) as stream:
        frames = [ev.frame async for ev in stream]
    merged = rtc.combine_audio_frames(frames)
    return np.frombuffer(merged.data, dtype=np.int16)


async def test_a_sentence_spoken_or_replayed_from_the_cache_starts_with_its_sound(
    tmp_path: Path,
) -> None:
    backend = _QuietStart()
    cache = SpeechCache(backend.voice_id, tmp_path)
    tts = BackendTTS(backend, cache=cache)
    try:
        live = await _audio(tts, "Tell me more.")
        again = await _audio(tts, "Tell me more.")
    finally:
        await tts.aclose()
    for audio in (live, again):
        assert onset_s(audio, RATE) <= KEEP_S + 0.006
    # Only the sentence's start is cut: the pause inside it (its second chunk) stays.
    assert live.size == pytest.approx(2 * int(RATE * 0.32) - int(RATE * (0.12 - KEEP_S)), abs=10)
    assert np.array_equal(again, live)


async def test_the_default_voice_speaks_within_20_ms_of_the_sentence_start() -> None:
    piper = PiperBackend(steady=True)
    tts = BackendTTS(piper)
    raw_onsets = []
    try:
        for text in ("Okay.", "Right.", "I see.", "What is a database index?"):
            raw_onsets.append(onset_s(np.concatenate(list(piper.synthesize(text))), RATE))
            assert onset_s(await _audio(tts, text), piper.sample_rate) <= 0.02
    finally:
        await tts.aclose()
    assert max(raw_onsets) >= 0.04  # piper does start quietly
