"""`RedisPinGuard`: the limits on PIN guessing (`guard`) shared by every process of a fleet,
so a guesser gains nothing from landing on another worker. One sorted set of failure times
per caller (keyed by a hash: no phone number in Redis) and one for all callers, trimmed to
the window on every read and expiring with it. The URL may hold a password: errors are
logged by type only, and a Redis outage lets calls through (PINs are 10^8 and a wrong one
still ends the call after three tries) rather than locking every candidate out.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from .guard import PER_CALLER, SERVER_WIDE, WINDOW_S, Guard, PinGuard

log = logging.getLogger(__name__)

PREFIX = "mockline:pin-guard:"


@dataclass
class RedisPinGuard:
    client: aioredis.Redis
    window_s: float = WINDOW_S
    per_caller: int = PER_CALLER
    server_wide: int = SERVER_WIDE
    clock: Callable[[], float] = time.time
    prefix: str = PREFIX
    _ttl_ms: int = field(init=False)

    def __post_init__(self) -> None:
        self._ttl_ms = max(1, round(self.window_s * 1000))

    @property
    def _all(self) -> str:
        return self.prefix + "all"

    def _caller_key(self, caller: str) -> str:
        return self.prefix + "caller:" + hashlib.sha256(caller.encode()).hexdigest()[:32]

    async def _count(self, key: str, now: float) -> int:
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(key, "-inf", now - self.window_s)
            pipe.zcard(key)
            _, count = await pipe.execute()
        return int(count)

    async def allows(self, caller: str) -> bool:
        now = self.clock()
        try:
            if await self._count(self._all, now) >= self.server_wide:
                return False
            return await self._count(self._caller_key(caller), now) < self.per_caller
        except RedisError as exc:
            log.warning("PIN guard unreadable (%s): the call may try", type(exc).__name__)
            return True

    async def failed(self, caller: str) -> None:
        now = self.clock()
        member = f"{now:.6f}:{secrets.token_hex(4)}"
        try:
            async with self.client.pipeline(transaction=True) as pipe:
                for key in (self._all, self._caller_key(caller)):
                    pipe.zadd(key, {member: now})
                    pipe.pexpire(key, self._ttl_ms)
                await pipe.execute()
        except RedisError as exc:
            log.warning("PIN guard not updated (%s)", type(exc).__name__)

    async def aclose(self) -> None:
        await self.client.aclose()


def pin_guard(redis_url: str | None) -> Guard:
    """Shared through Redis when the fleet has one, else this process's own."""
    if redis_url:
        return RedisPinGuard(aioredis.from_url(redis_url))
    return PinGuard()
