"""Audio between aiortc tracks and a call line: inbound frames pumped in, outbound paced out."""

from __future__ import annotations

import asyncio
import fractions
import time
from collections.abc import Callable

import av
import numpy as np
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError

from agent.voice.transport import Pcm16

from ..stall import missed_frames

OUTPUT_SAMPLE_RATE = 48_000

_FRAME_SAMPLES = OUTPUT_SAMPLE_RATE // 50  # 20 ms, one Opus packet
_TIME_BASE = fractions.Fraction(1, OUTPUT_SAMPLE_RATE)


def frame_to_mono(frame: av.AudioFrame) -> np.ndarray:
    """Interleaved or planar s16 from aiortc's decoder, as one int16 channel."""
    samples: np.ndarray = np.asarray(frame.to_ndarray())
    channels = len(frame.layout.channels)
    if frame.format.is_planar:
        mono = samples.mean(axis=0) if samples.shape[0] > 1 else samples[0]
    else:
        mono = samples.reshape(-1, channels).mean(axis=1) if channels > 1 else samples.reshape(-1)
    out: np.ndarray = mono.astype(np.int16)
    return out


async def pump_inbound(track: MediaStreamTrack, push: Callable[[Pcm16, int], None]) -> None:
    """Feeds the candidate's decoded audio to the call until the track ends."""
    while True:
        try:
            frame = await track.recv()
        except MediaStreamError:
            return
        assert isinstance(frame, av.AudioFrame)
        push(frame_to_mono(frame), frame.sample_rate)


def skipped_samples(late_s: float) -> int:
    """Samples for the stream's timestamps to skip after falling ``late_s`` behind: whole
    frames, none for a little lateness (`signaling.stall`)."""
    return missed_frames(late_s, _FRAME_SAMPLES / OUTPUT_SAMPLE_RATE) * _FRAME_SAMPLES


class PlayoutTrack(MediaStreamTrack):
    """The interviewer's voice: 20 ms frames on a wall clock, silence between segments; after
    a stall of the loop, the clock skips ahead rather than catching up (`signaling.stall`)."""

    kind = "audio"

    def __init__(self, pull: Callable[[int], Pcm16 | None]) -> None:
        super().__init__()
        self._pull = pull
        self._start: float | None = None
        self._pts = 0

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._start is None:
            self._start = time.monotonic()
        else:
            self._pts += _FRAME_SAMPLES
            delay = self._start + self._pts / OUTPUT_SAMPLE_RATE - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            else:
                self._pts += skipped_samples(-delay)
        pcm = self._pull(_FRAME_SAMPLES)
        if pcm is None:
            pcm = np.zeros(_FRAME_SAMPLES, dtype=np.int16)
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = OUTPUT_SAMPLE_RATE
        frame.pts = self._pts
        frame.time_base = _TIME_BASE
        return frame
