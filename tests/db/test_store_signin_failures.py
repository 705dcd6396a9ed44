"""SignInFailureStore against a real PostgreSQL: admission by the backoff, bursts decided
one at a time, taking a right attempt back, forgetting, clearing and purging."""

from __future__ import annotations

import asyncio
import hashlib
import secrets

import asyncpg

from agent.store.signin_failures import Backoff, SignInFailureStore

# Two free tries, then 30 s (so a test never waits one out); forgotten after an hour.
BACKOFF = Backoff(free_failures=2, first_delay_s=30, max_delay_s=60, forget_after_s=3600)


def _key() -> bytes:
    return hashlib.sha256(secrets.token_bytes(16)).digest()


async def _count(pool: asyncpg.Pool, key: bytes) -> int:
    count: int | None = await pool.fetchval(
        "select failures from signin_failures where key_hash = $1", key
    )
    return count or 0


async def test_free_tries_then_a_wait(store_pool: asyncpg.Pool) -> None:
    store = SignInFailureStore(store_pool)
    key, other = _key(), _key()
    assert [await store.admit(key, BACKOFF) for _ in range(2)] == [0.0, 0.0]
    wait = await store.admit(key, BACKOFF)
    assert 25 < wait <= 30
    assert await _count(store_pool, key) == 2, "a refused attempt is not counted"
    assert await store.admit(other, BACKOFF) == 0.0, "keys are counted apart"


async def test_a_burst_is_decided_one_at_a_time(store_pool: asyncpg.Pool) -> None:
    store = SignInFailureStore(store_pool)
    fresh, known = _key(), _key()
    await store.admit(known, BACKOFF)
    for key, admitted in ((fresh, 2), (known, 1)):
        waits = await asyncio.gather(*(store.admit(key, BACKOFF) for _ in range(20)))
        assert sum(wait == 0.0 for wait in waits) == admitted, waits
        assert await _count(store_pool, key) == 2


async def test_a_right_attempt_is_taken_back(store_pool: asyncpg.Pool) -> None:
    store = SignInFailureStore(store_pool)
    key = _key()
    for _ in range(2):
        await store.admit(key, BACKOFF)
        await store.forgive(key)
    assert await _count(store_pool, key) == 0
    assert await store.admit(key, BACKOFF) == 0.0


async def test_old_failures_are_forgotten(store_pool: asyncpg.Pool) -> None:
    store = SignInFailureStore(store_pool)
    key = _key()
    quick = Backoff(free_failures=1, first_delay_s=30, max_delay_s=60, forget_after_s=0.2)
    assert await store.admit(key, quick) == 0.0
    assert await store.admit(key, quick) > 0
    await asyncio.sleep(0.3)
    assert await store.admit(key, quick) == 0.0
    assert await _count(store_pool, key) == 1, "counting starts again"


async def test_clear_and_purge(store_pool: asyncpg.Pool) -> None:
    store = SignInFailureStore(store_pool)
    cleared, old, recent = _key(), _key(), _key()
    for key in (cleared, old):
        await store.admit(key, BACKOFF)
    await store.clear(cleared)
    assert await _count(store_pool, cleared) == 0
    await asyncio.sleep(0.3)
    await store.admit(recent, BACKOFF)
    assert await store.purge(forget_after_s=0.2) >= 1
    assert await _count(store_pool, old) == 0
    assert await _count(store_pool, recent) == 1
