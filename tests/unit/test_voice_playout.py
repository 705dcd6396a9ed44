"""The playout sink reports what the transport actually pulled, as livekit expects."""

from __future__ import annotations

import numpy as np
from livekit import rtc

from agent.voice.playout import PlayoutSink


def _frame(samples: int, value: int = 1000) -> rtc.AudioFrame:
    pcm = np.full(samples, value, dtype=np.int16)
    return rtc.AudioFrame(pcm.tobytes(), 48_000, 1, samples)


async def test_full_playout_reports_whole_segment() -> None:
    sink = PlayoutSink()
    finished: list[tuple[float, bool]] = []
    started: list[float] = []
    sink.on("playback_finished", lambda ev: finished.append((ev.playback_position, ev.interrupted)))
    sink.on_first_audio = started.append
    await sink.capture_frame(_frame(4800))
    await sink.capture_frame(_frame(4800))
    sink.flush()
    assert sink.speaking
    pulls = 0
    while (chunk := sink.pull(960)) is not None:
        pulls += 1
        assert chunk.dtype == np.int16 and len(chunk) == 960
    assert pulls == 10
    assert finished == [(0.2, False)]
    assert len(started) == 1
    assert not sink.speaking


async def test_clear_buffer_reports_only_pulled_audio() -> None:
    sink = PlayoutSink()
    finished: list[tuple[float, bool]] = []
    sink.on("playback_finished", lambda ev: finished.append((ev.playback_position, ev.interrupted)))
    await sink.capture_frame(_frame(48_000))  # one second queued
    for _ in range(5):
        sink.pull(960)  # 100 ms heard
    sink.clear_buffer()
    assert finished == [(0.1, True)]
    assert sink.pull(960) is None  # nothing more is played after the interruption


async def test_partial_last_frame_is_zero_padded_and_stereo_is_downmixed() -> None:
    sink = PlayoutSink()
    stereo = np.array([1000, 3000] * 500, dtype=np.int16)
    await sink.capture_frame(rtc.AudioFrame(stereo.tobytes(), 48_000, 2, 500))
    sink.flush()
    out = sink.pull(960)
    assert out is not None
    assert np.all(out[:500] == 2000) and np.all(out[500:] == 0)


async def test_flush_without_audio_reports_nothing() -> None:
    sink = PlayoutSink()
    finished: list[object] = []
    sink.on("playback_finished", finished.append)
    sink.flush()
    sink.clear_buffer()
    assert finished == []
    assert sink.pull(960) is None


async def test_a_mark_fires_when_the_audio_after_it_goes_out() -> None:
    sink = PlayoutSink()
    fired: list[float] = []
    sink.notify_at(0.05, fired.append)  # an acknowledgement of 50 ms, then the reply
    await sink.capture_frame(_frame(2400))
    sink.pull(960)
    sink.pull(960)
    assert fired == []
    sink.pull(480)  # up to the mark exactly: still the acknowledgement
    assert fired == []
    assert sink.pull(960) is None  # the reply is not made yet: nothing goes out
    assert fired == []
    await sink.capture_frame(_frame(960))
    sink.pull(960)
    assert len(fired) == 1
    sink.flush()
    sink.pull(960)
    assert len(fired) == 1


async def test_a_segment_that_ends_before_its_mark_drops_it() -> None:
    sink = PlayoutSink()
    fired: list[float] = []
    sink.notify_at(0.5, fired.append)
    await sink.capture_frame(_frame(4800))
    sink.pull(960)
    sink.clear_buffer()  # the candidate cut in during the acknowledgement
    await sink.capture_frame(_frame(48_000))
    for _ in range(50):
        sink.pull(960)
    assert fired == []
