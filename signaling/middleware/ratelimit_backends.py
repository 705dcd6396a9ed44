"""Where rate-limit counters live: this process's memory, or Redis shared by every server.

Both run the same generic cell rate algorithm (GCRA): one number per key, the "theoretical
arrival time" (TAT) at which the client's bucket is full again. A request is allowed when
adding one interval to the TAT keeps it within one period of now. Times are integer
microseconds so ``count`` requests always fit exactly.

Redis runs it as one Lua script on Redis's own clock, so servers with drifting clocks agree.
When Redis cannot be reached, limits fall back to this process's counters for a few seconds
(with a warning) rather than refusing, or waiting on, every request.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from .rates import Rate

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    retry_after_s: float = 0.0


class RateLimitBackend(Protocol):
    async def hit(self, key: str, rate: Rate) -> Decision:
        """Count one request against `key`; refused when its bucket is empty."""
        ...

    async def aclose(self) -> None: ...


def gcra(tat_us: int | None, now_us: int, rate: Rate) -> tuple[Decision, int | None]:
    """The decision and the key's new TAT (None when refused: nothing changes)."""
    new_tat = (now_us if tat_us is None else max(tat_us, now_us)) + rate.interval_us
    excess = new_tat - now_us - rate.period_us
    if excess > 0:
        return Decision(False, excess / 1_000_000), None
    return Decision(True), new_tat


class MemoryBackend:
    """Counters in this process: right for one server; each server counts alone."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_keys: int = 10_000) -> None:
        self._clock = clock
        self._tat: dict[str, int] = {}
        self._max_keys = max_keys
        self._prune_at = max_keys

    async def hit(self, key: str, rate: Rate) -> Decision:
        now = int(self._clock() * 1_000_000)
        decision, new_tat = gcra(self._tat.get(key), now, rate)
        if new_tat is not None:
            self._tat[key] = new_tat
            if len(self._tat) >= self._prune_at:
                self._prune(now)
        return decision

    def _prune(self, now_us: int) -> None:
        # A TAT in the past means a full bucket: the same as no entry at all.
        self._tat = {key: tat for key, tat in self._tat.items() if tat > now_us}
        self._prune_at = max(self._max_keys, 2 * len(self._tat))

    async def aclose(self) -> None:
        self._tat.clear()


# KEYS[1]: the counter; ARGV[1]: interval (µs); ARGV[2]: period (µs). Returns 0 when
# allowed, else the µs until it would be. '%.0f' keeps the TAT an exact integer string.
_GCRA_LUA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local new_tat = tat + interval
local excess = new_tat - now - period
if excess > 0 then return excess end
redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000))
return 0
"""


class RedisBackend:
    """Counters in Redis, shared by every server that uses the same Redis and key prefix."""

    def __init__(
        self,
        url: str,
        *,
        timeout_s: float = 0.5,
        pause_after_failure_s: float = 5.0,
        fallback: RateLimitBackend | None = None,
    ) -> None:
        self._redis = aioredis.from_url(
            url, socket_connect_timeout=timeout_s, socket_timeout=timeout_s
        )
        self._script = self._redis.register_script(_GCRA_LUA)
        self._timeout_s = timeout_s
        self._pause_s = pause_after_failure_s
        self._fallback = fallback or MemoryBackend()
        self._paused_until = 0.0

    async def hit(self, key: str, rate: Rate) -> Decision:
        if time.monotonic() < self._paused_until:
            return await self._fallback.hit(key, rate)
        try:
            async with asyncio.timeout(2 * self._timeout_s):
                retry_us = int(
                    await self._script(keys=[key], args=[rate.interval_us, rate.period_us])
                )
        except (RedisError, OSError, TimeoutError) as exc:
            # The URL may hold a password: only the error's type is logged.
            log.warning(
                "rate limits: Redis unreachable (%s); counting in this process for %.0f s",
                type(exc).__name__,
                self._pause_s,
            )
            self._paused_until = time.monotonic() + self._pause_s
            return await self._fallback.hit(key, rate)
        if retry_us > 0:
            return Decision(False, retry_us / 1_000_000)
        return Decision(True)

    async def aclose(self) -> None:
        await self._redis.aclose()
        await self._fallback.aclose()


def backend_for(redis_url: str | None) -> RateLimitBackend:
    return RedisBackend(redis_url) if redis_url else MemoryBackend()
