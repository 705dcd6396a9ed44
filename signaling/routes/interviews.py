"""Interviews: create, list, read, delete, call tokens, WebRTC offers, ending an interview.

Every route is scoped to the signed-in owner; another user's interview is 404, never 403.
The offer is authorised by a short-lived call token bound to one interview and user; the
route answers it and hands the peer, as a transport, to the interview's session
(`agent.sessions`), which owns the call from then on.
Creating an interview makes its plan (`agent.sessions.loader`): the resume profile and the
job description ground it, and neither ever appears in a log line.
"""

from __future__ import annotations

import asyncio
from uuid import UUID

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ValidationError

from agent.interviewer import bank
from agent.interviewer.setup import MAX_QUESTIONS, InterviewSetup, Length, Persona
from agent.sessions.hub import LinesBusyError
from agent.sessions.lifecycle import is_finished
from agent.sessions.loader import create_planned_interview
from agent.sessions.session import CallActiveError
from agent.sessions.text import InterviewFinishedError
from agent.store.models import Interview
from agent.store.reports import ReportStore
from agent.store.resumes import ResumeStore
from agent.understanding import MAX_JD_CHARS, CandidateProfile, JobDescriptionTooLong, build_profile

from ..auth.deps import CurrentAccess, CurrentUser
from ..auth.tokens import InvalidToken
from ..errors import ApiError
from ..livekit.calls import LiveKitCallToken
from ..runtime import Runtime
from ..schemas import Answer, CreateInterview, InterviewOut, InterviewSummary, Offer, TurnOut
from ..webrtc.transport import InvalidOffer, WebRtcTransport
from .common import owned_interview, ready_runtime

router = APIRouter()

_NOT_FOUND = "No interview has this id."
_BUSY_RETRY_S = 30
_FINISHED = "This interview has already ended."
_CALL_ACTIVE = "A call is already running for this interview."


class CallToken(BaseModel):
    token: str
    expires_in: int


async def _interview_out(runtime: Runtime, interview: Interview) -> InterviewOut:
    turns = await runtime.store.list_turns(interview.id)
    return InterviewOut(
        **InterviewSummary.of(interview).model_dump(),
        turns=[TurnOut.of(t) for t in turns],
    )


def _setup(body: CreateInterview, runtime: Runtime) -> InterviewSetup:
    try:
        level, interview_type = bank.validate_choice(body.role, body.level, body.interview_type)
    except ValueError:
        raise ApiError(400, "invalid_setup", "Unknown role, level or interview type.") from None
    try:
        length = body.length or Length(value=min(runtime.settings.max_questions, MAX_QUESTIONS))
        return InterviewSetup(
            role=body.role,
            level=level,
            interview_type=interview_type,
            length=length,
            persona=body.persona or Persona(),
        )
    except ValidationError as exc:
        raise ApiError(400, "invalid_setup", f"Invalid setup: {exc.errors()[0]['msg']}.") from None


def _job_description(body: CreateInterview) -> str | None:
    text = (body.job_description or "").strip()
    if len(text) > MAX_JD_CHARS:
        raise ApiError(413, "too_large", JobDescriptionTooLong(len(text)).message)
    return text or None


async def _profile(
    body: CreateInterview, runtime: Runtime, user_id: UUID
) -> CandidateProfile | None:
    """The candidate's corrected profile if sent, else one built from the chosen resume."""
    if body.resume_id is None:
        return body.profile
    resume = await ResumeStore(runtime.db_pool).get_owned(body.resume_id, user_id)
    if resume is None:
        raise ApiError(404, "not_found", "No resume has this id.")
    if body.profile is not None:
        return body.profile
    return await asyncio.to_thread(build_profile, resume.text)


@router.post("/api/interviews", status_code=201)
async def create_interview(
    body: CreateInterview, access: CurrentAccess, request: Request
) -> InterviewOut:
    if access.claims is None:
        # An organisation's embed session starts interviews from its practice sets only, where
        # they are counted against its quota and shown to its admins (`routes/embed.py`).
        raise ApiError(
            403,
            "practice_set_required",
            "Start a practice interview from one of your college's practice sets.",
        )
    user = access.user
    runtime = ready_runtime(request)
    setup = _setup(body, runtime)
    job_description = _job_description(body)
    profile = await _profile(body, runtime, user.id)
    interview = await create_planned_interview(
        runtime.db_pool,
        owner_id=user.id,
        setup=setup,
        profile=profile,
        job_description=job_description,
    )
    return await _interview_out(runtime, interview)


