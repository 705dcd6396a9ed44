"""Interview checkpoints, the interviewer columns of migration 0005, and the stale-writer
guard of text mode, on a real PostgreSQL."""

from __future__ import annotations

import asyncio
from uuid import UUID, uuid4

import asyncpg
import pytest

from agent.interviewer.setup import InterviewSetup
from agent.sessions.deps import SessionDeps
from agent.sessions.loader import create_planned_interview
from agent.sessions.session import InterviewSession
from agent.sessions.text import Exchange
from agent.store.checkpoints import CheckpointStore, StaleCheckpointError
from agent.store.interviews import InterviewStore
from agent.store.migrate import apply_migrations, load_migrations
from agent.store.models import Interview, JsonObject, User
from agent.store.pool import create_pool

SETUP: JsonObject = {
    "role": "backend_engineer",
    "level": "mid",
    "interview_type": "technical",
    "length": {"unit": "minutes", "value": 20},
    "persona": {"name": "Sam", "tone": "friendly", "company_style": ""},
}


async def _interview(store: InterviewStore, owner: User) -> Interview:
    return await store.create_interview(
        owner_id=owner.id, role="backend_engineer", level="mid", interview_type="technical"
    )


async def test_save_load_and_versions(
    interview_store: InterviewStore, store_pool: asyncpg.Pool, owner: User
) -> None:
    interview = await _interview(interview_store, owner)
    checkpoints = CheckpointStore(store_pool)
    assert await checkpoints.load(interview.id) is None
    assert (
        await checkpoints.save(interview.id, {"index": 0, "turns": []}, expected_version=None) == 1
    )
    assert (
        await checkpoints.save(interview.id, {"index": 1, "turns": ["a"]}, expected_version=1) == 2
    )
    loaded = await checkpoints.load(interview.id)
    assert loaded is not None
    assert (loaded.version, loaded.state) == (2, {"index": 1, "turns": ["a"]})


async def test_a_stale_writer_never_overwrites(
    interview_store: InterviewStore, store_pool: asyncpg.Pool, owner: User
) -> None:
    interview = await _interview(interview_store, owner)
    checkpoints = CheckpointStore(store_pool)
    await checkpoints.save(interview.id, {"by": "first"}, expected_version=None)
    await checkpoints.save(interview.id, {"by": "second"}, expected_version=1)
    with pytest.raises(StaleCheckpointError):
        await checkpoints.save(interview.id, {"by": "stale"}, expected_version=1)
    with pytest.raises(StaleCheckpointError):  # a second "first save" is stale too
        await checkpoints.save(interview.id, {"by": "again"}, expected_version=None)
    loaded = await checkpoints.load(interview.id)
    assert loaded is not None and (loaded.version, loaded.state) == (2, {"by": "second"})


async def test_concurrent_writers_of_one_version_one_wins(
    interview_store: InterviewStore, store_pool: asyncpg.Pool, owner: User
) -> None:
    interview = await _interview(interview_store, owner)
    checkpoints = CheckpointStore(store_pool)
    await checkpoints.save(interview.id, {"n": 0}, expected_version=None)
    results = await asyncio.gather(
        *(checkpoints.save(interview.id, {"n": n}, expected_version=1) for n in range(1, 9)),
        return_exceptions=True,
    )
    winners = [r for r in results if isinstance(r, int)]
    assert winners == [2]
    assert all(isinstance(r, StaleCheckpointError) for r in results if not isinstance(r, int))
    loaded = await checkpoints.load(interview.id)
    assert loaded is not None and loaded.version == 2
    assert loaded.state["n"] == results.index(2) + 1


async def test_unknown_interview_and_cascade(
    interview_store: InterviewStore, store_pool: asyncpg.Pool, owner: User
) -> None:
    checkpoints = CheckpointStore(store_pool)
    with pytest.raises(StaleCheckpointError):
        await checkpoints.save(uuid4(), {"x": 1}, expected_version=None)
    interview = await _interview(interview_store, owner)
    await checkpoints.save(interview.id, {"x": 1}, expected_version=None)
    assert await interview_store.delete_owned(interview.id, owner.id)
    assert await checkpoints.load(interview.id) is None


async def test_setup_and_grounding_are_stored(interview_store: InterviewStore, owner: User) -> None:
    profile: JsonObject = {"name": "Jane", "skills": ["Python"]}
    created = await interview_store.create_interview(
        owner_id=owner.id,
        role="backend_engineer",
        level="mid",
        interview_type="technical",
        setup=SETUP,
        profile=profile,
        job_description="Must have Kafka.",
    )
    assert created.setup == SETUP
    assert created.has_profile and created.has_job_description
    grounding = await interview_store.get_grounding(created.id)
    assert grounding is not None
    assert grounding.profile == profile and grounding.job_description == "Must have Kafka."
    listed = await interview_store.list_for_owner(owner.id)
    assert [i.setup for i in listed if i.id == created.id] == [SETUP]
    bare = await _interview(interview_store, owner)
    assert bare.setup == {"role": "backend_engineer", "level": "mid", "interview_type": "technical"}
    assert not bare.has_profile and not bare.has_job_description
    assert await interview_store.get_grounding(uuid4()) is None


