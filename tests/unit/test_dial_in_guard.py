"""The limits on PIN guessing: wrong PINs counted per caller and server-wide, in a sliding
window; in one process (`PinGuard`) and shared through a real Redis (`RedisPinGuard`)."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
import redis.asyncio as aioredis

from agent.dial_in import guard
from agent.dial_in.guard import Guard, PinGuard
from agent.dial_in.guard_redis import RedisPinGuard

Make = Callable[..., Guard]


@pytest.fixture
def clock() -> list[float]:
    return [1000.0]


@pytest.fixture(params=["memory", "redis"])
async def make(
    request: pytest.FixtureRequest, clock: list[float], redis_url: str
) -> AsyncIterator[Make]:
    made: list[RedisPinGuard] = []
    prefix = f"test:pin-guard:{secrets.token_hex(4)}:"  # each test its own keys

    def build(**limits: Any) -> Guard:
        if request.param == "memory":
            return PinGuard(clock=lambda: clock[0], **limits)
        shared = RedisPinGuard(
            aioredis.from_url(redis_url), clock=lambda: clock[0], prefix=prefix, **limits
        )
        made.append(shared)
        return shared

    yield build
    for shared in made:
        await shared.aclose()


async def test_a_caller_is_refused_after_its_wrong_pins(make: Make) -> None:
    pins = make(per_caller=6, server_wide=60)
    for _ in range(5):
        await pins.failed("1.2.3.4|+1555")
    assert await pins.allows("1.2.3.4|+1555")
    await pins.failed("1.2.3.4|+1555")
    assert not await pins.allows("1.2.3.4|+1555")
    assert await pins.allows("1.2.3.4|+1666"), "another caller is not limited"


async def test_the_window_slides(make: Make, clock: list[float]) -> None:
    pins = make(window_s=900, per_caller=2, server_wide=60)
    await pins.failed("a")
    clock[0] += 600
    await pins.failed("a")
    assert not await pins.allows("a")
    clock[0] += 301  # the first one is out of the window
    assert await pins.allows("a")
    clock[0] += 600
    assert await pins.allows("a")


async def test_the_server_wide_limit_stops_a_guesser_who_changes_caller_id(
    make: Make, clock: list[float]
) -> None:
    pins = make(window_s=900, per_caller=6, server_wide=10)
    for n in range(10):
        assert await pins.allows(f"caller-{n}")
        await pins.failed(f"caller-{n}")
    assert not await pins.allows("caller-new")
    clock[0] += 901
    assert await pins.allows("caller-new")


async def test_two_workers_share_the_count(redis_url: str, clock: list[float]) -> None:
    prefix = f"test:pin-guard:{secrets.token_hex(4)}:"
    here, there = (
        RedisPinGuard(
            aioredis.from_url(redis_url), per_caller=2, clock=lambda: clock[0], prefix=prefix
        )
        for _ in range(2)
    )
    try:
        await here.failed("caller")
        await there.failed("caller")
        assert not await here.allows("caller") and not await there.allows("caller")
        keys = [
            k.decode() if isinstance(k, bytes) else str(k)
            for k in await here.client.keys(prefix + "*")
        ]
        # the caller is kept as a hash: no phone number in Redis
        assert sorted(k.removeprefix(prefix).split(":")[0] for k in keys) == ["all", "caller"]
        assert all(len(k.split(":")[-1]) == 32 for k in keys if ":caller:" in k), keys
    finally:
        await here.aclose()
        await there.aclose()


async def test_an_unreachable_redis_lets_the_call_try(unused_tcp_port: int) -> None:
    down = RedisPinGuard(aioredis.from_url(f"redis://127.0.0.1:{unused_tcp_port}"))
    try:
        assert await down.allows("caller")
        await down.failed("caller")  # logged, not raised
    finally:
        await down.aclose()


async def test_callers_kept_in_memory_are_bounded(
    clock: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(guard, "_MAX_CALLERS", 100)
    pins = PinGuard(per_caller=1, server_wide=10**6, clock=lambda: clock[0])
    await pins.failed("first")
    for n in range(200):
        await pins.failed(f"caller-{n}")
    assert len(pins._callers) == 100
    assert await pins.allows("first"), "the oldest caller was evicted"
    assert not await pins.allows("caller-199")
