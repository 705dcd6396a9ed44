"""``POST /api/livekit/webhook``: LiveKit's events, signed with the API secret.

LiveKit signs each webhook with a JWT (the ``Authorization`` header) that carries the body's
SHA-256; anything that does not verify is 401 and changes nothing. Only an interviewer leaving
a room matters here (`calls.LiveKitCalls.on_participant_left`); every other event is
acknowledged and ignored. Point LiveKit's ``webhook.urls`` at this route (infra/).
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response
from livekit import api

from ..errors import ApiError
from ..routes.common import ready_runtime

log = logging.getLogger(__name__)

router = APIRouter()

_MAX_BODY = 64 * 1024


@router.post("/api/livekit/webhook", include_in_schema=False)
async def webhook(request: Request) -> Response:
    runtime = ready_runtime(request)
    calls = runtime.livekit
    if calls is None:
        raise ApiError(404, "not_found", "This server does not run calls through LiveKit.")
    body = await request.body()
    if len(body) > _MAX_BODY:
        raise ApiError(413, "too_large", "Webhook body too large.")
    auth = request.headers.get("Authorization", "")
    try:
        event = api.WebhookReceiver(calls.verifier()).receive(body.decode(), auth)
    except Exception:  # a bad signature, hash or body: jwt and protobuf raise many kinds
        raise ApiError(401, "invalid_webhook", "The webhook signature does not verify.") from None
    if event.event == "participant_left" and event.room.name:
        try:
            await calls.on_participant_left(
                event.room.name,
                event.participant.identity,
                runtime.store,
                runtime.sessions.deps.presence,
            )
        except Exception as exc:  # LiveKit's API or Redis unreachable: LiveKit retries
            log.warning("webhook not handled (%s)", type(exc).__name__)
            raise ApiError(503, "unavailable", "The webhook could not be handled now.") from None
    return Response(status_code=204)