async def test_job_description_length_is_capped_by_the_database(
    interview_store: InterviewStore, owner: User
) -> None:
    with pytest.raises(asyncpg.CheckViolationError):
        await interview_store.create_interview(
            owner_id=owner.id,
            role="backend_engineer",
            level="mid",
            interview_type="technical",
            job_description="x" * 20_001,
        )


async def test_migration_backfills_the_setup_of_older_interviews(empty_database_url: str) -> None:
    pool = await create_pool(empty_database_url)
    try:
        shipped = load_migrations()
        await apply_migrations(pool, [m for m in shipped if m.version < 5])
        owner = await pool.fetchval("insert into users (is_guest) values (true) returning id")
        old = await pool.fetchval(
            "insert into interviews (owner_id, role, level, interview_type) "
            "values ($1, 'data_analyst', 'senior', 'behavioral') returning id",
            owner,
        )
        assert await apply_migrations(pool, [m for m in shipped if m.version <= 5]) == [5]
        setup = await pool.fetchval("select setup from interviews where id = $1", old)
        assert setup == {
            "role": "data_analyst",
            "level": "senior",
            "interview_type": "behavioral",
            "length": {"unit": "questions", "value": 5},
            "persona": {"name": "Alex", "tone": "neutral", "company_style": ""},
        }
        grounding = await InterviewStore(pool).get_grounding(old)
        assert grounding is not None and grounding.profile is None
    finally:
        await pool.close()


async def test_two_processes_answering_at_once_record_one_exchange(
    store_pool: asyncpg.Pool, owner: User
) -> None:
    """Two sessions (two servers: separate locks) answer the same interview from
    the same checkpoint; the second to save is stale and records nothing."""
    setup = InterviewSetup(role="backend_engineer", level="junior", interview_type="technical")
    interview = await create_planned_interview(store_pool, owner_id=owner.id, setup=setup, seed=7)
    await InterviewSession(interview.id, SessionDeps(pool=store_pool)).open_text()
    both_replied = asyncio.Barrier(2)

    async def offline_after_both_replied(_: UUID) -> None:
        await both_replied.wait()  # each has its reply, built from the same checkpoint

    deps = SessionDeps(pool=store_pool, client_for=offline_after_both_replied)
    servers = [InterviewSession(interview.id, deps) for _ in "ab"]
    results = await asyncio.gather(
        *(s.message(f"I would add an index, server {n}.") for n, s in enumerate(servers)),
        return_exceptions=True,
    )
    assert sum(isinstance(r, Exchange) for r in results) == 1
    assert sum(isinstance(r, StaleCheckpointError) for r in results) == 1
    turns = await InterviewStore(store_pool).list_turns(interview.id)
    assert [t.speaker for t in turns] == ["interviewer", "candidate", "interviewer"]
    checkpoint = await CheckpointStore(store_pool).load(interview.id)
    assert checkpoint is not None and checkpoint.version == 3


async def _days_ago(pool: asyncpg.Pool, interview_id: UUID, days: int) -> None:
    """As if the interview had started and last been answered ``days`` ago."""
    await pool.execute(
        "update interviews set started_at = now() - make_interval(days => $2) where id = $1",
        interview_id,
        days,
    )
    await pool.execute(
        "update interview_checkpoints set updated_at = now() - make_interval(days => $2) "
        "where interview_id = $1",
        interview_id,
        days,
    )


async def test_a_timed_interview_continues_after_days_away(
    store_pool: asyncpg.Pool, owner: User
) -> None:
    setup = InterviewSetup.model_validate({**SETUP, "length": {"unit": "minutes", "value": 10}})
    interview = await create_planned_interview(store_pool, owner_id=owner.id, setup=setup, seed=4)
    text = InterviewSession(interview.id, SessionDeps(pool=store_pool))
    await text.open_text()
    await _days_ago(store_pool, interview.id, 2)
    exchange = await text.message("I would add an index after measuring the query.")
    assert not exchange.finished, exchange.reply
    checkpoint = await CheckpointStore(store_pool).load(interview.id)
    assert checkpoint is not None
    elapsed = checkpoint.state["elapsed_s"]
    assert isinstance(elapsed, float) and 290.0 <= elapsed <= 310.0  # away: five minutes counted
