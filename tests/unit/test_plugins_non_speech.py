"""A cough, a knock or a click over the interviewer brings no words; speech still does.

Whisper makes words up for such sounds ("Okay.", "You", "I'm going to do it."); heard over
the interviewer, they stopped it. The decoder now reports how sure Whisper is that there was
speech at all, and an utterance that began over the interviewer must sound like speech.
"""

from __future__ import annotations

import asyncio

import numpy as np
import pytest
from livekit.agents import stt as lk_stt

from agent.plugins.asr_engine import AsrEngine, sized_for_cores
from agent.plugins.espeak_backend import EspeakBackend
from agent.plugins.piper_backend import PiperBackend
from agent.plugins.streaming_stt import StreamingWhisperSTT
from agent.plugins.vad import load_vad
from agent.plugins.whisper_decoder import Decoded
from agent.plugins.whisper_model import load_whisper_model
from agent.settings import Settings

from speech_helpers import render, resample, silence, to_frames

pytestmark = pytest.mark.slow

RATE = 16_000


@pytest.fixture(scope="module")
def engine() -> AsrEngine:
    sizing = sized_for_cores()
    model = load_whisper_model(Settings(), threads=sizing.threads, workers=sizing.workers)
    return AsrEngine(model, sizing)


def burst(seconds: float, smoothing: int, seed: int) -> np.ndarray:
    """Filtered noise with a fast attack and a decay: a cough, a knock, a chair."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    noise = np.convolve(rng.standard_normal(n), np.ones(smoothing) / smoothing, mode="same")
    envelope = np.exp(-np.linspace(0, 5, n)) * np.minimum(1, np.arange(n) / (0.005 * RATE))
    shaped: np.ndarray = noise / np.abs(noise).max() * envelope * 0.6
    return shaped.astype(np.float32)


def click() -> np.ndarray:
    t = np.arange(int(0.05 * RATE)) / RATE
    return (np.sin(2 * np.pi * 900 * t) * np.exp(-t * 80) * 0.8).astype(np.float32)


NOISES = [
    *(burst(s, c, i) for i, (s, c) in enumerate([(0.15, 1), (0.25, 4), (0.4, 20), (0.5, 40),
                                                  (0.3, 8), (0.2, 2), (0.6, 60), (0.35, 12)])),
    click(),
]  # fmt: skip
WORDS = ["Wait.", "Stop.", "Sorry?", "Hold on.", "No.", "Yes.", "Right.", "Okay.", "Yeah."]


def _padded(audio: np.ndarray) -> np.ndarray:
    pad = np.zeros(int(0.2 * RATE), np.float32)
    return np.concatenate([pad, audio, pad])


def test_the_rule_needs_both_doubts() -> None:
    assert Decoded("You", 0.02, 3.0, no_speech=0.9).unsure_speech
    assert not Decoded("Wait.", 0.6, 3.0, no_speech=0.9).unsure_speech
    assert not Decoded("Okay.", 0.12, 3.0, no_speech=0.35).unsure_speech
    assert not Decoded("Hello.", 0.9, 3.0).unsure_speech  # no-speech unknown: speech


def test_sounds_that_are_not_speech_are_unsure(engine: AsrEngine) -> None:
    for sound in NOISES:
        decoded = engine.decode_now(_padded(sound))
        assert not decoded.text or decoded.unsure_speech, decoded


@pytest.mark.parametrize("backend", [PiperBackend, EspeakBackend])
def test_one_spoken_word_is_speech(
    engine: AsrEngine, backend: type[PiperBackend] | type[EspeakBackend]
) -> None:
    voice = backend()
    for word in WORDS:
        pcm = resample(render(voice, word), voice.sample_rate, RATE).astype(np.float32) / 32768
        decoded = engine.decode_now(_padded(pcm))
        assert decoded.text and not decoded.unsure_speech, (word, decoded)


async def _final(recogniser: StreamingWhisperSTT, pcm48: np.ndarray) -> str | None:
    stream = recogniser.stream()
    finals: list[str] = []

    async def collect() -> None:
        async for event in stream:
            if event.type == lk_stt.SpeechEventType.FINAL_TRANSCRIPT:
                finals.append(event.alternatives[0].text)

    collecting = asyncio.create_task(collect())
    audio = np.concatenate([silence(0.5, 48000), pcm48, silence(1.5, 48000)])
    for frame in to_frames(audio, 48000):
        stream.push_frame(frame)
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.5)
    await stream.aclose()
    collecting.cancel()
    await asyncio.gather(collecting, return_exceptions=True)
    return finals[-1] if finals else None


async def test_over_the_interviewer_a_cough_brings_no_words_and_a_question_does(
    engine: AsrEngine,
) -> None:
    over = StreamingWhisperSTT(engine, load_vad(), overlapping=lambda: True)
    cough = resample((burst(0.4, 20, 3) * 32767).astype(np.int16), RATE, 48000)
    assert await _final(over, cough) is None
    piper = PiperBackend(steady=True)
    question = resample(render(piper, "Sorry, can I ask something?"), piper.sample_rate, 48000)
    heard = await _final(over, question)
    assert heard is not None and "ask" in heard.lower()
