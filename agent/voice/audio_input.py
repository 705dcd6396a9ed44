"""Candidate audio into the session: a bounded queue any transport pushes PCM frames into."""

from __future__ import annotations

import asyncio

import numpy as np
from livekit import rtc
from livekit.agents.voice import io

# 100 frames of 20 ms: two seconds of backlog before the oldest audio is dropped. A backlog
# that large means the pipeline stalled; dropping old audio keeps the call live.
_MAX_QUEUED_FRAMES = 100


class FrameQueueInput(io.AudioInput):
    """An `io.AudioInput` fed by `push_pcm()`; iteration ends after `end_input()`."""

    def __init__(self, *, label: str = "candidate") -> None:
        super().__init__(label=label)
        self._queue: asyncio.Queue[rtc.AudioFrame | None] = asyncio.Queue(_MAX_QUEUED_FRAMES)
        self._ended = False
        self.dropped_frames = 0

    def push_pcm(self, pcm: np.ndarray, sample_rate: int) -> None:
        """Queue mono int16 samples; drops the oldest frame when the session falls behind."""
        if self._ended:
            return
        frame = rtc.AudioFrame(
            data=pcm.astype(np.int16, copy=False).tobytes(),
            sample_rate=sample_rate,
            num_channels=1,
            samples_per_channel=len(pcm),
        )
        if self._queue.full():
            self._queue.get_nowait()
            self.dropped_frames += 1
        self._queue.put_nowait(frame)

    def end_input(self) -> None:
        if self._ended:
            return
        self._ended = True
        if self._queue.full():
            self._queue.get_nowait()
        self._queue.put_nowait(None)

    async def __anext__(self) -> rtc.AudioFrame:
        frame = await self._queue.get()
        if frame is None:
            self._queue.put_nowait(None)
            raise StopAsyncIteration
        return frame
