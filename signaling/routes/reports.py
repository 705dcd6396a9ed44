"""Feedback over HTTP: an interview's report as JSON or PDF, and the owner's progress.

The report of a completed interview is generated on first request if the end of the
interview did not already generate it (`agent.sessions.reports.Reports.ensure`); later
requests read the stored one. Another user's interview, or an unknown id, is 404; an
interview still running is 409 ``interview_not_finished``.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from statistics import fmean
from uuid import UUID

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, TypeAdapter

from agent.evaluation import DIMENSION_LABELS, DIMENSIONS, Dimension
from agent.evaluation.interview import Scorer
from agent.sessions.report_docs import (
    AnswerDoc,
    DimensionDoc,
    ReportDoc,
    StoredReport,
)
from agent.sessions.reports import (
    InterviewNotFinishedError,
    ReportUnavailableError,
)
from agent.store.interviews import InterviewNotFoundError
from agent.store.models import Interview, Speaker, Turn
from agent.store.reports import ProgressRow, ReportStore

from ..auth.deps import CurrentUser
from ..errors import ApiError
from ..report_pdf import render_report_pdf
from ..runtime import Runtime
from .common import parse_id, ready_runtime

router = APIRouter(tags=["feedback"])

_NOT_FOUND = "No interview has this id."
_DIMENSION_LIST = TypeAdapter(list[DimensionDoc])


class TranscriptLine(BaseModel):
    seq: int
    speaker: Speaker
    text: str


class ReportOut(ReportDoc):
    """The feedback report of one completed interview."""

    interview_id: UUID
    generated_at: datetime
    scorer: Scorer
    answers: list[AnswerDoc]
    transcript: list[TranscriptLine]


class ProgressPoint(BaseModel):
    interview_id: UUID
    created_at: datetime
    role: str
    interview_type: str
    overall: float
    dimensions: dict[Dimension, float | None]


class WeakestDimension(BaseModel):
    dimension: Dimension
    label: str
    mean: float
    scores: list[float | None]
    """One per progress point, oldest first; null where it was not measured."""


class ProgressOut(BaseModel):
    points: list[ProgressPoint]
    """Reported interviews, oldest first."""
    weakest: WeakestDimension | None
    """The dimension with the lowest mean over the points; null before any report."""


async def _stored_report(
    runtime: Runtime, raw_id: str, user: CurrentUser
) -> tuple[Interview, StoredReport]:
    interview = await runtime.store.get_owned(parse_id(raw_id, "interview"), user.id)
    if interview is None:
        raise ApiError(404, "not_found", _NOT_FOUND)
    return interview, await ensure_report(runtime, interview)


async def ensure_report(runtime: Runtime, interview: Interview) -> StoredReport:
    """The stored report of a completed interview the caller may see, generated if needed."""
    if interview.status != "completed":
        raise _not_finished()
    try:
        return await runtime.reports.ensure(interview)
    except InterviewNotFinishedError:
        raise _not_finished() from None
    except InterviewNotFoundError:  # deleted meanwhile
        raise ApiError(404, "not_found", _NOT_FOUND) from None
    except ReportUnavailableError:
        raise ApiError(
            409, "report_unavailable", "This interview left nothing that can be evaluated."
        ) from None


def _not_finished() -> ApiError:
    return ApiError(
        409, "interview_not_finished", "The report is ready once the interview has ended."
    )


async def report_out(runtime: Runtime, interview: Interview, stored: StoredReport) -> ReportOut:
    turns = await runtime.store.list_turns(interview.id)
    return ReportOut(
        **dict(stored.report),
        interview_id=stored.interview_id,
        generated_at=stored.generated_at,
        scorer=stored.scorer,
        answers=stored.answers,
        transcript=[TranscriptLine(seq=t.seq, speaker=t.speaker, text=t.text) for t in turns],
    )


async def report_pdf(runtime: Runtime, interview: Interview, stored: StoredReport) -> Response:
    turns: list[Turn] = await runtime.store.list_turns(interview.id)
    pdf = await asyncio.to_thread(render_report_pdf, stored, turns, title=_title(interview))
    return Response(
        content=pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="mockline-report-{interview.id}.pdf"'
        },
    )


@router.get("/api/interviews/{interview_id}/report")
async def get_report(interview_id: str, user: CurrentUser, request: Request) -> ReportOut:
    """The report of a completed interview, generated on first request."""
    runtime = ready_runtime(request)
    interview, stored = await _stored_report(runtime, interview_id, user)
    return await report_out(runtime, interview, stored)


@router.get(
    "/api/interviews/{interview_id}/report.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The report as PDF."}},
)
async def get_report_pdf(interview_id: str, user: CurrentUser, request: Request) -> Response:
    """The same report as a PDF document, transcript included."""
    runtime = ready_runtime(request)
    interview, stored = await _stored_report(runtime, interview_id, user)
    return await report_pdf(runtime, interview, stored)


@router.get("/api/me/progress", tags=["account"])
async def get_progress(user: CurrentUser, request: Request) -> ProgressOut:
    """Overall and per-dimension scores of the caller's reported interviews over time."""
    runtime = ready_runtime(request)
    rows = await ReportStore(runtime.db_pool).progress(user.id)
    points = [_point(row) for row in rows]
    return ProgressOut(points=points, weakest=weakest(points))


def _point(row: ProgressRow) -> ProgressPoint:
    stored = {d.dimension: d.score for d in _DIMENSION_LIST.validate_python(row.dimensions)}
    return ProgressPoint(
        interview_id=row.interview_id,
        created_at=row.created_at,
        role=row.role,
        interview_type=row.interview_type,
        overall=row.overall,
        dimensions={d: stored.get(d) for d in DIMENSIONS},
    )


def weakest(points: list[ProgressPoint]) -> WeakestDimension | None:
    """The measured dimension with the lowest mean over ``points`` (ties: `DIMENSIONS` order)."""
    means: list[tuple[float, int, Dimension]] = []
    for index, dimension in enumerate(DIMENSIONS):
        values = [s for p in points if (s := p.dimensions.get(dimension)) is not None]
        if values:
            means.append((fmean(values), index, dimension))
    if not means:
        return None
    mean, _, dimension = min(means)
    return WeakestDimension(
        dimension=dimension,
        label=DIMENSION_LABELS[dimension],
        mean=round(mean, 1),
        scores=[p.dimensions.get(dimension) for p in points],
    )


def _title(interview: Interview) -> str:
    role = interview.role.replace("_", " ")
    kind = interview.interview_type.replace("_", " ")
    return f"{interview.level.capitalize()} {role}, {kind} interview"
