"""The fleet's shared state (`agent.sessions.presence`) in this process and in a real Redis:
leases that expire, heartbeats that keep them, eviction that stops the holder, a call on
"another server" refusing text mode here, and one report generation across two servers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from uuid import UUID, uuid4

import asyncpg
import pytest

from agent.llm import LlmClient
from agent.sessions.deps import SessionDeps
from agent.sessions.hub import SessionHub
from agent.sessions.presence import CallPresence, LeaseStore, MemoryLeases, SingleFlight
from agent.sessions.presence_redis import RedisLeases
from agent.sessions.reports import Reports
from agent.sessions.session import CallActiveError
from agent.store.models import User

from report_helpers import finish_interview


@pytest.fixture(params=["memory", "redis"])
async def leases(request: pytest.FixtureRequest) -> AsyncIterator[LeaseStore]:
    store: LeaseStore
    if request.param == "memory":
        store = MemoryLeases()
    else:
        store = RedisLeases(request.getfixturevalue("redis_url"))
    try:
        yield store
    finally:
        await store.aclose()


def key() -> str:
    return f"mockline:test:{uuid4()}"


async def test_a_lease_has_one_owner_until_released(leases: LeaseStore) -> None:
    name = key()
    assert await leases.acquire(name, "a", 5)
    assert not await leases.acquire(name, "b", 5)
    assert await leases.acquire(name, "a", 5)  # again by its owner: still held
    assert await leases.holder(name) == "a"
    assert not await leases.release(name, "b")
    assert not await leases.renew(name, "b", 5)
    assert await leases.release(name, "a")
    assert await leases.holder(name) is None
    assert await leases.acquire(name, "b", 5)


async def test_a_lease_nobody_renews_expires(leases: LeaseStore) -> None:
    name = key()
    assert await leases.acquire(name, "dead", 0.2)
    await asyncio.sleep(0.4)
    assert await leases.holder(name) is None
    assert await leases.acquire(name, "alive", 5)


async def test_a_heartbeat_keeps_a_call_and_eviction_stops_it(leases: LeaseStore) -> None:
    interview = uuid4()
    here = CallPresence(leases, "worker:1", ttl_s=0.3)
    there = CallPresence(leases, "web:2", ttl_s=0.3)
    lost = asyncio.Event()
    lease = await here.claim(interview, on_lost=lost.set)
    assert lease is not None
    await asyncio.sleep(0.8)  # well past the TTL: renewed all along
    assert await there.active(interview) and await there.holder(interview) == "worker:1"
    assert await there.claim(interview) is None
    assert not await there.evict(interview, "someone-else")
    assert await there.evict(interview)
    await asyncio.wait_for(lost.wait(), 2)  # the holder noticed at its next heartbeat
    assert lease.lost
    await lease.release()  # after loss: changes nothing, raises nothing
    assert await there.claim(interview) is not None


async def test_a_stalled_holder_takes_its_lease_back_unless_taken_or_evicted(
    leases: LeaseStore,
) -> None:
    stalled, taken, evicted = key(), key(), key()
    for name in (stalled, taken, evicted):
        assert await leases.acquire(name, "worker:slow", 0.2)
    await asyncio.sleep(0.4)  # expired: its heartbeat comes too late
    assert await leases.holder(stalled) is None
    # Still free: its late heartbeat takes it back, and then it renews as before.
    assert await leases.renew(stalled, "worker:slow", 5)
    assert await leases.holder(stalled) == "worker:slow"
    assert not await leases.acquire(stalled, "worker:other", 5)
    # Taken by another meanwhile: lost.
    assert await leases.acquire(taken, "worker:other", 5)
    assert not await leases.renew(taken, "worker:slow", 5)
    assert await leases.holder(taken) == "worker:other"
    # Evicted after it expired (the web tier replaced its interviewer): it cannot come back,
    # though anyone else may take the key at once.
    assert not await leases.evict(evicted, "worker:slow", 5)
    assert await leases.holder(evicted) is None
    assert not await leases.renew(evicted, "worker:slow", 5)
    assert not await leases.release(evicted)  # a tombstone is nobody's to release
    assert await leases.acquire(evicted, "worker:new", 5)
    assert await leases.holder(evicted) == "worker:new"
    # Evicting someone who does not hold it leaves the holder alone.
    assert not await leases.evict(evicted, "worker:slow", 5)
    assert await leases.renew(evicted, "worker:new", 5)


async def test_single_flight_runs_one_holder_at_a_time(leases: LeaseStore) -> None:
    running: list[str] = []
    overlaps: list[int] = []
    prefix = key()

    async def work(owner: str) -> None:
        async with SingleFlight(leases, owner, prefix=prefix, ttl_s=1, poll_s=0.02).hold("x"):
            running.append(owner)
            overlaps.append(len(running))
            await asyncio.sleep(0.1)
            running.remove(owner)

    await asyncio.gather(*(work(f"server-{n}") for n in range(3)))
    assert overlaps == [1, 1, 1]


async def test_text_mode_is_refused_while_a_call_runs_elsewhere(
    store_pool: asyncpg.Pool, owner: User, redis_url: str
) -> None:
    from agent.interviewer.setup import InterviewSetup
    from agent.sessions.loader import create_planned_interview

    setup = InterviewSetup(role="backend_engineer", level="junior", interview_type="technical")
    interview = await create_planned_interview(store_pool, owner_id=owner.id, setup=setup)
    web, worker = RedisLeases(redis_url), RedisLeases(redis_url)
    try:
        hub = SessionHub(SessionDeps(store_pool, presence=CallPresence(web, "web:a")))
        call = await CallPresence(worker, "worker:b").claim(interview.id)
        assert call is not None
        assert await hub.call_active(interview.id)
        with pytest.raises(CallActiveError):
            await hub(interview.id).open_text()
        await call.release()
        assert not await hub.call_active(interview.id)
        opened = await hub(interview.id).open_text()
        assert opened.reply and not opened.finished
    finally:
        await web.aclose()
        await worker.aclose()


async def test_two_servers_generate_one_report(
    store_pool: asyncpg.Pool, owner: User, redis_url: str
) -> None:
    interview = await finish_interview(store_pool, owner.id)
    asked: list[UUID] = []

    async def client_for(user_id: UUID) -> LlmClient | None:
        asked.append(user_id)
        await asyncio.sleep(0.2)  # the other server arrives meanwhile
        return None

    stores = [RedisLeases(redis_url), RedisLeases(redis_url)]
    try:
        servers = [
            Reports(store_pool, client_for, SingleFlight(s, f"web:{n}", prefix="mockline:report"))
            for n, s in enumerate(stores)
        ]
        first, second = await asyncio.gather(*(s.ensure(interview) for s in servers))
    finally:
        for store in stores:
            await store.aclose()
    assert asked == [owner.id]  # one generation: the second server read the first one's
    assert first == second


async def test_ending_waits_for_the_call_elsewhere_then_hangs_it_up(
    store_pool: asyncpg.Pool, owner: User, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from agent.interviewer.setup import InterviewSetup
    from agent.sessions import session as session_module
    from agent.sessions.loader import create_planned_interview

    monkeypatch.setattr(session_module, "_REMOTE_END_WAIT_S", 0.5)
    setup = InterviewSetup(role="backend_engineer", level="junior", interview_type="technical")
    store = RedisLeases(redis_url)
    try:
        hub = SessionHub(SessionDeps(store_pool, presence=CallPresence(store, "web:a")))
        worker = CallPresence(store, "worker:b")

        # The worker's call ends on its own (it heard the page's "end"): ending waits for it.
        first = await create_planned_interview(store_pool, owner_id=owner.id, setup=setup)
        call = await worker.claim(first.id)
        assert call is not None
        released = asyncio.get_running_loop().call_later(
            0.3, lambda: asyncio.ensure_future(call.release())
        )
        ended = await hub(first.id).end()
        assert ended is not None and ended.status == "completed"
        assert not await worker.active(first.id)
        released.cancel()

        # A call that does not stop is evicted (its worker hangs up at its next heartbeat).
        second = await create_planned_interview(store_pool, owner_id=owner.id, setup=setup)
        assert await store.acquire(CallPresence.key(second.id), "worker:stuck", 60)
        ended = await hub(second.id).end()
        assert ended is not None and ended.status == "completed"
        assert await store.holder(CallPresence.key(second.id)) is None
    finally:
        await store.aclose()
