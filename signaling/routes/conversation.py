"""Text mode over HTTP: open (or resume) an interview, then send typed answers.

Both routes answer `{reply, finished, question_index, question_count}`. The interview must
be the caller's (404 otherwise, checked before the body is read) and no voice call may be
running for it (409 ``call_active``); the exchange itself lives in `agent.sessions.text`.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from agent.sessions.session import CallActiveError
from agent.sessions.text import (
    Exchange,
    InterviewFinishedError,
    NotStartedError,
)
from agent.store.checkpoints import StaleCheckpointError
from agent.store.interviews import InterviewNotFoundError
from agent.store.models import Interview

from ..auth.deps import CurrentUser
from ..errors import ApiError
from ..runtime import Runtime
from ..schemas import ConversationReply, MessageIn
from .common import parse_id, ready_runtime

log = logging.getLogger(__name__)

router = APIRouter()


async def _owned_interview(interview_id: str, user: CurrentUser, request: Request) -> Interview:
    # A dependency, so that ownership answers (404) before the body is validated.
    runtime = ready_runtime(request)
    interview = await runtime.store.get_owned(parse_id(interview_id, "interview"), user.id)
    if interview is None:
        raise ApiError(404, "not_found", "No interview has this id.")
    return interview


OwnedInterview = Annotated[Interview, Depends(_owned_interview)]


def _reply(exchange: Exchange) -> ConversationReply:
    return ConversationReply(
        reply=exchange.reply,
        finished=exchange.finished,
        question_index=exchange.question_index,
        question_count=exchange.question_count,
    )


async def _run(runtime: Runtime, interview: Interview, text: str | None) -> ConversationReply:
    session = runtime.sessions(interview.id)
    try:
        if text is None:
            exchange = await session.open_text()
        else:
            exchange = await session.message(text)
    except CallActiveError:
        raise ApiError(
            409, "call_active", "A voice call is running for this interview; continue it there."
        ) from None
    except NotStartedError:
        raise ApiError(409, "not_started", "Open the interview first (POST .../open).") from None
    except InterviewFinishedError:
        raise ApiError(409, "interview_finished", "This interview has already ended.") from None
    except InterviewNotFoundError:  # deleted meanwhile
        raise ApiError(404, "not_found", "No interview has this id.") from None
    except StaleCheckpointError:
        log.info("interview %s answered elsewhere meanwhile", interview.id)
        raise ApiError(
            409, "conflict", "The interview moved on elsewhere; reload it and try again."
        ) from None
    return _reply(exchange)


@router.post("/api/interviews/{interview_id}/open")
async def open_interview(interview: OwnedInterview, request: Request) -> ConversationReply:
    """The opening on first use, else a "welcome back" with the current question."""
    return await _run(ready_runtime(request), interview, None)


@router.post("/api/interviews/{interview_id}/messages")
async def send_message(
    interview: OwnedInterview, body: MessageIn, request: Request
) -> ConversationReply:
    """The interviewer's reply to one typed message (1 to 4000 characters)."""
    return await _run(ready_runtime(request), interview, body.text)
