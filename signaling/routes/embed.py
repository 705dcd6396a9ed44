"""The embed's API: a portal's backend mints tokens; its students start practice sets.

- ``POST /api/orgs/{org}/embed-tokens`` (the organisation's server key as Bearer) makes the
  student's account on first sight and returns a short-lived token bound to the
  organisation, its server key and its origins (`auth.embed`).
- The widget, with that token: ``GET /api/orgs/{org}/embed`` (what the student sees),
  ``POST .../notice`` (they read that the organisation sees their scores), and
  ``POST .../sets/{set}/interviews`` (an interview from a practice set, counted against the
  organisation's rate limit and daily quota). Everything after that (calls, typing,
  reports) goes through the ordinary interview routes with the same token.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from uuid import UUID

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from agent.interviewer.setup import InterviewSetup
from agent.sessions.loader import create_planned_interview
from agent.store.cohort import CohortStore
from agent.store.org_members import OrgMemberStore
from agent.store.orgs import Organisation
from agent.store.practice_sets import PracticeSet, PracticeSetStore
from agent.store.reports import ReportStore

from ..auth.embed import OriginError, normalized_origin
from ..auth.org import OrgStudentCtx, ServerKeyCtx
from ..auth.tokens import EmbedGrant
from ..errors import ApiError
from ..orgs.limits import Action
from ..orgs.schemas import EmbedTokenIn, PracticeSetOut, TokenOut
from ..runtime import Runtime
from ..schemas import InterviewOut, InterviewSummary
from ..webrtc.ice import browser_ice_servers
from .common import parse_id, ready_runtime

router = APIRouter(tags=["embed"])

NOTICE = (
    "{org} will see the scores and reports of the interviews you practise here, "
    "to help you prepare for placements."
)


def today() -> date:
    return datetime.now(UTC).date()


class OrgRef(BaseModel):
    id: UUID
    name: str


class StudentRef(BaseModel):
    id: UUID
    name: str | None
    notice_accepted: bool


class StudentInterview(BaseModel):
    id: UUID
    practice_set_id: UUID | None
    status: str
    created_at: datetime
    overall_score: float | None


class EmbedInfo(BaseModel):
    org: OrgRef
    student: StudentRef
    notice: str
    """Shown before the first interview: the organisation sees scores and reports."""
    sets: list[PracticeSetOut]
    """The practice sets open today."""
    interviews: list[StudentInterview]
    """The student's interviews through this organisation, newest first."""
    ice_servers: list[dict[str, object]]


async def _limited(runtime: Runtime, org: Organisation, action: Action) -> None:
    decision = await runtime.org_limits.hit(org, action)
    if not decision.allowed:
        retry = max(1, math.ceil(decision.retry_after_s))
        raise ApiError(
            429,
            "rate_limited",
            f"Too many requests for this organisation; try again in {retry} s.",
            headers={"Retry-After": str(retry)},
        )


@router.post("/api/orgs/{org_id}/embed-tokens")
async def mint_embed_token(ctx: ServerKeyCtx, body: EmbedTokenIn, request: Request) -> TokenOut:
    runtime = ready_runtime(request)
    origin: str | None = None
    if body.origin is not None:
        try:
            origin = normalized_origin(body.origin)
        except OriginError as exc:
            raise ApiError(400, "invalid_origin", str(exc)) from None
        if origin not in ctx.org.allowed_origins:
            raise ApiError(400, "invalid_origin", "This origin is not one the organisation allows.")
    await _limited(runtime, ctx.org, "embed_token")
    student_id = await OrgMemberStore(runtime.db_pool).upsert_student(
        ctx.org.id, body.student_id, body.name
    )
    grant = EmbedGrant(student_id, ctx.org.id, ctx.key_id, origin)
    return TokenOut(token=runtime.tokens.embed_token(grant), expires_in=runtime.tokens.embed_ttl_s)


@router.get("/api/orgs/{org_id}/embed")
async def embed_info(ctx: OrgStudentCtx, request: Request) -> EmbedInfo:
    runtime = ready_runtime(request)
    student = await OrgMemberStore(runtime.db_pool).get_student(ctx.org.id, ctx.user.id)
    assert student is not None
    sets = await PracticeSetStore(runtime.db_pool).list(ctx.org.id)
    day = today()
    rows = await CohortStore(runtime.db_pool).interviews(ctx.org.id, ctx.user.id)
    scores = await ReportStore(runtime.db_pool).overall_scores([r.interview_id for r in rows])
    return EmbedInfo(
        org=OrgRef(id=ctx.org.id, name=ctx.org.name),
        student=StudentRef(
            id=student.id, name=student.name, notice_accepted=student.notice_accepted_at is not None
        ),
        notice=NOTICE.format(org=ctx.org.name),
        sets=[PracticeSetOut.of(s, day, with_jd=False) for s in sets if s.is_open(day)],
        interviews=[
            StudentInterview(
                id=r.interview_id,
                practice_set_id=r.practice_set_id,
                status=r.status,
                created_at=r.created_at,
                overall_score=scores.get(r.interview_id),
            )
            for r in reversed(rows)
        ],
        ice_servers=browser_ice_servers(runtime.settings),
    )


@router.post("/api/orgs/{org_id}/notice", status_code=204)
async def accept_notice(ctx: OrgStudentCtx, request: Request) -> Response:
    await OrgMemberStore(ready_runtime(request).db_pool).accept_notice(ctx.user.id)
    return Response(status_code=204)


async def _open_set(runtime: Runtime, org: Organisation, raw_id: str) -> PracticeSet:
    found = await PracticeSetStore(runtime.db_pool).get(org.id, parse_id(raw_id, "practice set"))
    if found is None:
        raise ApiError(404, "not_found", "No practice set has this id.")
    if not found.is_open(today()):
        raise ApiError(409, "set_closed", "This practice set is not open today.")
    return found


@router.post("/api/orgs/{org_id}/sets/{set_id}/interviews", status_code=201)
async def start_set_interview(ctx: OrgStudentCtx, set_id: str, request: Request) -> InterviewOut:
    runtime = ready_runtime(request)
    practice_set = await _open_set(runtime, ctx.org, set_id)
    members = OrgMemberStore(runtime.db_pool)
    student = await members.get_student(ctx.org.id, ctx.user.id)
    if student is None or student.notice_accepted_at is None:
        raise ApiError(409, "notice_required", "Read the privacy notice first (POST .../notice).")
    await _limited(runtime, ctx.org, "interview")
    if not await members.reserve_interview(ctx.org.id, ctx.org.daily_interview_quota):
        raise ApiError(
            429, "quota_exceeded", "Your college's practice interviews for today are used up."
        )
    try:
        interview = await create_planned_interview(
            runtime.db_pool,
            owner_id=ctx.user.id,
            setup=InterviewSetup.model_validate(practice_set.setup),
            job_description=practice_set.job_description,
        )
        await members.record_interview(interview.id, ctx.org.id, practice_set.id)
    except BaseException:
        await members.release_interview(ctx.org.id)
        raise
    return InterviewOut(**InterviewSummary.of(interview).model_dump(), turns=[])
