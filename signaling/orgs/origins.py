"""The origins that organisations allow, cached for the CORS middleware.

CORS only tells a browser whether it may read a response; which organisation's token works
from which origin is decided per request (`signaling.auth.embed`). So the middleware needs
only the union of all organisations' origins. It is cached: reloaded every `TTL_S`, and at
most once per `MISS_RELOAD_S` when an unknown origin asks (an origin added by `mockline org`
in another process is seen within a second).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

OriginLoader = Callable[[], Awaitable[frozenset[str]]]

TTL_S = 30.0
MISS_RELOAD_S = 1.0


class OriginCache:
    def __init__(self, load: OriginLoader, clock: Callable[[], float] = time.monotonic) -> None:
        self._load = load
        self._clock = clock
        self._origins: frozenset[str] = frozenset()
        self._loaded_at = float("-inf")
        self._lock = asyncio.Lock()

    async def allows(self, origin: str) -> bool:
        loaded_at = self._loaded_at
        age = self._clock() - loaded_at
        known = origin in self._origins
        if (known and age < TTL_S) or (not known and age < MISS_RELOAD_S):
            return known
        async with self._lock:
            if self._loaded_at == loaded_at:  # nobody reloaded while this one waited
                self._origins = await self._load()
                self._loaded_at = self._clock()
        return origin in self._origins

    def forget(self) -> None:
        """Reload on the next request (this process changed an organisation's origins)."""
        self._loaded_at = float("-inf")
