"""Text mode: the interview typed instead of spoken, one exchange at a time.

The session owner (`session.InterviewSession`) runs each exchange under its interview's lock,
so two messages sent at once are answered one after the other and each gets exactly one
reply, and moves the interview's status through `lifecycle`. An exchange restores the
interviewer from its checkpoint, runs its turn in a worker process (`thinking`: the CPU
work stays off the event loop and its GIL), has a language model read the answer first and
phrase the reply when one is configured (`model_reading`; the offline rules decide when it
fails or is late), then records the turns, the new checkpoint and the status in one
transaction. The checkpoint's version catches another process answering the same interview
meanwhile (`StaleCheckpointError`): that exchange records nothing.

Turn times are seconds since the interview started (its ``started_at``), as in a call. The
time budget of a timed interview runs on interview time instead (`interviewer.clock`), so
time away between two messages does not use it up.
Log lines carry interview ids only, never what was typed or said.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from uuid import UUID

import asyncpg

from agent.interviewer import Interviewer
from agent.interviewer.clock import continued_elapsed
from agent.interviewer.generative import phrase
from agent.interviewer.model_reading import ModelReading, read_with_model
from agent.llm import LlmClient
from agent.store.checkpoints import CheckpointStore
from agent.store.interviews import InterviewNotFoundError, InterviewStore
from agent.store.models import Interview, Speaker

from .deps import ClientFor
from .lifecycle import LifeEvent, apply, is_finished
from .loader import Restored, restore, state_json
from .thinking import turn_in_pool

logger = logging.getLogger(__name__)


class NotStartedError(RuntimeError):
    """A message came before the interview was opened."""


class InterviewFinishedError(RuntimeError):
    """The interview is over (completed or failed); it takes no more messages."""


@dataclass(frozen=True, slots=True)
class Exchange:
    interview: Interview
    """The interview as it stood before this exchange (its id, owner, setup)."""
    reply: str
    finished: bool
    question_index: int
    question_count: int


@dataclass(frozen=True, slots=True)
class _Said:
    text: str
    at_s: float


async def open_exchange(
    pool: asyncpg.Pool, interview_id: UUID, client_for: ClientFor | None
) -> Exchange:
    """The opening on first use, else a "welcome back" with the current question. The caller
    holds the interview's lock (`InterviewSession`)."""
    interview = await _current(pool, interview_id)
    restored = await _live(pool, interview)
    clock = continued_elapsed(restored.interviewer.elapsed_s, restored.saved_at, time.time())
    restored, offline = await _step(restored, None, clock)
    interviewer = restored.interviewer
    reply = _Said(await _phrase(client_for, interview, interviewer, offline), _elapsed(interview))
    await _record(pool, interview, restored, None, reply)
    logger.info("interview %s opened in text mode", interview.id)
    return _exchange(interview, interviewer, reply.text)


async def message_exchange(
    pool: asyncpg.Pool, interview_id: UUID, text: str, client_for: ClientFor | None
) -> Exchange:
    """The interviewer's answer to one candidate message. The caller holds the lock."""
    interview = await _current(pool, interview_id)
    if interview.status == "created":
        raise NotStartedError(str(interview_id))
    restored = await _live(pool, interview)
    heard = _Said(text, _elapsed(interview))
    clock = continued_elapsed(restored.interviewer.elapsed_s, restored.saved_at, time.time())
    client = None if client_for is None else await client_for(interview.owner_id)
    try:
        # With a model, it reads the answer too; the offline rules decide when it fails.
        reading = await _reading(client, restored.interviewer, text)
        restored, offline = await _step(restored, text, clock, reading)
        interviewer = restored.interviewer
        said = await _phrase_with(client, interviewer, offline)
    finally:
        if client is not None:
            await client.aclose()
    reply = _Said(said, _elapsed(interview))
    await _record(pool, interview, restored, heard, reply)
    logger.info("interview %s text exchange, question %d", interview.id, interviewer.question_index)
    return _exchange(interview, interviewer, reply.text)


async def _step(
    restored: Restored,
    text: str | None,
    elapsed_s: float | None,
    reading: ModelReading | None = None,
) -> tuple[Restored, str]:
    """One turn of the interviewer in a worker process (`thinking`), off the event loop;
    the checkpoint version it was restored from goes with it."""
    interviewer, said = await turn_in_pool(
        restored.interviewer, text, elapsed_s=elapsed_s, reading=reading
    )
    return replace(restored, interviewer=interviewer), said


async def _reading(
    client: LlmClient | None, interviewer: Interviewer, text: str
) -> ModelReading | None:
    """The model's reading of the answer (None offline, or when it fails or is late)."""
    question = interviewer.current_context()
    if client is None or question is None or not text.strip():
        return None
    return await read_with_model(client, question, text)


async def _current(pool: asyncpg.Pool, interview_id: UUID) -> Interview:
    # Read under the lock: the exchange before this one may have ended the interview.
    interview = await InterviewStore(pool).get_interview(interview_id)
    if interview is None:
        raise InterviewNotFoundError(str(interview_id))
    if is_finished(interview.status):
        raise InterviewFinishedError(str(interview_id))
    return interview


async def _live(pool: asyncpg.Pool, interview: Interview) -> Restored:
    restored = await restore(pool, interview)
    if restored.interviewer.finished:
        # Finished in its checkpoint but not in its row (a crash between the two, or a
        # call that ended without saying so): settle the row, take nothing more.
        await apply(InterviewStore(pool), interview.id, LifeEvent.COMPLETED)
        raise InterviewFinishedError(str(interview.id))
    return restored


async def _phrase(
    client_for: ClientFor | None, interview: Interview, interviewer: Interviewer, offline: str
) -> str:
    client = None if client_for is None else await client_for(interview.owner_id)
    try:
        return await _phrase_with(client, interviewer, offline)
    finally:
        if client is not None:
            await client.aclose()


async def _phrase_with(client: LlmClient | None, interviewer: Interviewer, offline: str) -> str:
    if client is None:
        return offline
    parts = phrase(interviewer.last_directive, interviewer.snapshot(), client, offline)
    text = "".join([part async for part in parts]).strip()
    return text or offline


async def _record(
    pool: asyncpg.Pool, interview: Interview, restored: Restored, heard: _Said | None, reply: _Said
) -> None:
    interviewer = restored.interviewer
    async with pool.acquire() as conn, conn.transaction():
        await CheckpointStore(conn).save(
            interview.id, state_json(interviewer), expected_version=restored.version
        )
        store = InterviewStore(conn)
        said: list[tuple[Speaker, _Said]] = [("candidate", heard)] if heard else []
        for speaker, turn in [*said, ("interviewer", reply)]:
            await store.add_turn(
                interview.id,
                speaker=speaker,
                text=turn.text,
                started_at=turn.at_s,
                ended_at=turn.at_s,
            )
        event = LifeEvent.COMPLETED if interviewer.finished else LifeEvent.STARTED
        await apply(store, interview.id, event)


def _elapsed(interview: Interview) -> float:
    if interview.started_at is None:
        return 0.0
    return max(0.0, (datetime.now(UTC) - interview.started_at).total_seconds())


def _exchange(interview: Interview, interviewer: Interviewer, reply: str) -> Exchange:
    return Exchange(
        interview=interview,
        reply=reply,
        finished=interviewer.finished,
        question_index=interviewer.question_index,
        question_count=interviewer.question_count,
    )
