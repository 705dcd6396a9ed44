"""SignInFailureStore against a real PostgreSQL: counting, forgetting, clearing, purging."""

from __future__ import annotations

import asyncio
import hashlib
import secrets

import asyncpg

from agent.store.signin_failures import SignInFailureStore

HOUR = 3600.0


def _key() -> bytes:
    return hashlib.sha256(secrets.token_bytes(16)).digest()


async def test_failures_count_up_per_key(store_pool: asyncpg.Pool) -> None:
    store = SignInFailureStore(store_pool)
    key, other = _key(), _key()
    assert await store.get(key, forget_after_s=HOUR) is None
    assert [await store.record_failure(key, forget_after_s=HOUR) for _ in range(3)] == [1, 2, 3]
    assert await store.record_failure(other, forget_after_s=HOUR) == 1
    count = await store.get(key, forget_after_s=HOUR)
    assert count is not None and count.failures == 3 and 0 <= count.since_last_s < 60


async def test_old_failures_are_forgotten(store_pool: asyncpg.Pool) -> None:
    store = SignInFailureStore(store_pool)
    key = _key()
    await store.record_failure(key, forget_after_s=HOUR)
    await store.record_failure(key, forget_after_s=HOUR)
    await asyncio.sleep(0.3)
    assert await store.get(key, forget_after_s=0.2) is None
    assert await store.record_failure(key, forget_after_s=0.2) == 1, "counting starts again"


async def test_clear_and_purge(store_pool: asyncpg.Pool) -> None:
    store = SignInFailureStore(store_pool)
    cleared, old, recent = _key(), _key(), _key()
    for key in (cleared, old):
        await store.record_failure(key, forget_after_s=HOUR)
    await store.clear(cleared)
    assert await store.get(cleared, forget_after_s=HOUR) is None
    await asyncio.sleep(0.3)
    await store.record_failure(recent, forget_after_s=HOUR)
    assert await store.purge(forget_after_s=0.2) >= 1
    assert (
        await store_pool.fetchval("select count(*) from signin_failures where key_hash = $1", old)
        == 0
    )
    assert await store.get(recent, forget_after_s=HOUR) is not None
