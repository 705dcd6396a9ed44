"""The clock of a phone leg's outgoing audio: one tick per frame, and no burst after a stall.

aiortp's `MediaClock` keeps absolute deadlines, so when the event loop is held up (a model
load, several calls on two cores) it runs every missed tick at once: the frames go out in a
burst. A phone's jitter buffer, like a browser's, reads a burst as network jitter and grows,
and every later reply is then heard that much later. Here a tick more than `MAX_LATE_S` late
skips the missed ticks instead and says how many, so the leg advances its RTP timestamps over
the gap: the far end conceals it as lost packets and its buffer stays short. No audio is lost,
since the leg pulls its samples only when it sends (as `signaling.webrtc.tracks.PlayoutTrack`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

MAX_LATE_S = 0.06
"""A tick later than this skips the ticks it missed rather than running them back to back."""


def missed_ticks(late_s: float, interval_s: float) -> int:
    """Whole ticks that fit in a lateness of ``late_s``; 0 up to `MAX_LATE_S`."""
    if late_s <= MAX_LATE_S:
        return 0
    return int(late_s / interval_s)


class FrameClock:
    """Calls ``on_tick(skipped)`` every ``interval_s`` on the running loop, on absolute
    deadlines (no drift); ``skipped`` is how many ticks a stall made it miss (usually 0)."""

    def __init__(self, interval_s: float, on_tick: Callable[[int], None]) -> None:
        self._interval = interval_s
        self._on_tick = on_tick
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="rtp-frame-clock")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._interval
        while True:
            await asyncio.sleep(max(0.0, deadline - loop.time()))
            skipped = missed_ticks(loop.time() - deadline, self._interval)
            deadline += (skipped + 1) * self._interval
            try:
                self._on_tick(skipped)
            except Exception:
                # One failed frame must not end the call's audio: logged, and the clock goes on.
                log.exception("rtp frame tick failed")
