"""`Reports.ensure` over real interviews on a real PostgreSQL: generated once from the
checkpoint, shared by concurrent callers, refused before the end, judged by a language model
when the owner has one (an OpenAI-compatible HTTP server here)."""

from __future__ import annotations

import asyncio
import json
import logging
from uuid import UUID

import asyncpg
import pytest

from agent.llm import LlmClient, ProviderConfig
from agent.sessions.lifecycle import LifeEvent, apply
from agent.sessions.reports import (
    InterviewNotFinishedError,
    Reports,
    ReportUnavailableError,
    get_report,
)
from agent.store.checkpoints import CheckpointStore
from agent.store.interviews import InterviewNotFoundError, InterviewStore
from agent.store.models import User
from agent.store.reports import ReportStore

from fake_openai_server import FakeOpenAI, Json
from report_helpers import ANSWERS, finish_interview


async def test_the_report_is_generated_from_the_checkpoint_once(
    store_pool: asyncpg.Pool, owner: User
) -> None:
    interview = await finish_interview(store_pool, owner.id)
    checkpoint = await CheckpointStore(store_pool).load(interview.id)
    assert checkpoint is not None
    stored = await Reports(store_pool).ensure(interview)
    assert stored.interview_id == interview.id and stored.scorer == "offline"
    assert [a.question_id for a in stored.answers] == checkpoint.state["asked"]
    assert [a.position for a in stored.answers] == list(range(len(stored.answers)))
    first = stored.answers[0]
    assert ANSWERS[0] in first.answer and "repeat" not in first.answer
    assert {s.dimension for s in first.scores} >= {"relevance", "delivery"}
    assert len(stored.report.improvements) == 3
    assert stored.report.recommendation in ("strong_no", "no", "lean", "yes", "strong_yes")
    again = await Reports(store_pool).ensure(interview)
    assert again == stored == await get_report(store_pool, interview.id)


async def test_concurrent_callers_share_one_generation(
    store_pool: asyncpg.Pool, owner: User
) -> None:
    interview = await finish_interview(store_pool, owner.id)
    asked: list[UUID] = []

    async def client_for(user_id: UUID) -> LlmClient | None:
        asked.append(user_id)
        await asyncio.sleep(0.05)  # the others queue on the lock meanwhile
        return None

    service = Reports(store_pool, client_for)
    reports = await asyncio.gather(*(service.ensure(interview) for _ in range(4)))
    assert asked == [owner.id]
    assert all(r == reports[0] for r in reports)
    count = await store_pool.fetchval(
        "select count(*) from interview_reports where interview_id = $1", interview.id
    )
    assert count == 1


async def test_an_interview_still_running_has_no_report(
    store_pool: asyncpg.Pool, owner: User
) -> None:
    interview = await finish_interview(store_pool, owner.id)
    # The row is read afresh: what the caller holds may be stale either way.
    await store_pool.execute("update interviews set status = 'active' where id = $1", interview.id)
    completed = interview.model_copy(update={"status": "completed"})
    with pytest.raises(InterviewNotFinishedError):
        await Reports(store_pool).ensure(completed)
    assert await ReportStore(store_pool).get(interview.id) is None


async def test_an_interview_without_a_readable_state_has_no_report(
    store_pool: asyncpg.Pool, interview_store: InterviewStore, owner: User
) -> None:
    bare = await interview_store.create_interview(
        owner_id=owner.id, role="backend_engineer", level="mid", interview_type="technical"
    )
    await apply(interview_store, bare.id, LifeEvent.COMPLETED)
    with pytest.raises(ReportUnavailableError):
        await Reports(store_pool).ensure(bare)
    await CheckpointStore(store_pool).save(bare.id, {"version": 99}, expected_version=None)
    with pytest.raises(ReportUnavailableError):
        await Reports(store_pool).ensure(bare)
    await interview_store.delete_owned(bare.id, owner.id)
    with pytest.raises(InterviewNotFoundError):
        await Reports(store_pool).ensure(bare)


async def test_the_owners_language_model_judges_the_answers(
    store_pool: asyncpg.Pool, owner: User
) -> None:
    interview = await finish_interview(store_pool, owner.id)
    verdict = {
        name: {
            "score": 6.5,
            "rationale": f"Judged {name}.",
            "quotes": ["p99 latency dropped", "measure it in production"],
            "gaps": [],
        }
        for name in ("relevance", "structure", "depth", "clarity")
    }
    async with FakeOpenAI() as server:
        server.queue(*(Json(json.dumps(verdict)) for _ in range(4)))

        async def client_for(user_id: UUID) -> LlmClient | None:
            config = ProviderConfig.for_provider(
                "openai", "sk-test-0123", source="user", base_url=server.base_url
            )
            return LlmClient(config)

        stored = await Reports(store_pool, client_for).ensure(interview)
    assert stored.scorer == "llm"
    assert all(a.scorer == "llm" for a in stored.answers)
    relevance = stored.answers[0].scores[0]
    assert relevance.rationale == "Judged relevance."
    for evidence in relevance.evidence:
        assert stored.answers[0].answer[evidence.start : evidence.end] == evidence.text


async def test_a_background_generation_stores_the_report_or_logs_why_not(
    store_pool: asyncpg.Pool,
    interview_store: InterviewStore,
    owner: User,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="agent.sessions.reports")
    interview = await finish_interview(store_pool, owner.id)
    await Reports(store_pool).start(interview)
    assert await get_report(store_pool, interview.id) is not None
    running = await interview_store.create_interview(
        owner_id=owner.id, role="backend_engineer", level="mid", interview_type="technical"
    )
    await Reports(store_pool).start(running)  # raises nothing
    assert f"no report for interview {running.id} (InterviewNotFinishedError)" in caplog.text


async def test_closing_cancels_the_background_generations(
    store_pool: asyncpg.Pool, owner: User
) -> None:
    interview = await finish_interview(store_pool, owner.id)
    started = asyncio.Event()

    async def slow_client_for(_: UUID) -> LlmClient | None:
        started.set()
        await asyncio.sleep(60)
        return None

    reports = Reports(store_pool, slow_client_for)
    task = reports.start(interview)
    await asyncio.wait_for(started.wait(), 10)
    await asyncio.wait_for(reports.aclose(), 5)
    assert task.cancelled()
    assert await get_report(store_pool, interview.id) is None
