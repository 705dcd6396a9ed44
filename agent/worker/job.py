"""One LiveKit job: one interview's call in one room, in its own job process.

`prewarm` loads the speech models when livekit-agents starts a job process, before any job
is given to it. `JobGate.on_request` (in the worker's main process) refuses a dispatch that
names no interview of its room, an unknown or finished interview, or one whose call already
runs elsewhere; LiveKit then offers it to no other worker either. `entrypoint` checks again
(things change between the two), joins the room, waits for the candidate (the interview's
owner, from a browser) and hands a `LiveKitRoomTransport` to the same session owner every
transport uses: the interview resumes from its Postgres checkpoint. A phone caller's room
(`phone`) names no interview: the job asks for the PIN there first, then serves the interview
it names in that room. Its call's events also go to the interview's live feed
in Redis, for a tab open on the interview.

When the call ends the job deletes the room, so the next call starts in a fresh room with a
fresh dispatch, unless this worker is shutting down: the room is then left to the candidate,
and the web tier dispatches another worker into it (`signaling.livekit.webhooks`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from uuid import UUID

import asyncpg
from livekit import rtc
from livekit.agents import AutoSubscribe, JobContext, JobProcess, JobRequest

from agent import metrics
from agent.dial_in.prompts import PromptSet
from agent.interviewer.warmup import warm_interviewer
from agent.plugins import load_speech_models
from agent.sessions.deps import CallOptions, SessionDeps
from agent.sessions.hub import SessionHub
from agent.sessions.lifecycle import is_finished
from agent.sessions.live_redis import live_feed
from agent.sessions.presence import CallPresence, LeaseStore, SingleFlight
from agent.sessions.presence_redis import lease_store
from agent.sessions.provider import llm_client_for
from agent.sessions.reports import Reports
from agent.sessions.session import CallActiveError
from agent.sessions.text import InterviewFinishedError
from agent.settings import Settings, get_settings
from agent.store.crypto import load_key_ring
from agent.store.interviews import InterviewNotFoundError, InterviewStore
from agent.store.models import Interview
from agent.store.pool import create_pool
from agent.voice.vocabulary import warm_hearing

from .arrivals import participant_joins
from .phone import answer_phone, sip_caller_joins
from .room_transport import LiveKitRoomTransport
from .rooms import (
    BadDispatch,
    agent_identity,
    candidate_identity,
    interview_of_dispatch,
    is_phone_dispatch,
)

log = logging.getLogger(__name__)

CANDIDATE_WAIT_S = 30.0
"""How long a job waits for the candidate in its room before it gives up."""
_SPEECH = "speech"
_PROMPTS = "phone-prompts"


def prewarm(proc: JobProcess) -> None:
    """Runs once per job process, before it takes a job: the models every call needs, and
    the interviewer's reading of answers (else the first reply of the call comes late)."""
    speech = proc.userdata[_SPEECH] = load_speech_models(get_settings())
    proc.userdata[_PROMPTS] = PromptSet(speech.tts)  # a phone call's, rendered on first use
    warm_interviewer()
    warm_hearing()


def _refuse(reason: str, interview_id: UUID | None) -> None:
    metrics.error("dispatch_refused")
    log.warning("dispatch refused for interview %s: %s", interview_id, reason)


