"""The live feed of a call (`agent.sessions.live`): in one process, and across a fleet on a
real Redis. A watcher gets the events of its interview only, in order, from when it started
watching; a slow one loses its oldest; a Redis that is gone loses events, never the call."""

from __future__ import annotations

import asyncio
import socket
import time
import uuid
from collections.abc import AsyncIterator

import pytest

from agent.sessions.live import LiveFeed, MemoryLiveFeed, Watch, WatcherCount
from agent.sessions.live_redis import RedisLiveFeed


@pytest.fixture(params=["memory", "redis"])
async def feed(request: pytest.FixtureRequest) -> AsyncIterator[LiveFeed]:
    made: LiveFeed = (
        MemoryLiveFeed()
        if request.param == "memory"
        else RedisLiveFeed(request.getfixturevalue("redis_url"))
    )
    yield made
    await made.aclose()


async def _next(watch: Watch) -> dict[str, object] | None:
    return await watch.next(2.0)


async def test_watchers_get_their_interviews_events_in_order(feed: LiveFeed) -> None:
    one, other = uuid.uuid4(), uuid.uuid4()
    feed.publish(one, {"n": -1})  # before anyone watched: nobody gets it
    await asyncio.sleep(0.2)  # (Redis publishes from its own task)
    async with feed.watch(one) as first, feed.watch(one) as second, feed.watch(other) as third:
        for n in range(5):
            feed.publish(one, {"n": n})
        feed.publish(other, {"n": 100})
        for watch in (first, second):
            assert [await _next(watch) for _ in range(5)] == [{"n": n} for n in range(5)]
        assert await _next(third) == {"n": 100}
        assert await first.next(0.3) is None  # nothing more, and nothing of the other call


async def test_a_closed_watch_gets_nothing_more(feed: LiveFeed) -> None:
    interview = uuid.uuid4()
    async with feed.watch(interview) as watch:
        feed.publish(interview, {"n": 1})
        assert await _next(watch) == {"n": 1}
    feed.publish(interview, {"n": 2})
    await asyncio.sleep(0.2)
    assert await watch.next(0.2) is None
    if isinstance(feed, MemoryLiveFeed):
        assert feed.watching(interview) == 0


def test_a_slow_watcher_loses_its_oldest_events() -> None:
    watch = Watch(backlog=3)
    for n in range(5):
        watch.put({"n": n})
    assert watch.dropped == 2

    async def drain() -> list[dict[str, object] | None]:
        return [await watch.next(0.1) for _ in range(4)]

    assert asyncio.run(drain()) == [{"n": 2}, {"n": 3}, {"n": 4}, None]


async def test_without_redis_publishing_neither_blocks_nor_raises() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    feed = RedisLiveFeed(f"redis://127.0.0.1:{port}/0", timeout_s=0.2)
    try:
        loop = asyncio.get_running_loop()
        started = loop.time()
        for n in range(2000):  # more than the outbox holds
            feed.publish(uuid.uuid4(), {"n": n})
        assert loop.time() - started < 0.5
        await asyncio.sleep(0.5)
        assert feed.dropped > 0
    finally:
        await feed.aclose()


def test_watchers_per_interview_are_capped() -> None:
    count, one, other = WatcherCount(limit=2), uuid.uuid4(), uuid.uuid4()
    first, second = count.enter(one), count.enter(one)
    assert first is not None and second is not None
    count.started(one, first)
    count.started(one, second)
    assert count.enter(one) is None
    assert count.enter(other) is not None
    count.leave(one, first)
    assert count.enter(one) is not None


def test_a_stream_that_never_started_stops_counting() -> None:
    """A client that left before its response began never runs the stream that would leave."""
    count, one = WatcherCount(limit=1, start_within_s=0.05), uuid.uuid4()
    ticket = count.enter(one)
    assert ticket is not None and count.enter(one) is None
    time.sleep(0.1)
    assert count.enter(one) is not None
    started = WatcherCount(limit=1, start_within_s=0.05)
    running = started.enter(one)
    assert running is not None
    started.started(one, running)
    time.sleep(0.1)
    assert started.enter(one) is None  # a running stream counts however long it runs
