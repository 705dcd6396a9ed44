"""The interviewer's voice track: 20 ms frames on a wall clock; after the event loop was held
up, its timestamps skip the missed time instead of sending the missed frames in a burst, and
no audio is lost."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import numpy as np
import pytest

from signaling.webrtc.tracks import OUTPUT_SAMPLE_RATE, PlayoutTrack, skipped_samples

FRAME = OUTPUT_SAMPLE_RATE // 50


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    fake = _Clock()
    monkeypatch.setattr("signaling.webrtc.tracks.time.monotonic", fake.monotonic)

    async def no_sleep(delay: float) -> None:
        fake.now += delay

    monkeypatch.setattr("signaling.webrtc.tracks.asyncio.sleep", no_sleep)
    return fake


def _numbered_audio() -> Callable[[int], np.ndarray]:
    """Frame k of the interviewer's audio holds the value k (from 1)."""
    pulled = [0]

    def pull(n: int) -> np.ndarray:
        pulled[0] += 1
        return np.full(n, pulled[0], dtype=np.int16)

    return pull


def test_frames_on_time_have_consecutive_timestamps(clock: _Clock) -> None:
    track = PlayoutTrack(_numbered_audio())

    async def take(n: int) -> list[int]:
        return [int((await track.recv()).pts or 0) for _ in range(n)]

    assert asyncio.run(take(5)) == [0, FRAME, 2 * FRAME, 3 * FRAME, 4 * FRAME]
    assert clock.now == pytest.approx(100.0 + 4 * 0.02)


def test_after_a_stall_the_clock_skips_ahead_and_no_audio_is_lost(clock: _Clock) -> None:
    track = PlayoutTrack(_numbered_audio())

    async def run() -> list[tuple[int, int]]:
        got = []
        for i in range(6):
            if i == 3:
                clock.now += 0.5  # the loop was held for half a second
            frame = await track.recv()
            got.append((int(frame.pts or 0), int(frame.to_ndarray()[0][0])))
        return got

    got = asyncio.run(run())
    stamps = [pts for pts, _ in got]
    assert stamps[:3] == [0, FRAME, 2 * FRAME]
    assert stamps[3] - stamps[2] >= int(0.4 * OUTPUT_SAMPLE_RATE)  # the missed time skipped
    assert stamps[4] - stamps[3] == FRAME and stamps[5] - stamps[4] == FRAME  # then steady
    assert [audio for _, audio in got] == [1, 2, 3, 4, 5, 6]  # every frame of audio, in order
    # the frames after the stall are paced again, not sent back to back
    assert clock.now >= 100.5 + 2 * 0.02


def test_a_little_lateness_is_caught_up_not_skipped() -> None:
    assert skipped_samples(0.005) == 0
    assert skipped_samples(0.5) == 25 * FRAME