class JobGate:
    """The worker main process's answer to LiveKit's job offers."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._pool: asyncpg.Pool | None = None
        self._leases: LeaseStore | None = None

    async def on_request(self, request: JobRequest) -> None:
        if is_phone_dispatch(request.job.metadata, request.room.name):
            await self._accept(request)  # the PIN, asked in the room, names the interview
            return
        try:
            interview_id = interview_of_dispatch(request.job.metadata, request.room.name)
        except BadDispatch as exc:
            _refuse(str(exc), None)
            await request.reject(terminate=True)
            return
        reason = await self._refusal(interview_id)
        if reason is not None:
            _refuse(reason, interview_id)
            await request.reject(terminate=True)
            return
        await self._accept(request)

    async def _accept(self, request: JobRequest) -> None:
        await request.accept(
            name="Interviewer",
            identity=agent_identity(request.id),
            attributes={"mockline.role": "interviewer"},
        )

    async def _refusal(self, interview_id: UUID) -> str | None:
        if self._pool is None:
            assert self._settings.database_url is not None
            self._pool = await create_pool(self._settings.database_url, min_size=0, max_size=2)
        if self._leases is None:
            self._leases = lease_store(self._settings.redis_url)
        interview = await InterviewStore(self._pool).get_interview(interview_id)
        if interview is None:
            return "no such interview"
        if is_finished(interview.status):
            return "the interview has ended"
        if await self._leases.holder(CallPresence.key(interview_id)) is not None:
            return "a call already runs for it"
        return None

    async def aclose(self) -> None:
        if self._pool is not None:
            await self._pool.close()
        if self._leases is not None:
            await self._leases.aclose()


async def entrypoint(ctx: JobContext) -> None:
    settings = get_settings()
    interview_id: UUID | None = None  # None: a phone room, where the PIN names it
    if not is_phone_dispatch(ctx.job.metadata, ctx.job.room.name):
        try:
            interview_id = interview_of_dispatch(ctx.job.metadata, ctx.job.room.name)
        except BadDispatch as exc:
            _refuse(str(exc), None)
            return
    assert settings.database_url is not None
    pool = await create_pool(settings.database_url, min_size=1, max_size=4)
    leases = lease_store(settings.redis_url)
    try:
        if interview_id is None:
            await _phone_call(ctx, settings, pool, leases)
            return
        interview = await InterviewStore(pool).get_interview(interview_id)
        if interview is None or is_finished(interview.status):
            _refuse("unknown or finished interview", interview_id)
            return
        await _browser_call(ctx, settings, pool, leases, interview)
    finally:
        await pool.close()
        await leases.aclose()


async def _phone_call(
    ctx: JobContext, settings: Settings, pool: asyncpg.Pool, leases: LeaseStore
) -> None:
    """A caller in its own room (`phone`): the PIN first, then the interview it names."""
    await ctx.connect(auto_subscribe=AutoSubscribe.AUDIO_ONLY)
    try:
        async with asyncio.timeout(CANDIDATE_WAIT_S):
            caller = await sip_caller_joins(ctx.room)
    except TimeoutError:
        _refuse("the phone caller never joined", None)
        return
    prompts = ctx.proc.userdata[_PROMPTS]
    admitted = await answer_phone(ctx.room, caller, settings, pool, leases, prompts)
    if admitted is None:
        await ctx.delete_room()  # hangs up the call
        return
    await _serve(
        ctx,
        settings,
        pool,
        leases,
        admitted.interview,
        admitted.caller,
        keep_room_on_shutdown=False,
    )


async def _candidate_joins(room: rtc.Room, browser: str) -> str:
    """The identity of the candidate once in the room: the interview's owner, from a browser
    (a phone caller has a room of its own: `phone`)."""
    joined = await participant_joins(room, lambda p: p.identity == browser)
    return joined.identity


async def _browser_call(
    ctx: JobContext,
    settings: Settings,
    pool: asyncpg.Pool,
    leases: LeaseStore,
    interview: Interview,
) -> None:
    await ctx.connect(auto_subscribe=AutoSubscribe.AUDIO_ONLY)
    try:
        async with asyncio.timeout(CANDIDATE_WAIT_S):
            candidate = await _candidate_joins(ctx.room, candidate_identity(interview.owner_id))
    except TimeoutError:
        _refuse("the candidate never joined", interview.id)
        return
    await _serve(ctx, settings, pool, leases, interview, candidate, keep_room_on_shutdown=True)


async def _serve(
    ctx: JobContext,
    settings: Settings,
    pool: asyncpg.Pool,
    leases: LeaseStore,
    interview: Interview,
    candidate: str,
    *,
    keep_room_on_shutdown: bool,
) -> None:
    """The interview's call in this room, with ``candidate`` (a browser or a phone). A
    worker shutting down leaves an interview's room to its candidate, for the next worker;
    a phone room names no interview, so the phone call ends (the PIN calls back in)."""
    owner = ctx.room.local_participant.identity
    ring = load_key_ring(settings)

    async def client_for(user_id: UUID) -> Any:
        return await llm_client_for(user_id, pool, ring)

    reports = Reports(pool, client_for, SingleFlight(leases, owner, prefix="mockline:report"))
    deps = SessionDeps(
        pool=pool,
        client_for=client_for,
        reports=reports,
        speech=ctx.proc.userdata[_SPEECH],
        calls=CallOptions(
            max_questions=settings.max_questions, silence_prompt_s=settings.silence_prompt_s
        ),
        presence=CallPresence(leases, owner),
        live=live_feed(settings.redis_url),  # a tab open on the interview follows the call
    )
    hub = SessionHub(deps)
    ctx.add_shutdown_callback(hub.aclose)  # a draining worker hangs up; the interview waits
    transport = LiveKitRoomTransport(ctx.room, candidate)
    try:
        await hub.start_call(interview, transport)
    except (CallActiveError, InterviewFinishedError, InterviewNotFoundError) as exc:
        await transport.aclose()
        await deps.live.aclose()
        _refuse(type(exc).__name__, interview.id)
        if not keep_room_on_shutdown:
            await ctx.delete_room()  # nobody else will serve this phone room
        return
    await transport.closed.wait()
    await hub.aclose()
    await deps.live.aclose()
    await reports.drain()
    if transport.ended_reason != "shutdown" or not keep_room_on_shutdown:
        await ctx.delete_room()
