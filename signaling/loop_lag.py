"""`LoopLagMonitor`: how late this process's event loop wakes a sleeper, over the last seconds.

A task sleeps for `interval_s` again and again; how much longer than that each sleep took is
the loop's lag (work that held the loop: CPU on the loop thread, a blocking call). The worst
lag of the last `window_s` is kept, so a stall still shows for a few seconds after it
ended. Readiness calls the process overloaded while that worst lag is over `overload_s`:
new work should go elsewhere until the loop catches up (calls' audio rides on this loop).
Every wake-up is also exported on ``/metrics`` (`agent.metrics.LOOP_LAG`, and the window's
worst as a gauge).
"""

from __future__ import annotations

import asyncio
from collections import deque

from agent import metrics

INTERVAL_S = 0.1
WINDOW_S = 5.0
OVERLOAD_S = 1.0


class LoopLagMonitor:
    def __init__(
        self,
        *,
        process: str = "web",
        interval_s: float = INTERVAL_S,
        window_s: float = WINDOW_S,
        overload_s: float = OVERLOAD_S,
    ) -> None:
        self.process = process
        """The ``process`` label of its series on ``/metrics``."""
        self.interval_s = interval_s
        self.window_s = window_s
        self.overload_s = overload_s
        self._samples: deque[tuple[float, float]] = deque()  # (loop time, lag in s)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="loop-lag-monitor")

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            await asyncio.sleep(self.interval_s)
            now = loop.time()
            lag = max(0.0, now - started - self.interval_s)
            self._samples.append((now, lag))
            self._forget_before(now - self.window_s)
            metrics.observe_loop_lag(self.process, lag, max(seen for _, seen in self._samples))

    def _forget_before(self, cutoff: float) -> None:
        while self._samples and self._samples[0][0] < cutoff:
            self._samples.popleft()

    def worst_lag_s(self) -> float:
        """The longest the loop was late in the last `window_s` seconds (0 when unmeasured)."""
        self._forget_before(asyncio.get_running_loop().time() - self.window_s)
        return max((lag for _, lag in self._samples), default=0.0)

    @property
    def overloaded(self) -> bool:
        return self.worst_lag_s() > self.overload_s
