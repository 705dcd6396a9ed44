"""A phone call through LiveKit SIP, before its interview is known (`answer_phone`).

LiveKit SIP answers every call the trunk lets through and puts the caller in a room of its
own (`rooms.PHONE_ROOM_PREFIX`), with a worker dispatched into it. The worker then runs the
same PIN flow as the embedded SIP server (`agent.dial_in.pin_flow`): the welcome, the PIN
on the keypad, three tries, and the guessing limits, shared between workers through Redis.
A PIN that admits an interview hands the caller to that interview, in this room; anything
else is told why and the room is closed (the call ends). A PIN is never logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from uuid import UUID

import asyncpg
from livekit import rtc

from agent.dial_in.guard_redis import pin_guard
from agent.dial_in.pin_flow import admit, say, while_connected
from agent.dial_in.prompts import Prompt, PromptSet
from agent.sessions.lifecycle import is_finished
from agent.sessions.presence import CallPresence, LeaseStore
from agent.settings import Settings
from agent.store.dial_in import DialInStore, pin_pepper
from agent.store.interviews import InterviewStore
from agent.store.models import Interview
from agent.store.signing_secret import load_signing_secret

from .arrivals import participant_joins
from .phone_line import RoomPinLine

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Admitted:
    interview: Interview
    caller: str
    """The SIP participant's identity in the room: the candidate of the call."""


async def sip_caller_joins(room: rtc.Room) -> rtc.RemoteParticipant:
    return await participant_joins(
        room, lambda p: p.kind == rtc.ParticipantKind.PARTICIPANT_KIND_SIP
    )


async def answer_phone(
    room: rtc.Room,
    caller: rtc.RemoteParticipant,
    settings: Settings,
    pool: asyncpg.Pool,
    leases: LeaseStore,
    prompts: PromptSet,
) -> Admitted | None:
    """The interview the caller's PIN admits, or None once the caller was told why not (or
    hung up). ``prompts`` are the job process's, rendered once for all its calls."""
    line = RoomPinLine(room, caller)
    guard = pin_guard(settings.redis_url)
    pins = DialInStore(pool, pin_pepper(load_signing_secret(settings)))

    async def redeem(pin: str) -> UUID | None:
        return await pins.redeem(pin, settings.dial_in_resume_s)

    try:
        await line.start()
        try:
            interview_id = await while_connected(line, admit(line, prompts, guard, redeem))
        except Exception as failure:  # the store is down: the caller hears the goodbye
            log.warning("phone PIN flow failed (%s)", type(failure).__name__)
            await while_connected(line, say(line, prompts, Prompt.UNAVAILABLE))
            return None
        if interview_id is None:
            return None  # hung up, or told why not
        interview = await InterviewStore(pool).get_interview(interview_id)
        if interview is None or is_finished(interview.status):
            await while_connected(line, say(line, prompts, Prompt.UNAVAILABLE))
            return None
        if await leases.holder(CallPresence.key(interview.id)) is not None:
            await while_connected(line, say(line, prompts, Prompt.BUSY))
            return None
        log.info("phone call joined interview %s", interview.id)
        return Admitted(interview, caller.identity)
    finally:
        await line.aclose()
        await guard.aclose()
