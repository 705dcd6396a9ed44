"""InterviewStore against a real PostgreSQL: interviews, ownership, status changes and turns."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from uuid import uuid4

import asyncpg
import pytest

from agent.store.interviews import InterviewNotFoundError, InterviewStore
from agent.store.models import Interview, User
from agent.store.users import UserStore

from store_fixtures import new_guest


async def _new_interview(store: InterviewStore, owner: User) -> Interview:
    return await store.create_interview(
        owner_id=owner.id, role="backend_engineer", level="junior", interview_type="technical"
    )


async def test_create_then_get(interview_store: InterviewStore, owner: User) -> None:
    created = await _new_interview(interview_store, owner)
    assert created.status == "created"
    assert created.owner_id == owner.id
    assert created.started_at is None and created.ended_at is None
    assert (created.role, created.level, created.interview_type) == (
        "backend_engineer",
        "junior",
        "technical",
    )
    assert await interview_store.get_interview(created.id) == created


async def test_create_for_an_unknown_owner_is_refused(interview_store: InterviewStore) -> None:
    with pytest.raises(asyncpg.ForeignKeyViolationError):
        await interview_store.create_interview(
            owner_id=uuid4(), role="backend_engineer", level="senior", interview_type="behavioral"
        )


async def test_database_requires_an_owner(store_pool: asyncpg.Pool) -> None:
    with pytest.raises(asyncpg.NotNullViolationError):
        await store_pool.execute(
            "insert into interviews (role, level, interview_type) values ('r', 'l', 't')"
        )


async def test_unknown_ids_give_none(interview_store: InterviewStore) -> None:
    assert await interview_store.get_interview(uuid4()) is None
    assert await interview_store.move_status(uuid4(), "active", allowed_from=["created"]) is None
    assert await interview_store.update_turn(-1, text="x") is None
    assert await interview_store.list_turns(uuid4()) == []


async def test_a_status_moves_only_from_the_statuses_allowed(
    interview_store: InterviewStore, owner: User
) -> None:
    interview = await _new_interview(interview_store, owner)
    refused = await interview_store.move_status(interview.id, "completed", allowed_from=["active"])
    assert refused == interview
    moved = await interview_store.move_status(interview.id, "completed", allowed_from=["created"])
    assert moved is not None and moved.status == "completed" and moved.ended_at is not None


async def test_database_rejects_unknown_status(store_pool: asyncpg.Pool, owner: User) -> None:
    with pytest.raises(asyncpg.CheckViolationError):
        await store_pool.execute(
            "insert into interviews (owner_id, role, level, interview_type, status) "
            "values ($1, 'r', 'l', 't', 'paused')",
            owner.id,
        )


async def test_turns_get_consecutive_seqs_and_list_in_order(
    interview_store: InterviewStore, owner: User
) -> None:
    interview = await _new_interview(interview_store, owner)
    other = await _new_interview(interview_store, owner)
    first = await interview_store.add_turn(
        interview.id, speaker="interviewer", text="Tell me about yourself.", started_at=0.5
    )
    await interview_store.add_turn(other.id, speaker="interviewer", text="Hi.", started_at=0.1)
    second = await interview_store.add_turn(
        interview.id,
        speaker="candidate",
        text="I build APIs.",
        started_at=3.0,
        ended_at=5.25,
        latency={"asr_ms": 180},
    )
    assert (first.seq, second.seq) == (1, 2)
    assert first.interrupted is False and first.heard_text is None and first.latency is None
    assert second.ended_at == 5.25 and second.latency == {"asr_ms": 180.0}

    assert await interview_store.list_turns(interview.id) == [first, second]
    assert [t.seq for t in await interview_store.list_turns(other.id)] == [1]


async def test_concurrent_add_turn_gives_seqs_one_to_twenty(
    interview_store: InterviewStore, owner: User
) -> None:
    interview = await _new_interview(interview_store, owner)
    turns = await asyncio.gather(
        *(
            interview_store.add_turn(
                interview.id, speaker="candidate", text=f"turn {i}", started_at=float(i)
            )
            for i in range(20)
        )
    )
    assert sorted(t.seq for t in turns) == list(range(1, 21))
    listed = await interview_store.list_turns(interview.id)
    assert [t.seq for t in listed] == list(range(1, 21))
    assert sorted(listed, key=lambda t: t.id) == sorted(turns, key=lambda t: t.id)


async def test_add_turn_to_unknown_interview_raises(interview_store: InterviewStore) -> None:
    with pytest.raises(InterviewNotFoundError):
        await interview_store.add_turn(uuid4(), speaker="candidate", text="x", started_at=0.0)


async def test_update_turn_changes_only_given_fields_and_merges_latency(
    interview_store: InterviewStore, owner: User
) -> None:
    interview = await _new_interview(interview_store, owner)
    turn = await interview_store.add_turn(
        interview.id,
        speaker="interviewer",
        text="Walk me through a design you are proud of",
        started_at=1.0,
        latency={"llm_first_token_ms": 420.0, "tts_first_audio_ms": 90.0},
    )

    updated = await interview_store.update_turn(
        turn.id,
        ended_at=4.5,
        interrupted=True,
        heard_text="Walk me through",
        latency={"tts_first_audio_ms": 110.0, "playout_ms": 3500.0},
    )
    assert updated is not None
    assert updated.text == turn.text
    assert (updated.ended_at, updated.interrupted, updated.heard_text) == (
        4.5,
        True,
        "Walk me through",
    )
    assert updated.latency == {
        "llm_first_token_ms": 420.0,
        "tts_first_audio_ms": 110.0,
        "playout_ms": 3500.0,
    }

    retexted = await interview_store.update_turn(turn.id, text="Walk me through a design.")
    assert retexted is not None
    assert retexted.text == "Walk me through a design."
    assert retexted.model_dump(exclude={"text"}) == updated.model_dump(exclude={"text"})


async def test_update_turn_sets_latency_where_there_was_none(
    interview_store: InterviewStore, owner: User
) -> None:
    interview = await _new_interview(interview_store, owner)
    turn = await interview_store.add_turn(
        interview.id, speaker="candidate", text="Yes.", started_at=2.0
    )
    updated = await interview_store.update_turn(turn.id, latency={"asr_ms": 95.0})
    assert updated is not None and updated.latency == {"asr_ms": 95.0}


async def test_deleting_an_interview_deletes_its_turns(
    interview_store: InterviewStore, store_pool: asyncpg.Pool, owner: User
) -> None:
    interview = await _new_interview(interview_store, owner)
    for i in range(3):
        await interview_store.add_turn(
            interview.id, speaker="candidate", text="x", started_at=float(i)
        )
    await store_pool.execute("delete from interviews where id = $1", interview.id)
    assert await interview_store.get_interview(interview.id) is None
    assert await interview_store.list_turns(interview.id) == []
    count = await store_pool.fetchval(
        "select count(*) from turns where interview_id = $1", interview.id
    )
    assert count == 0


async def test_deleting_an_owner_deletes_their_interviews(
    interview_store: InterviewStore, store_pool: asyncpg.Pool
) -> None:
    owner_id = await store_pool.fetchval("insert into users (is_guest) values (true) returning id")
    interview = await interview_store.create_interview(
        owner_id=owner_id, role="backend_engineer", level="mid", interview_type="technical"
    )
    await interview_store.add_turn(interview.id, speaker="candidate", text="x", started_at=0.0)
    await store_pool.execute("delete from users where id = $1", owner_id)
    assert await interview_store.get_interview(interview.id) is None
    assert await interview_store.list_turns(interview.id) == []


# -- ownership ----------------------------------------------------------------------------


async def test_get_owned_only_for_the_owner(
    interview_store: InterviewStore, user_store: UserStore, owner: User
) -> None:
    interview = await _new_interview(interview_store, owner)
    stranger = await new_guest(user_store)
    assert await interview_store.get_owned(interview.id, owner.id) == interview
    assert await interview_store.get_owned(interview.id, stranger.id) is None
    assert await interview_store.get_owned(uuid4(), owner.id) is None


async def test_list_for_owner_newest_first_and_only_theirs(
    interview_store: InterviewStore,
    user_store: UserStore,
    store_pool: asyncpg.Pool,
    owner: User,
) -> None:
    first = await _new_interview(interview_store, owner)
    second = await _new_interview(interview_store, owner)
    third = await _new_interview(interview_store, owner)
    stranger = await new_guest(user_store)
    await _new_interview(interview_store, stranger)
    # Creation times set apart explicitly, in an order unlike insertion, so that the list
    # follows created_at and not insertion order or a tie broken by chance.
    for interview, days_ago in ((first, 1), (second, 2), (third, 0)):
        await store_pool.execute(
            "update interviews set created_at = $2 where id = $1",
            interview.id,
            third.created_at - timedelta(days=days_ago),
        )

    listed = await interview_store.list_for_owner(owner.id)
    assert [i.id for i in listed] == [third.id, first.id, second.id]
    assert all(i.owner_id == owner.id for i in listed)
    assert await interview_store.list_for_owner(uuid4()) == []


async def test_delete_owned_refuses_another_user_then_deletes_with_turns(
    interview_store: InterviewStore, user_store: UserStore, store_pool: asyncpg.Pool, owner: User
) -> None:
    interview = await _new_interview(interview_store, owner)
    kept = await _new_interview(interview_store, owner)
    for i in range(2):
        await interview_store.add_turn(
            interview.id, speaker="candidate", text="x", started_at=float(i)
        )
    await interview_store.add_turn(kept.id, speaker="candidate", text="y", started_at=0.0)
    stranger = await new_guest(user_store)

    assert await interview_store.delete_owned(interview.id, stranger.id) is False
    assert await interview_store.get_interview(interview.id) == interview
    assert len(await interview_store.list_turns(interview.id)) == 2

    assert await interview_store.delete_owned(interview.id, owner.id) is True
    assert await interview_store.get_interview(interview.id) is None
    count = await store_pool.fetchval(
        "select count(*) from turns where interview_id = $1", interview.id
    )
    assert count == 0
    assert await interview_store.delete_owned(interview.id, owner.id) is False
    assert [t.text for t in await interview_store.list_turns(kept.id)] == ["y"]
