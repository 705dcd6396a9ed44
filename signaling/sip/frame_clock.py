"""The clock of a phone leg's outgoing audio: one tick per frame on absolute deadlines (no
drift), and no burst after a stall (`signaling.stall`).

aiortp's `MediaClock` runs every tick a stall made it miss at once, so the frames went out in
a burst. Here a late tick skips the missed ones instead and says how many, so the leg advances
its RTP timestamps over the gap.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from ..stall import missed_frames

log = logging.getLogger(__name__)


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
            skipped = missed_frames(loop.time() - deadline, self._interval)
            deadline += (skipped + 1) * self._interval
            try:
                self._on_tick(skipped)
            except Exception:
                # One failed frame must not end the call's audio: logged, and the clock goes on.
                log.exception("rtp frame tick failed")
