"""The deny-list of access tokens revoked before they expire: by token id (``jti:...``) for
one token, by session id (``sid:...``) for every token of a session.

Sign-out, account deletion and a replayed refresh token add entries; every authenticated
request checks its token's two ids. An entry is kept only until the tokens it covers expire
anyway (an access token lives 15 minutes), so the list stays small.

With ``MOCKLINE_REDIS_URL`` the list lives in Redis, shared by every server; each entry is a
key that Redis expires itself. Entries are always written to this process's memory as
well, so when Redis cannot be reached (logged, type of error only: the URL may hold a
password) this server still refuses what it revoked itself, for a few seconds before it
asks Redis again, rather than refusing, or waiting on, every request.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

import redis.asyncio as aioredis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

KEY_PREFIX = "mockline:revoked:"


class RevocationList(Protocol):
    async def revoke(self, revocation_id: str, until: float) -> None:
        """Deny ``revocation_id`` until the Unix time ``until``."""
        ...

    async def any_revoked(self, revocation_ids: Sequence[str]) -> bool: ...

    async def aclose(self) -> None: ...


class MemoryRevocations:
    """This process's list: right for one server."""

    def __init__(self, clock: Callable[[], float] = time.time, max_entries: int = 100_000) -> None:
        self._clock = clock
        self._until: dict[str, float] = {}
        self._prune_at = max_entries

    async def revoke(self, revocation_id: str, until: float) -> None:
        self._until[revocation_id] = max(until, self._until.get(revocation_id, 0.0))
        if len(self._until) >= self._prune_at:
            now = self._clock()
            self._until = {key: end for key, end in self._until.items() if end > now}
            self._prune_at = max(self._prune_at, 2 * len(self._until))

    async def any_revoked(self, revocation_ids: Sequence[str]) -> bool:
        now = self._clock()
        return any(self._until.get(key, 0.0) > now for key in revocation_ids)

    async def aclose(self) -> None:
        self._until.clear()


class RedisRevocations:
    """The list in Redis, shared by every server on the same Redis."""

    def __init__(
        self, url: str, *, timeout_s: float = 0.5, pause_after_failure_s: float = 5.0
    ) -> None:
        self._redis = aioredis.from_url(
            url, socket_connect_timeout=timeout_s, socket_timeout=timeout_s
        )
        self._timeout_s = timeout_s
        self._pause_s = pause_after_failure_s
        self._local = MemoryRevocations()
        self._paused_until = 0.0

    async def revoke(self, revocation_id: str, until: float) -> None:
        await self._local.revoke(revocation_id, until)
        ttl_ms = int((until - time.time()) * 1000)
        if ttl_ms > 0:
            key = KEY_PREFIX + revocation_id
            await self._redis_call(lambda: self._redis.set(key, b"1", px=ttl_ms))

    async def any_revoked(self, revocation_ids: Sequence[str]) -> bool:
        if await self._local.any_revoked(revocation_ids):
            return True
        keys = [KEY_PREFIX + revocation_id for revocation_id in revocation_ids]
        found = await self._redis_call(lambda: self._redis.exists(*keys))
        return bool(found)

    async def _redis_call(self, call: Callable[[], Awaitable[object]]) -> object:
        """The call's result; None while Redis is paused after a failure, or when it fails."""
        if time.monotonic() < self._paused_until:
            return None
        try:
            async with asyncio.timeout(2 * self._timeout_s):
                return await call()
        except (RedisError, OSError, TimeoutError) as exc:
            log.warning(
                "token deny-list: Redis unreachable (%s); this server's own list answers for %.0f s",
                type(exc).__name__,
                self._pause_s,
            )
            self._paused_until = time.monotonic() + self._pause_s
            return None

    async def aclose(self) -> None:
        await self._redis.aclose()
        await self._local.aclose()


def revocations_for(redis_url: str | None) -> RevocationList:
    return RedisRevocations(redis_url) if redis_url else MemoryRevocations()
