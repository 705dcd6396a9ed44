"""`feed_paced`: a track's audio pulled every 20 ms on the job's own clock into an
`rtc.AudioSource` (silence when there is none), for the interviewer's voice and the phone
prompts alike. A clock this far behind (a stalled loop) starts again rather than bursting."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import numpy as np
from livekit import rtc

from agent.voice.transport import Pcm16

FRAME_S = 0.02
MAX_LATE_S = 0.2


async def feed_paced(
    source: rtc.AudioSource, pull: Callable[[int], Pcm16 | None], rate: int
) -> None:
    """Runs until cancelled."""
    n = int(rate * FRAME_S)
    silence = np.zeros(n, dtype=np.int16)
    start = time.monotonic()
    frames = 0
    while True:
        frames += 1
        delay = start + frames * FRAME_S - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -MAX_LATE_S:
            start, frames = time.monotonic(), 0
        pcm = pull(n)
        data = (silence if pcm is None else pcm).tobytes()
        await source.capture_frame(rtc.AudioFrame(data, rate, 1, n))
