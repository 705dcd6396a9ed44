"""`RedisLeases`: the `presence.LeaseStore` of a fleet, one Redis shared by every process.

A lease is one string key holding its owner, with a millisecond expiry (``SET NX PX``);
renewing, releasing and evicting compare the owner first, in one Lua script each, so a process
never extends or drops a lease that expired and was taken by someone else meanwhile (a lease
that expired and is still free is taken back by its renewing owner; an evicted one holds a
tombstone, ``~evicted:<owner>``, for a TTL). Expiry runs on
Redis's clock, so processes with drifting clocks agree. The URL may hold a password: errors
are logged by type only.
"""

from __future__ import annotations

import redis.asyncio as aioredis

from .presence import EVICTED, LeaseStore, MemoryLeases, live_holder

_ACQUIRE = """
local current = redis.call('GET', KEYS[1])
if (not current) or string.sub(current, 1, #ARGV[3]) == ARGV[3] or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
"""

_RENEW = """
local current = redis.call('GET', KEYS[1])
if (not current) or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
"""

_RELEASE = """
local current = redis.call('GET', KEYS[1])
if current and string.sub(current, 1, #ARGV[2]) ~= ARGV[2]
    and (ARGV[1] == '' or current == ARGV[1]) then
  return redis.call('DEL', KEYS[1])
end
return 0
"""

_EVICT = """
local current = redis.call('GET', KEYS[1])
local live = current and string.sub(current, 1, #ARGV[3]) ~= ARGV[3]
if live and (ARGV[1] == '' or current == ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[3] .. current, 'PX', ARGV[2])
  return 1
end
if (not current) and ARGV[1] ~= '' then
  redis.call('SET', KEYS[1], ARGV[3] .. ARGV[1], 'PX', ARGV[2])
end
return 0
"""


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


class RedisLeases:
    def __init__(self, url: str, *, timeout_s: float = 2.0) -> None:
        self._redis = aioredis.from_url(
            url, socket_connect_timeout=timeout_s, socket_timeout=timeout_s
        )
        self._acquire = self._redis.register_script(_ACQUIRE)
        self._renew = self._redis.register_script(_RENEW)
        self._release = self._redis.register_script(_RELEASE)
        self._evict = self._redis.register_script(_EVICT)

    async def acquire(self, key: str, owner: str, ttl_s: float) -> bool:
        # Free, a tombstone, or already ours (a retry after a lost reply).
        return bool(await self._acquire(keys=[key], args=[owner, _ms(ttl_s), EVICTED]))

    async def renew(self, key: str, owner: str, ttl_s: float) -> bool:
        return bool(await self._renew(keys=[key], args=[owner, _ms(ttl_s)]))

    async def release(self, key: str, owner: str | None = None) -> bool:
        return bool(await self._release(keys=[key], args=[owner or "", EVICTED]))

    async def evict(self, key: str, owner: str | None, ttl_s: float) -> bool:
        return bool(await self._evict(keys=[key], args=[owner or "", _ms(ttl_s), EVICTED]))

    async def holder(self, key: str) -> str | None:
        value = await self._redis.get(key)
        if value is None:
            return None
        return live_holder(value.decode() if isinstance(value, bytes) else str(value))

    async def aclose(self) -> None:
        await self._redis.aclose()


def lease_store(redis_url: str | None) -> LeaseStore:
    """The fleet's leases in Redis when one is configured, else this process's memory."""
    return RedisLeases(redis_url) if redis_url else MemoryLeases()
