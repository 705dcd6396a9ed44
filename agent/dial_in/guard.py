"""Rate limits on PIN guessing: `Guard`, and `PinGuard`, its in-process form (one server);
`guard_redis.RedisPinGuard` shares the counts between workers.

Three wrong entries end a call (`pin_flow`). On top of that, wrong entries are counted in a
sliding window per caller (the trunk's address and the caller's number, as the trunk gives
it) and for the whole server: past either limit, a call is told to try later before any
PIN is read. The server-wide limit is what stops a guesser who varies their caller id.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

WINDOW_S = 15 * 60.0
PER_CALLER = 6
"""Two calls' worth of wrong PINs per caller per window."""
SERVER_WIDE = 60
_MAX_CALLERS = 10_000


class Guard(Protocol):
    async def allows(self, caller: str) -> bool:
        """A call from ``caller`` may enter a PIN now."""

    async def failed(self, caller: str) -> None:
        """``caller`` entered a wrong PIN."""

    async def aclose(self) -> None: ...


@dataclass
class PinGuard:
    window_s: float = WINDOW_S
    per_caller: int = PER_CALLER
    server_wide: int = SERVER_WIDE
    clock: Callable[[], float] = time.monotonic
    _callers: OrderedDict[str, deque[float]] = field(default_factory=OrderedDict)
    _all: deque[float] = field(default_factory=deque)

    def _trim(self, times: deque[float], now: float) -> deque[float]:
        while times and times[0] <= now - self.window_s:
            times.popleft()
        return times

    async def allows(self, caller: str) -> bool:
        """A call from ``caller`` may enter a PIN now."""
        now = self.clock()
        if len(self._trim(self._all, now)) >= self.server_wide:
            return False
        times = self._callers.get(caller)
        return times is None or len(self._trim(times, now)) < self.per_caller

    async def failed(self, caller: str) -> None:
        now = self.clock()
        self._all.append(now)
        times = self._callers.pop(caller, None) or deque()
        times.append(now)
        self._callers[caller] = times  # most recent last: the oldest are evicted first
        while len(self._callers) > _MAX_CALLERS:
            self._callers.popitem(last=False)

    async def aclose(self) -> None:
        """Nothing to release: the counts live in this process."""
