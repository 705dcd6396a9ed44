"""The JSON API: options, interviews, WebRTC offers, ending a call, health."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from agent.interviewer import bank
from agent.store.models import Interview
from agent.voice.call import CallSetup, InterviewCall
from agent.voice.events import CallEvent

from .errors import ApiError
from .runtime import Runtime
from .schemas import Answer, CreateInterview, InterviewOut, Offer, TurnOut
from .webrtc.ice import browser_ice_servers
from .webrtc.registry import CallAlreadyActive, InvalidOffer

router = APIRouter()

_Emit = Callable[[CallEvent], None]


def _runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def _ready_runtime(request: Request) -> Runtime:
    runtime = _runtime(request)
    if not runtime.ready:
        raise ApiError(503, "starting", "Mockline is still starting up; try again in a moment.")
    return runtime


def _parse_id(raw: str) -> UUID:
    try:
        return UUID(raw)
    except ValueError:
        raise ApiError(404, "not_found", "No interview has this id.") from None


async def _load(runtime: Runtime, raw_id: str) -> Interview:
    interview = await runtime.store.get_interview(_parse_id(raw_id))
    if interview is None:
        raise ApiError(404, "not_found", "No interview has this id.")
    return interview


async def _interview_out(runtime: Runtime, interview: Interview) -> InterviewOut:
    turns = await runtime.store.list_turns(interview.id)
    return InterviewOut(
        id=str(interview.id),
        role=interview.role,
        level=interview.level,
        interview_type=interview.interview_type,
        status=interview.status,
        created_at=interview.created_at,
        started_at=interview.started_at,
        ended_at=interview.ended_at,
        turns=[
            TurnOut(
                seq=t.seq,
                speaker=t.speaker,
                text=t.text,
                interrupted=t.interrupted,
                heard_text=t.heard_text,
                started_at=t.started_at,
                ended_at=t.ended_at,
                latency=t.latency,
            )
            for t in turns
        ],
    )


@router.get("/healthz")
async def healthz(request: Request) -> JSONResponse:
    runtime = _runtime(request)
    if runtime.ready:
        return JSONResponse({"status": "ok"})
    status = "failed" if runtime.error else "starting"
    return JSONResponse({"status": status, "error": runtime.error}, status_code=503)


@router.get("/api/options")
async def options(request: Request) -> dict[str, object]:
    out: dict[str, object] = dict(bank.options())
    out["ice_servers"] = browser_ice_servers(_runtime(request).settings)
    return out


@router.post("/api/interviews", status_code=201)
async def create_interview(body: CreateInterview, request: Request) -> InterviewOut:
    runtime = _ready_runtime(request)
    try:
        bank.validate_choice(body.role, body.level, body.interview_type)
    except ValueError:
        raise ApiError(400, "invalid_setup", "Unknown role, level or interview type.") from None
    interview = await runtime.store.create_interview(
        role=body.role, level=body.level, interview_type=body.interview_type
    )
    return await _interview_out(runtime, interview)


@router.get("/api/interviews/{interview_id}")
async def get_interview(interview_id: str, request: Request) -> InterviewOut:
    runtime = _ready_runtime(request)
    return await _interview_out(runtime, await _load(runtime, interview_id))


@router.post("/api/interviews/{interview_id}/offer")
async def offer(interview_id: str, body: Offer, request: Request) -> Answer:
    runtime = _ready_runtime(request)
    interview = await _load(runtime, interview_id)
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
async def end_interview(interview_id: str, request: Request) -> InterviewOut:
    runtime = _ready_runtime(request)
    interview = await _load(runtime, interview_id)
    if not await runtime.registry.end(interview.id) and interview.status in ("created", "active"):
        await runtime.store.set_status(interview.id, "completed")
    return await _interview_out(runtime, await _load(runtime, interview_id))

