"""`ReportStore`: the feedback report of a finished interview and its per-answer evaluations.

A report is written once, with all its answers, in one transaction; a second save for the
same interview changes nothing (the first report stands). The documents are whatever JSON
the evaluation layer hands over; the store reads only the report's ``dimensions`` list, for
the progress chart. Both tables cascade from ``interviews``: deleting an interview deletes
its report. Log lines carry interview ids only: evaluations quote the candidate's answers.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from uuid import UUID

import asyncpg
from pydantic import BaseModel, ConfigDict, JsonValue, field_validator

from agent.store.interviews import InterviewNotFoundError
from agent.store.models import JsonObject

logger = logging.getLogger(__name__)

_INSERT_REPORT = """
insert into interview_reports (interview_id, overall, recommendation, scorer, report)
values ($1, $2, $3, $4, $5)
on conflict (interview_id) do nothing
returning created_at
"""
_INSERT_ANSWER = """
insert into answer_evaluations (interview_id, question_id, position, evaluation)
values ($1, $2, $3, $4)
"""
_REPORT_COLUMNS = "interview_id, overall, recommendation, scorer, report, created_at"
_PROGRESS = """
select i.id as interview_id, i.created_at, i.role, i.interview_type, r.overall,
       r.report -> 'dimensions' as dimensions
from interviews i join interview_reports r on r.interview_id = i.id
where i.owner_id = $1
order by i.created_at, i.id
"""
# Reports quote the answers, so they follow the owner's transcript retention like turns do.
_PURGE = """
delete from interview_reports r using interviews i, users u
where r.interview_id = i.id and i.owner_id = u.id
  and u.transcript_retention_days is not null
  and i.created_at < now() - make_interval(days => u.transcript_retention_days)
"""
_PURGE_ANSWERS = _PURGE.replace("interview_reports r", "answer_evaluations r")


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True)


def one_decimal(value: float) -> float:
    """A score as written: ``real`` reads 6.3 back as 6.300000190734863."""
    return round(float(value), 1)


class AnswerRow(_Row):
    question_id: str
    position: int
    evaluation: JsonObject


class ReportRow(_Row):
    interview_id: UUID
    overall: float
    recommendation: str
    scorer: str
    report: JsonObject
    created_at: datetime

    @field_validator("overall")
    @classmethod
    def _one_decimal(cls, value: float) -> float:
        return one_decimal(value)


class StoredReportRows(_Row):
    report: ReportRow
    answers: list[AnswerRow]
    """In the order the questions were asked."""


class ProgressRow(_Row):
    interview_id: UUID
    created_at: datetime
    """When the interview was created."""
    role: str
    interview_type: str
    overall: float
    dimensions: JsonValue
    """The report document's ``dimensions`` entry, as stored."""

    @field_validator("overall")
    @classmethod
    def _one_decimal(cls, value: float) -> float:
        return one_decimal(value)


@asynccontextmanager
async def _connection(db: asyncpg.Pool | asyncpg.Connection) -> AsyncIterator[asyncpg.Connection]:
    """A connection of the pool, or the connection itself (inside its caller's transaction)."""
    if isinstance(db, asyncpg.Pool):
        async with db.acquire() as conn:
            yield conn
    else:
        yield db


class ReportStore:
    """Typed access to ``interview_reports`` and ``answer_evaluations``.

    ``pool`` may be one ``asyncpg.Connection`` instead, to write inside its transaction.
    """

    def __init__(self, pool: asyncpg.Pool | asyncpg.Connection) -> None:
        self._pool = pool

    async def save(
        self,
        interview_id: UUID,
        *,
        overall: float,
        recommendation: str,
        scorer: str,
        report: JsonObject,
        answers: Sequence[AnswerRow],
    ) -> bool:
        """Store the report and its answers together; False (nothing written) when the
        interview already has a report. Raises `InterviewNotFoundError` for an unknown one."""
        try:
            async with _connection(self._pool) as conn, conn.transaction():
                created = await conn.fetchval(
                    _INSERT_REPORT, interview_id, overall, recommendation, scorer, report
                )
                if created is None:
                    logger.info("interview %s already has a report; kept it", interview_id)
                    return False
                await conn.executemany(
                    _INSERT_ANSWER,
                    [(interview_id, a.question_id, a.position, a.evaluation) for a in answers],
                )
        except asyncpg.ForeignKeyViolationError:
            raise InterviewNotFoundError(str(interview_id)) from None
        logger.info("interview %s report saved (%d answers)", interview_id, len(answers))
        return True

    async def get(self, interview_id: UUID) -> StoredReportRows | None:
        """The report with its answers, or None before it was generated."""
        row = await self._pool.fetchrow(
            f"select {_REPORT_COLUMNS} from interview_reports where interview_id = $1",
            interview_id,
        )
        if row is None:
            return None
        answers = await self._pool.fetch(
            "select question_id, position, evaluation from answer_evaluations "
            "where interview_id = $1 order by position, question_id",
            interview_id,
        )
        return StoredReportRows(
            report=ReportRow.model_validate(dict(row)),
            answers=[AnswerRow.model_validate(dict(a)) for a in answers],
        )

    async def overall_scores(self, interview_ids: Sequence[UUID]) -> dict[UUID, float]:
        """The overall score of each of ``interview_ids`` that has a report."""
        rows = await self._pool.fetch(
            "select interview_id, overall from interview_reports "
            "where interview_id = any($1::uuid[])",
            list(interview_ids),
        )
        return {r["interview_id"]: one_decimal(r["overall"]) for r in rows}

    async def progress(self, owner_id: UUID) -> list[ProgressRow]:
        """The owner's reported interviews, oldest first."""
        rows = await self._pool.fetch(_PROGRESS, owner_id)
        return [ProgressRow.model_validate(dict(r)) for r in rows]

    async def purge_expired(self) -> int:
        """Deletes reports of interviews older than their owner's transcript retention (as
        `UserStore.purge_expired_transcripts` does for turns); returns how many reports."""
        await self._pool.execute(_PURGE_ANSWERS)
        result = await self._pool.execute(_PURGE)
        count = int(result.split()[-1])
        if count:
            logger.info("retention removed %d reports", count)
        return count
