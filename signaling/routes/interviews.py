"""Interviews: create, list, read, delete, call tokens, WebRTC offers, ending a call.

Every route is scoped to the signed-in owner; another user's interview is 404, never 403.
The offer is authorised by a short-lived call token bound to one interview and user.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from agent.interviewer import bank
from agent.store.models import Interview
from agent.voice.call import CallSetup, InterviewCall
from agent.voice.events import CallEvent

from ..auth.deps import CurrentUser
from ..auth.tokens import InvalidToken
from ..errors import ApiError
from ..runtime import Runtime
from ..schemas import Answer, CreateInterview, InterviewOut, InterviewSummary, Offer, TurnOut
from ..webrtc.registry import CallAlreadyActive, InvalidOffer
from .common import parse_id, ready_runtime

router = APIRouter()

_Emit = Callable[[CallEvent], None]
_NOT_FOUND = "No interview has this id."


class CallToken(BaseModel):
    token: str
    expires_in: int


async def _owned(runtime: Runtime, raw_id: str, user_id: UUID) -> Interview:
    interview = await runtime.store.get_owned(parse_id(raw_id, "interview"), user_id)
    if interview is None:
        raise ApiError(404, "not_found", _NOT_FOUND)
    return interview


async def _interview_out(runtime: Runtime, interview: Interview) -> InterviewOut:
    turns = await runtime.store.list_turns(interview.id)
    return InterviewOut(
        **InterviewSummary.of(interview).model_dump(),
        turns=[TurnOut.of(t) for t in turns],
    )


@router.post("/api/interviews", status_code=201)
async def create_interview(body: CreateInterview, user: CurrentUser, request: Request) -> InterviewOut:
    runtime = ready_runtime(request)
    try:
        bank.validate_choice(body.role, body.level, body.interview_type)
    except ValueError:
        raise ApiError(400, "invalid_setup", "Unknown role, level or interview type.") from None
    interview = await runtime.store.create_interview(
        owner_id=user.id, role=body.role, level=body.level, interview_type=body.interview_type
    )
    return await _interview_out(runtime, interview)


@router.get("/api/interviews")
async def list_interviews(user: CurrentUser, request: Request) -> list[InterviewSummary]:
    runtime = ready_runtime(request)
    return [InterviewSummary.of(i) for i in await runtime.store.list_for_owner(user.id)]


@router.get("/api/interviews/{interview_id}")
async def get_interview(interview_id: str, user: CurrentUser, request: Request) -> InterviewOut:
    runtime = ready_runtime(request)
    return await _interview_out(runtime, await _owned(runtime, interview_id, user.id))


@router.delete("/api/interviews/{interview_id}", status_code=204)
async def delete_interview(interview_id: str, user: CurrentUser, request: Request) -> Response:
    runtime = ready_runtime(request)
    interview = await _owned(runtime, interview_id, user.id)
    await runtime.registry.end(interview.id)
    await runtime.store.delete_owned(interview.id, user.id)
    return Response(status_code=204)


@router.post("/api/interviews/{interview_id}/call-token")
async def call_token(interview_id: str, user: CurrentUser, request: Request) -> CallToken:
    runtime = ready_runtime(request)
    interview = await _owned(runtime, interview_id, user.id)
    if interview.status in ("completed", "failed"):
        raise ApiError(409, "interview_finished", "This interview has already ended.")
    return CallToken(
        token=runtime.tokens.call_token(user.id, interview.id),
        expires_in=runtime.tokens.call_ttl_s,
    )


@router.post("/api/interviews/{interview_id}/offer")
async def offer(interview_id: str, body: Offer, request: Request) -> Answer:
    runtime = ready_runtime(request)
    try:
        grant = runtime.tokens.call_grant(body.token)
    except InvalidToken:
        raise ApiError(401, "invalid_call_token", "The call link expired; start the call again.") from None
    interview = await _owned(runtime, interview_id, grant.user_id)
    if interview.id != grant.interview_id:
        raise ApiError(404, "not_found", _NOT_FOUND)
    if interview.status in ("completed", "failed"):
        raise ApiError(409, "interview_finished", "This interview has already ended.")
    speech = runtime.speech
    assert speech is not None
    setup = CallSetup(
        interview_id=interview.id,
        role=interview.role,
        level=interview.level,
        interview_type=interview.interview_type,
        max_questions=runtime.settings.max_questions,
    )

    def make_call(emit: _Emit) -> InterviewCall:
        return InterviewCall(setup, speech, runtime.store, emit)

    try:
        answer = await runtime.registry.open(interview.id, body.sdp, make_call)
    except CallAlreadyActive:
        raise ApiError(409, "call_active", "A call is already running for this interview.") from None
    except InvalidOffer as exc:
        raise ApiError(400, "invalid_sdp", f"The SDP offer could not be used: {exc}") from None
    return Answer(sdp=answer)


@router.post("/api/interviews/{interview_id}/end")
async def end_interview(interview_id: str, user: CurrentUser, request: Request) -> InterviewOut:
    runtime = ready_runtime(request)
    interview = await _owned(runtime, interview_id, user.id)
    if not await runtime.registry.end(interview.id) and interview.status in ("created", "active"):
        await runtime.store.set_status(interview.id, "completed")
    return await _interview_out(runtime, await _owned(runtime, interview_id, user.id))
