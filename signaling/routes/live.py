"""`GET /api/interviews/{id}/live`: a running call's captions and states, as they happen.

For a page open on the interview while the candidate is on another line (a phone call, or a
call on another device). Server-sent events, one JSON message per ``data:`` line: first
``{"type": "watching", "calling": …}``, then the messages the page's own call gets on its
data channel (``transcript``, ``state``, ``ended``). A comment line every few seconds keeps
proxies from closing a quiet stream. The stream ends with an ``ended`` message that finishes
the interview (a dropped line does not: the candidate may call again), or after
`MAX_WATCH_S`. Owner only (another user's interview is 404); a few streams per interview at
once (`agent.sessions.live.WatcherCount`), more get 429.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from agent.sessions.lifecycle import is_finished
from agent.sessions.live import LiveFeed, Message

from ..auth.deps import CurrentUser
from ..errors import ApiError
from .common import owned_interview, ready_runtime

router = APIRouter()

KEEPALIVE_S = 10.0
MAX_WATCH_S = 3 * 3600.0
"""Longer than any interview; a page that still watches reconnects."""
_FINAL_REASONS = ("completed", "candidate_ended", "failed")


def _event(message: Message) -> bytes:
    return f"data: {json.dumps(message)}\n\n".encode()


@router.get("/api/interviews/{interview_id}/live")
async def live(interview_id: str, user: CurrentUser, request: Request) -> StreamingResponse:
    runtime = ready_runtime(request)
    interview = await owned_interview(runtime, interview_id, user.id)
    if is_finished(interview.status):
        raise ApiError(409, "interview_finished", "This interview has already ended.")
    calling = await runtime.sessions.deps.presence.active(interview.id)
    watchers = runtime.live_watchers
    ticket = watchers.enter(interview.id)
    if ticket is None:
        raise ApiError(429, "too_many_watchers", "This interview is already open in other tabs.")
    stream = _stream(runtime.sessions.deps.live, interview.id, calling, request)

    async def counted() -> AsyncIterator[bytes]:
        watchers.started(interview.id, ticket)
        try:
            async for chunk in stream:
                yield chunk
        finally:
            watchers.leave(interview.id, ticket)

    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(counted(), media_type="text/event-stream", headers=headers)


async def _stream(
    feed: LiveFeed, interview_id: UUID, calling: bool, request: Request
) -> AsyncIterator[bytes]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + MAX_WATCH_S
    async with feed.watch(interview_id) as watch:
        yield _event({"type": "watching", "calling": calling})
        while loop.time() < deadline:
            message = await watch.next(KEEPALIVE_S)
            if message is None:
                if await request.is_disconnected():
                    return
                yield b": keep-alive\n\n"
                continue
            yield _event(message)
            if _last(message):
                return


def _last(message: Message) -> bool:
    """The interview is over (a dropped line is not: the candidate may call again)."""
    if message.get("type") == "unavailable":
        return True
    return message.get("type") == "ended" and message.get("reason") in _FINAL_REASONS
