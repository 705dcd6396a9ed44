"""An interview's status moves only forward, by the lifecycle's events, on a real PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest

from agent.sessions.lifecycle import LifeEvent, apply, next_status
from agent.store.interviews import InterviewStore
from agent.store.models import Interview, InterviewStatus, User


async def _new(store: InterviewStore, owner: User) -> Interview:
    return await store.create_interview(
        owner_id=owner.id, role="backend_engineer", level="mid", interview_type="technical"
    )


async def test_an_interview_starts_then_completes_with_its_times_stamped(
    interview_store: InterviewStore, owner: User
) -> None:
    interview = await _new(interview_store, owner)

    active = await apply(interview_store, interview.id, LifeEvent.STARTED)
    assert active is not None and active.status == "active"
    assert active.started_at is not None and active.ended_at is None
    assert await apply(interview_store, interview.id, LifeEvent.STARTED) == active

    completed = await apply(interview_store, interview.id, LifeEvent.COMPLETED)
    assert completed is not None and completed.status == "completed"
    assert completed.started_at == active.started_at
    assert completed.ended_at is not None and completed.ended_at >= completed.created_at
    assert await apply(interview_store, interview.id, LifeEvent.COMPLETED) == completed


@pytest.mark.parametrize("late", [LifeEvent.FAILED, LifeEvent.STARTED])
async def test_a_completed_interview_is_final(
    interview_store: InterviewStore, owner: User, late: LifeEvent
) -> None:
    interview = await _new(interview_store, owner)
    completed = await apply(interview_store, interview.id, LifeEvent.COMPLETED)
    assert completed is not None and completed.started_at is None

    assert await apply(interview_store, interview.id, late) == completed


async def test_a_failed_interview_is_stamped_and_final(
    interview_store: InterviewStore, owner: User
) -> None:
    interview = await _new(interview_store, owner)
    await apply(interview_store, interview.id, LifeEvent.STARTED)
    failed = await apply(interview_store, interview.id, LifeEvent.FAILED)
    assert failed is not None and failed.status == "failed" and failed.ended_at is not None
    assert await apply(interview_store, interview.id, LifeEvent.COMPLETED) == failed


async def test_two_racing_ends_agree_on_one_outcome(
    interview_store: InterviewStore, owner: User
) -> None:
    interview = await _new(interview_store, owner)
    await apply(interview_store, interview.id, LifeEvent.STARTED)
    results = await asyncio.gather(
        apply(interview_store, interview.id, LifeEvent.COMPLETED),
        apply(interview_store, interview.id, LifeEvent.FAILED),
    )
    statuses = {r.status for r in results if r is not None}
    assert len(statuses) == 1 and statuses <= {"completed", "failed"}


@pytest.mark.parametrize(
    ("current", "event", "expected"),
    [
        ("created", LifeEvent.STARTED, "active"),
        ("active", LifeEvent.STARTED, "active"),
        ("active", LifeEvent.COMPLETED, "completed"),
        ("created", LifeEvent.COMPLETED, "completed"),
        ("completed", LifeEvent.STARTED, "completed"),
        ("failed", LifeEvent.COMPLETED, "failed"),
        ("completed", LifeEvent.FAILED, "completed"),
    ],
)
def test_the_table_moves_only_forward(
    current: InterviewStatus, event: LifeEvent, expected: InterviewStatus
) -> None:
    assert next_status(current, event) == expected
