"""The streaming recogniser hears an answer while it is spoken: pieces between pauses are
transcribed in the background, so at the end only the last piece is left."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest
from livekit.agents import stt as lk_stt

from agent.plugins.asr_engine import AsrEngine, sized_for_cores
from agent.plugins.piper_backend import PiperBackend
from agent.plugins.streaming_stt import StreamingWhisperSTT
from agent.plugins.vad import load_vad
from agent.plugins.whisper_model import load_whisper_model
from agent.settings import Settings

from speech_helpers import render, resample, silence, to_frames, word_recall

pytestmark = pytest.mark.slow

FIRST = "I designed the order service for our shop"
SECOND = "and then we moved the payments onto a queue."
THIRD = "That cut the failed orders by half."


@pytest.fixture(scope="module")
def engine() -> AsrEngine:
    sizing = sized_for_cores()
    model = load_whisper_model(Settings(), threads=sizing.threads, workers=sizing.workers)
    return AsrEngine(model, sizing)


async def _feed(stream: lk_stt.RecognizeStream, pcm: np.ndarray) -> None:
    for frame in to_frames(pcm, 48000):
        stream.push_frame(frame)
        await asyncio.sleep(0.02)  # a live microphone: 20 ms a frame


async def test_an_answer_with_pauses_is_heard_piece_by_piece(engine: AsrEngine) -> None:
    piper = PiperBackend(steady=True)
    parts = [resample(render(piper, t), piper.sample_rate, 48000) for t in (FIRST, SECOND, THIRD)]
    gap = silence(0.05, 48000)  # a breath (with the voice's own pauses, under the VAD's end)
    pcm = np.concatenate([silence(0.5, 48000), parts[0], gap, parts[1], gap, parts[2]])
    recogniser = StreamingWhisperSTT(engine, load_vad())
    stream = recogniser.stream()
    events: list[lk_stt.SpeechEvent] = []

    async def collect() -> None:
        async for event in stream:
            events.append(event)
            if event.type == lk_stt.SpeechEventType.FINAL_TRANSCRIPT:
                return

    collecting = asyncio.create_task(collect())
    await _feed(stream, np.concatenate([pcm, silence(1.5, 48000)]))
    await asyncio.wait_for(collecting, 20)
    await stream.aclose()

    kinds = [e.type for e in events]
    assert kinds[0] == lk_stt.SpeechEventType.START_OF_SPEECH
    interim_before_end = kinds.index(lk_stt.SpeechEventType.INTERIM_TRANSCRIPT) < kinds.index(
        lk_stt.SpeechEventType.END_OF_SPEECH
    )
    assert interim_before_end  # heard while still speaking
    final = events[-1].alternatives[0].text
    assert word_recall(f"{FIRST} {SECOND} {THIRD}", final) >= 0.8, final
    assert recogniser.timings.pieces >= 2