@router.get("/api/interviews")
async def list_interviews(user: CurrentUser, request: Request) -> list[InterviewSummary]:
    runtime = ready_runtime(request)
    interviews = await runtime.store.list_for_owner(user.id)
    scores = await ReportStore(runtime.db_pool).overall_scores([i.id for i in interviews])
    return [InterviewSummary.of(i, scores.get(i.id)) for i in interviews]


@router.get("/api/interviews/{interview_id}")
async def get_interview(interview_id: str, user: CurrentUser, request: Request) -> InterviewOut:
    runtime = ready_runtime(request)
    return await _interview_out(runtime, await owned_interview(runtime, interview_id, user.id))


@router.delete("/api/interviews/{interview_id}", status_code=204)
async def delete_interview(interview_id: str, user: CurrentUser, request: Request) -> Response:
    runtime = ready_runtime(request)
    interview = await owned_interview(runtime, interview_id, user.id)
    await runtime.sessions.hang_up(interview.id)
    await runtime.store.delete_owned(interview.id, user.id)
    await runtime.forget_dial_in(interview.id)
    return Response(status_code=204)


@router.post("/api/interviews/{interview_id}/call-token")
async def call_token(
    interview_id: str, user: CurrentUser, request: Request
) -> CallToken | LiveKitCallToken:
    runtime = ready_runtime(request)
    interview = await owned_interview(runtime, interview_id, user.id)
    if is_finished(interview.status):
        raise ApiError(409, "interview_finished", _FINISHED)
    if runtime.livekit is not None:  # LiveKit mode: a token for the interview's room
        if await runtime.sessions.call_active(interview.id):
            raise ApiError(409, "call_active", _CALL_ACTIVE)
        return await runtime.livekit.call_token(user.id, interview.id)
    limit = runtime.sessions.deps.calls.max_calls
    if limit is not None and runtime.sessions.active_calls >= limit:
        raise _lines_busy()
    return CallToken(
        token=runtime.tokens.call_token(user.id, interview.id),
        expires_in=runtime.tokens.call_ttl_s,
    )


def _lines_busy() -> ApiError:
    return ApiError(
        503,
        "lines_busy",
        "Every interview line on this server is busy. Try again in a minute, or type your "
        "answers instead.",
        headers={"Retry-After": str(_BUSY_RETRY_S)},
    )


@router.post("/api/interviews/{interview_id}/offer")
async def offer(interview_id: str, body: Offer, request: Request) -> Answer:
    runtime = ready_runtime(request)
    if runtime.livekit is not None:
        raise ApiError(409, "livekit_calls", "Calls on this server go through LiveKit rooms.")
    try:
        grant = runtime.tokens.call_grant(body.token)
    except InvalidToken:
        raise ApiError(
            401, "invalid_call_token", "The call link expired; start the call again."
        ) from None
    interview = await owned_interview(runtime, interview_id, grant.user_id)
    if interview.id != grant.interview_id:
        raise ApiError(404, "not_found", _NOT_FOUND)
    if is_finished(interview.status):
        raise ApiError(409, "interview_finished", _FINISHED)
    if runtime.sessions.calling(interview.id):
        raise ApiError(409, "call_active", _CALL_ACTIVE)
    transport = WebRtcTransport(runtime.rtc_config)
    try:
        answer = await transport.accept(body.sdp)
    except InvalidOffer as exc:
        raise ApiError(400, "invalid_sdp", f"The SDP offer could not be used: {exc}") from None
    try:
        await runtime.sessions.start_call(interview, transport)
    except BaseException as exc:  # the transport is still ours: release it, whatever failed
        await transport.aclose()
        if isinstance(exc, CallActiveError):
            raise ApiError(409, "call_active", _CALL_ACTIVE) from None
        if isinstance(exc, LinesBusyError):
            raise _lines_busy() from None
        if isinstance(exc, InterviewFinishedError):
            raise ApiError(409, "interview_finished", _FINISHED) from None
        raise
    return Answer(sdp=answer)


@router.post("/api/interviews/{interview_id}/end")
async def end_interview(interview_id: str, user: CurrentUser, request: Request) -> InterviewOut:
    runtime = ready_runtime(request)
    interview = await owned_interview(runtime, interview_id, user.id)
    if not is_finished(interview.status):
        await runtime.sessions(interview.id).end()
        await runtime.forget_dial_in(interview.id)
    return await _interview_out(runtime, await owned_interview(runtime, interview_id, user.id))
