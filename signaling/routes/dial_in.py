"""Dial-in details for an interview: the number to call and a fresh PIN (docs/SIP.md).

Each request issues a new PIN for the interview (the previous one stops working). The PIN
is shown once, here; only its keyed hash is stored. In LiveKit mode LiveKit SIP takes the
calls and a worker asks for the PIN (`livekit.dial_in`); LiveKit's trunk and rule are made
here if start-up could not make them.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from pydantic import BaseModel

from agent.sessions.lifecycle import is_finished

from ..auth.deps import CurrentUser
from ..errors import ApiError
from ..sip.service import dial_in_uri
from .common import owned_interview, ready_runtime

log = logging.getLogger(__name__)

router = APIRouter()


class DialIn(BaseModel):
    number: str
    sip_uri: str
    pin: str
    expires_in: int


@router.post("/api/interviews/{interview_id}/dial-in")
async def dial_in(interview_id: str, user: CurrentUser, request: Request) -> DialIn:
    runtime = ready_runtime(request)
    interview = await owned_interview(runtime, interview_id, user.id)
    uri = dial_in_uri(runtime.settings)
    through_livekit = runtime.livekit_dial_in
    if uri is None or (runtime.sip is None and through_livekit is None):
        raise ApiError(409, "dial_in_unavailable", "Calling in by phone is not set up here.")
    if is_finished(interview.status):
        raise ApiError(409, "interview_finished", "This interview has already ended.")
    if through_livekit is not None:
        try:
            await through_livekit.ensure()
        except Exception as exc:  # LiveKit's API unreachable or refusing: no PIN to show
            log.warning("LiveKit SIP not set up (%s)", type(exc).__name__)
            raise ApiError(
                503, "dial_in_unavailable_now", "Calling in by phone is unavailable; try again."
            ) from None
    ttl = runtime.settings.dial_in_pin_ttl_s
    pin = await runtime.dial_in.issue(interview.id, ttl)
    return DialIn(number=runtime.settings.sip_number, sip_uri=uri, pin=pin, expires_in=ttl)
