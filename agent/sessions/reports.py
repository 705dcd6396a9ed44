"""The feedback report of a finished interview: generated once, stored, read back.

`Reports.ensure` returns the stored report, generating it first when there is none: the
answers are read from the interview's checkpoint (the interviewer's state), scored offline
in a worker thread and, when the owner has a language model (their key or the server's), by
the LLM judge too; the report and every answer's evaluation are then saved together.
Concurrent callers for one interview (the end of a call and the report page, say) share one
generation through a per-interview lock; across processes (servers, LiveKit workers) a
`presence.SingleFlight` lets one generate while the others wait and then read its report.
`Reports.start` starts it without waiting, for the end of an interview.
The documents themselves live in `report_docs`. Log lines carry interview ids only.
"""

from __future__ import annotations

import asyncio
import logging
from uuid import UUID

import asyncpg

from agent import metrics
from agent.evaluation.interview import InterviewEvaluation, UnreadableStateError, evaluate_interview
from agent.store.checkpoints import CheckpointStore
from agent.store.interviews import InterviewNotFoundError, InterviewStore
from agent.store.models import Interview
from agent.store.reports import AnswerRow, ReportStore

from .deps import ClientFor
from .locks import InterviewLocks
from .presence import MemoryLeases, SingleFlight, process_owner
from .report_docs import StoredReport, answer_doc, report_doc, stored_report

logger = logging.getLogger(__name__)


class InterviewNotFinishedError(RuntimeError):
    """The interview is not completed: there is nothing to report yet."""


class ReportUnavailableError(RuntimeError):
    """The interview finished but left no state to evaluate (no checkpoint, or one this
    code cannot read)."""


async def get_report(pool: asyncpg.Pool, interview_id: UUID) -> StoredReport | None:
    """The stored report, or None before it was generated."""
    rows = await ReportStore(pool).get(interview_id)
    return None if rows is None else stored_report(rows)


class Reports:
    """Report generation for one server process: its per-interview locks and the background
    generations it started, which `aclose` cancels (each is retried on demand)."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        client_for: ClientFor | None = None,
        flights: SingleFlight | None = None,
    ) -> None:
        self._pool = pool
        self._client_for = client_for
        self._lock = InterviewLocks()
        self._flights = flights or SingleFlight(
            MemoryLeases(), process_owner("reports"), prefix="mockline:report"
        )
        self._background: set[asyncio.Task[None]] = set()

    async def ensure(self, interview: Interview) -> StoredReport:
        """The interview's report, generated and stored first if it has none.

        Raises `InterviewNotFinishedError` unless the interview is completed (read afresh,
        not from ``interview``), `ReportUnavailableError` when it has no readable state, and
        `InterviewNotFoundError` when it is gone.
        """
        pool = self._pool
        found = await get_report(pool, interview.id)
        if found is not None:
            return found
        async with self._lock(interview.id), self._flights.hold(str(interview.id)):
            found = await get_report(pool, interview.id)
            if found is not None:
                return found
            current = await InterviewStore(pool).get_interview(interview.id)
            if current is None:
                raise InterviewNotFoundError(str(interview.id))
            if current.status != "completed":
                raise InterviewNotFinishedError(str(interview.id))
            evaluation = await _evaluate(pool, current, self._client_for)
            await _save(pool, interview.id, evaluation)
        stored = await get_report(pool, interview.id)
        if stored is None:  # deleted between the save and this read
            raise InterviewNotFoundError(str(interview.id))
        return stored

    def start(self, interview: Interview) -> asyncio.Task[None]:
        """Starts `ensure` without waiting for it; its failures are logged (by class), never
        raised. The report page generates it anyway if this did not finish."""
        task = asyncio.create_task(self._generate_logged(interview), name=f"report-{interview.id}")
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

    async def _generate_logged(self, interview: Interview) -> None:
        try:
            await self.ensure(interview)
        except (InterviewNotFinishedError, ReportUnavailableError, InterviewNotFoundError) as exc:
            logger.info("no report for interview %s (%s)", interview.id, type(exc).__name__)
        except Exception as exc:  # a background task has no caller to raise to
            metrics.error("report_failed")
            logger.error("report of interview %s failed (%s)", interview.id, type(exc).__name__)

    async def drain(self) -> None:
        """Waits for the generations started so far (a worker job finishing its call)."""
        await asyncio.gather(*list(self._background), return_exceptions=True)

    async def aclose(self) -> None:
        """At shutdown: stops the generations still running."""
        tasks = list(self._background)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _evaluate(
    pool: asyncpg.Pool, interview: Interview, client_for: ClientFor | None
) -> InterviewEvaluation:
    checkpoint = await CheckpointStore(pool).load(interview.id)
    if checkpoint is None:
        raise ReportUnavailableError(str(interview.id))
    client = None if client_for is None else await client_for(interview.owner_id)
    try:
        evaluation = await evaluate_interview(checkpoint.state, client)
    except UnreadableStateError:
        logger.warning("interview %s has a state feedback cannot read", interview.id)
        raise ReportUnavailableError(str(interview.id)) from None
    finally:
        if client is not None:
            await client.aclose()
    logger.info(
        "interview %s evaluated: %d answers, scorer %s",
        interview.id,
        len(evaluation.answers),
        evaluation.scorer,
    )
    return evaluation


async def _save(pool: asyncpg.Pool, interview_id: UUID, evaluation: InterviewEvaluation) -> None:
    report = report_doc(evaluation)
    answers = [
        AnswerRow(
            question_id=a.question.id,
            position=a.position,
            evaluation=answer_doc(a, e, judged=j).model_dump(mode="json"),
        )
        for a, e, j in zip(
            evaluation.answers, evaluation.evaluations, evaluation.judged, strict=True
        )
    ]
    await ReportStore(pool).save(
        interview_id,
        overall=report.overall,
        recommendation=report.recommendation,
        scorer=evaluation.scorer,
        report=report.model_dump(mode="json"),
        answers=answers,
    )
