"""Rate-limit counters: GCRA in memory on a virtual clock, and in a real Redis.

Redis tests use the session's `redis_url` (`redis_server`) and a fresh key prefix each, so they
share a Redis with other runs without seeing their counters.
"""

from __future__ import annotations

import logging
import socket
import uuid
from collections.abc import AsyncIterator

import pytest

from signaling.middleware.ratelimit_backends import MemoryBackend, RedisBackend, gcra
from signaling.middleware.rates import MINUTE, Rate

TEN_A_MINUTE = Rate(10, MINUTE)


class VirtualClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def test_gcra_allows_a_burst_of_count_then_one_per_interval() -> None:
    rate = Rate(3, 3)
    tat = None
    for _ in range(3):
        decision, tat = gcra(tat, 0, rate)
        assert decision.allowed
    refused, unchanged = gcra(tat, 0, rate)
    assert not refused.allowed and unchanged is None
    assert refused.retry_after_s == pytest.approx(1.0)
    decision, _ = gcra(tat, 1_000_000, rate)
    assert decision.allowed


def test_scaled_rates_keep_at_least_one_request() -> None:
    assert Rate(10, MINUTE).scaled(100).count == 1000
    assert Rate(10, MINUTE).scaled(0.01).count == 1


async def test_memory_backend_refuses_over_the_limit_and_refills() -> None:
    clock = VirtualClock()
    backend = MemoryBackend(clock)
    for _ in range(10):
        assert (await backend.hit("a", TEN_A_MINUTE)).allowed
    refused = await backend.hit("a", TEN_A_MINUTE)
    assert not refused.allowed
    assert refused.retry_after_s == pytest.approx(6.0)
    assert (await backend.hit("b", TEN_A_MINUTE)).allowed, "another key has its own bucket"

    clock.now += 5.9
    assert not (await backend.hit("a", TEN_A_MINUTE)).allowed
    clock.now += 0.1
    assert (await backend.hit("a", TEN_A_MINUTE)).allowed
    assert not (await backend.hit("a", TEN_A_MINUTE)).allowed

    clock.now += MINUTE
    for _ in range(10):
        assert (await backend.hit("a", TEN_A_MINUTE)).allowed


async def test_memory_backend_forgets_clients_whose_bucket_is_full_again() -> None:
    clock = VirtualClock()
    backend = MemoryBackend(clock, max_keys=100)
    for i in range(100):
        await backend.hit(f"old-{i}", TEN_A_MINUTE)
    clock.now += MINUTE
    for i in range(100):
        await backend.hit(f"new-{i}", TEN_A_MINUTE)
    assert len(backend._tat) <= 100
    assert all(key.startswith("new-") for key in backend._tat)


@pytest.fixture
async def redis_backend(redis_url: str) -> AsyncIterator[RedisBackend]:
    backend = RedisBackend(redis_url)
    yield backend
    await backend.aclose()


def fresh_key() -> str:
    return f"mockline-test:{uuid.uuid4().hex}"


async def test_redis_backend_refuses_over_the_limit(redis_backend: RedisBackend) -> None:
    key = fresh_key()
    for _ in range(10):
        assert (await redis_backend.hit(key, TEN_A_MINUTE)).allowed
    refused = await redis_backend.hit(key, TEN_A_MINUTE)
    assert not refused.allowed
    assert 0 < refused.retry_after_s <= 6.0
    assert (await redis_backend.hit(fresh_key(), TEN_A_MINUTE)).allowed


async def test_redis_counters_are_shared_between_servers(
    redis_backend: RedisBackend, redis_url: str
) -> None:
    other_server = RedisBackend(redis_url)
    try:
        key = fresh_key()
        for backend in [redis_backend, other_server] * 5:
            assert (await backend.hit(key, TEN_A_MINUTE)).allowed
        assert not (await redis_backend.hit(key, TEN_A_MINUTE)).allowed
        assert not (await other_server.hit(key, TEN_A_MINUTE)).allowed
    finally:
        await other_server.aclose()


async def test_redis_keys_expire_once_the_bucket_is_full(redis_backend: RedisBackend) -> None:
    key = fresh_key()
    await redis_backend.hit(key, TEN_A_MINUTE)
    ttl_ms = await redis_backend._redis.pttl(key)
    assert 0 < ttl_ms <= 6000


async def test_unreachable_redis_falls_back_to_process_counters(
    caplog: pytest.LogCaptureFixture,
) -> None:
    backend = RedisBackend(closed_port_url(), timeout_s=0.2)
    try:
        with caplog.at_level(logging.WARNING, logger="signaling.middleware.ratelimit_backends"):
            decisions = [await backend.hit("k", Rate(3, MINUTE)) for _ in range(4)]
        assert [d.allowed for d in decisions] == [True, True, True, False]
        warnings = [r for r in caplog.records if "Redis unreachable" in r.getMessage()]
        assert len(warnings) == 1, "one warning per outage, not one per request"
        assert "127.0.0.1" not in warnings[0].getMessage()
    finally:
        await backend.aclose()
