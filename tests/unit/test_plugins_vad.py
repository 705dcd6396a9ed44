"""Silero VAD as loaded for the interview: it loads offline and segments speech."""

from __future__ import annotations

import numpy as np
import pytest
from livekit.agents import vad as lk_vad
from livekit.plugins import silero

from agent.plugins.espeak_backend import EspeakBackend
from agent.plugins.vad import MIN_SILENCE_S, load_vad

from speech_helpers import SENTENCE, render, resample, silence, to_frames


@pytest.mark.slow
def test_vad_loads_with_interview_tuning() -> None:
    vad = load_vad()

    assert isinstance(vad, silero.VAD)
    # Short enough to answer fast; long enough that a comma's pause stays inside the utterance
    # (the interview pipeline joins pieces across shorter pauses).
    assert 0.3 <= MIN_SILENCE_S <= 0.5
    assert vad._opts.min_silence_duration == MIN_SILENCE_S


@pytest.mark.slow
async def test_vad_reports_one_utterance_between_silences() -> None:
    espeak = EspeakBackend()
    speech = resample(render(espeak, SENTENCE), espeak.sample_rate, 48000)
    audio = np.concatenate([silence(0.5, 48000), speech, silence(1.0, 48000)])

    stream = load_vad().stream()
    for frame in to_frames(audio, 48000):
        stream.push_frame(frame)
    stream.end_input()
    events = [ev async for ev in stream if ev.type != lk_vad.VADEventType.INFERENCE_DONE]
    await stream.aclose()

    assert [ev.type for ev in events] == [
        lk_vad.VADEventType.START_OF_SPEECH,
        lk_vad.VADEventType.END_OF_SPEECH,
    ]
    end = events[-1]
    assert end.frames and end.frames[0].sample_rate == 48000
    spoken = sum(f.duration for f in end.frames)
    assert len(speech) / 48000 * 0.8 < spoken < len(audio) / 48000
