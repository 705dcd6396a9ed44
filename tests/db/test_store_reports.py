"""`ReportStore` on a real PostgreSQL: one report per interview written in one transaction,
read back in question order, progress per owner, retention, and cascading deletes."""

from __future__ import annotations

import uuid
from uuid import UUID

import asyncpg
import pytest

from agent.store.interviews import InterviewNotFoundError, InterviewStore
from agent.store.models import Interview, JsonObject, User
from agent.store.reports import AnswerRow, ReportStore
from agent.store.users import UserStore

from store_fixtures import new_guest


def report_json(overall: float, relevance: float | None = 5.0) -> JsonObject:
    return {
        "overall": overall,
        "dimensions": [
            {"dimension": "relevance", "label": "Relevance", "score": relevance},
            {"dimension": "delivery", "label": "Delivery", "score": None},
        ],
    }


def answers(*question_ids: str) -> list[AnswerRow]:
    return [
        AnswerRow(question_id=q, position=i, evaluation={"question_id": q, "overall": 1.5 * i})
        for i, q in enumerate(question_ids)
    ]


async def interview_for(store: InterviewStore, owner: User) -> Interview:
    return await store.create_interview(
        owner_id=owner.id, role="backend_engineer", level="mid", interview_type="technical"
    )


async def save(reports: ReportStore, interview_id: UUID, overall: float = 6.3, *ids: str) -> bool:
    return await reports.save(
        interview_id,
        overall=overall,
        recommendation="lean",
        scorer="offline",
        report=report_json(overall),
        answers=answers(*(ids or ("be-04", "hr-03"))),
    )


async def test_a_report_is_saved_once_and_read_back_in_question_order(
    store_pool: asyncpg.Pool, interview_store: InterviewStore, owner: User
) -> None:
    reports = ReportStore(store_pool)
    interview = await interview_for(interview_store, owner)
    assert await reports.get(interview.id) is None
    assert await save(reports, interview.id, 6.3, "zz-2", "aa-1", "mm-3") is True
    stored = await reports.get(interview.id)
    assert stored is not None
    assert stored.report.overall == 6.3  # a real column, read back as written
    assert stored.report.recommendation == "lean" and stored.report.scorer == "offline"
    assert stored.report.report == report_json(6.3)
    assert [a.question_id for a in stored.answers] == ["zz-2", "aa-1", "mm-3"]
    assert stored.answers[1].evaluation == {"question_id": "aa-1", "overall": 1.5}
    # A second generation (another process) keeps the first report untouched.
    assert await save(reports, interview.id, 9.9, "other") is False
    again = await reports.get(interview.id)
    assert again == stored


async def test_a_failed_save_leaves_nothing(
    store_pool: asyncpg.Pool, interview_store: InterviewStore, owner: User
) -> None:
    reports = ReportStore(store_pool)
    interview = await interview_for(interview_store, owner)
    with pytest.raises(asyncpg.UniqueViolationError):
        await save(reports, interview.id, 5.0, "be-04", "be-04")
    assert await reports.get(interview.id) is None
    with pytest.raises(InterviewNotFoundError):
        await save(reports, uuid.uuid4())


async def test_a_save_joins_the_callers_transaction(
    store_pool: asyncpg.Pool, interview_store: InterviewStore, owner: User
) -> None:
    interview = await interview_for(interview_store, owner)
    async with store_pool.acquire() as conn:
        tx = conn.transaction()
        await tx.start()
        assert await save(ReportStore(conn), interview.id) is True
        await tx.rollback()
    assert await ReportStore(store_pool).get(interview.id) is None


async def test_scores_are_out_of_ten(
    store_pool: asyncpg.Pool, interview_store: InterviewStore, owner: User
) -> None:
    interview = await interview_for(interview_store, owner)
    with pytest.raises(asyncpg.CheckViolationError):
        await save(ReportStore(store_pool), interview.id, 10.5)


async def test_deleting_an_interview_deletes_its_report_and_evaluations(
    store_pool: asyncpg.Pool, interview_store: InterviewStore, owner: User
) -> None:
    interview = await interview_for(interview_store, owner)
    kept = await interview_for(interview_store, owner)
    reports = ReportStore(store_pool)
    await save(reports, interview.id)
    await save(reports, kept.id)
    await store_pool.execute("delete from interviews where id = $1", interview.id)
    for table in ("interview_reports", "answer_evaluations"):
        gone = await store_pool.fetchval(
            f"select count(*) from {table} where interview_id = $1", interview.id
        )
        left = await store_pool.fetchval(
            f"select count(*) from {table} where interview_id = $1", kept.id
        )
        assert (gone, left) == (0, 1 if table == "interview_reports" else 2)


async def test_overall_scores_of_a_list_of_interviews(
    store_pool: asyncpg.Pool, interview_store: InterviewStore, owner: User
) -> None:
    reports = ReportStore(store_pool)
    first, second, unreported = [await interview_for(interview_store, owner) for _ in range(3)]
    await save(reports, first.id, 4.1)
    await save(reports, second.id, 7.7)
    got = await reports.overall_scores([first.id, second.id, unreported.id, uuid.uuid4()])
    assert got == {first.id: 4.1, second.id: 7.7}
    assert await reports.overall_scores([]) == {}


async def test_progress_lists_the_owners_reported_interviews_oldest_first(
    store_pool: asyncpg.Pool, interview_store: InterviewStore, user_store: UserStore
) -> None:
    owner, other = await new_guest(user_store), await new_guest(user_store)
    reports = ReportStore(store_pool)
    older, unreported, newer = [await interview_for(interview_store, owner) for _ in range(3)]
    await store_pool.execute(
        "update interviews set created_at = created_at - interval '2 days' where id = $1",
        older.id,
    )
    await save(reports, newer.id, 7.5)
    await save(reports, older.id, 3.2)
    await save(reports, (await interview_for(interview_store, other)).id, 9.0)
    rows = await reports.progress(owner.id)
    assert [(r.interview_id, r.overall) for r in rows] == [(older.id, 3.2), (newer.id, 7.5)]
    assert rows[0].role == "backend_engineer" and rows[0].interview_type == "technical"
    assert rows[0].dimensions == report_json(3.2)["dimensions"]
    assert rows[0].created_at < rows[1].created_at
    assert unreported.id not in {r.interview_id for r in rows}


async def test_reports_follow_the_owners_transcript_retention(
    private_pool: asyncpg.Pool,
) -> None:
    users = UserStore(private_pool)
    store = InterviewStore(private_pool)
    keeper, forgetter = await new_guest(users), await new_guest(users)
    await private_pool.execute(
        "update users set transcript_retention_days = 1 where id = $1", forgetter.id
    )
    reports = ReportStore(private_pool)
    old_kept, old_gone, fresh = (
        await interview_for(store, keeper),
        await interview_for(store, forgetter),
        await interview_for(store, forgetter),
    )
    await private_pool.execute(
        "update interviews set created_at = now() - interval '3 days' where id = any($1::uuid[])",
        [old_kept.id, old_gone.id],
    )
    for interview in (old_kept, old_gone, fresh):
        await save(reports, interview.id)
    assert await reports.purge_expired() == 1
    assert await reports.get(old_gone.id) is None
    assert await reports.get(old_kept.id) is not None and await reports.get(fresh.id) is not None
    assert (
        await private_pool.fetchval(
            "select count(*) from answer_evaluations where interview_id = $1", old_gone.id
        )
        == 0
    )
