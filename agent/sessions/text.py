"""Text mode: the interview typed instead of spoken, one exchange at a time.

Each exchange runs under its interview's lock, so two messages sent at once are answered one
after the other and each gets exactly one reply. An exchange restores the interviewer from
its checkpoint, runs it in a worker thread, has a language model phrase the reply when one
is configured, then records the turns, the new checkpoint and the status in one
transaction. The checkpoint's version catches another process answering the same interview
meanwhile (`StaleCheckpointError`): that exchange records nothing.

Turn times are seconds since the interview started (its ``started_at``), as in a call. The
time budget of a timed interview runs on interview time instead (`interviewer.clock`), so
time away between two messages does not use it up.
Log lines carry interview ids only, never what was typed or said.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

import asyncpg

from agent.interviewer import Interviewer
from agent.interviewer.clock import continued_elapsed
from agent.interviewer.generative import phrase
from agent.llm import LlmClient
from agent.store.checkpoints import CheckpointStore
from agent.store.interviews import InterviewNotFoundError, InterviewStore
from agent.store.models import Interview, Speaker

from .loader import Restored, restore, state_json
from .locks import InterviewLocks

logger = logging.getLogger(__name__)

ClientFor = Callable[[UUID], Awaitable[LlmClient | None]]
"""The language model for an interview's owner (`provider.llm_client_for`), or None."""


class NotStartedError(RuntimeError):
    """A message came before the interview was opened."""


class InterviewFinishedError(RuntimeError):
    """The interview is over (completed or failed); it takes no more messages."""


@dataclass(frozen=True, slots=True)
class Exchange:
    reply: str
    finished: bool
    question_index: int
    question_count: int


@dataclass(frozen=True, slots=True)
class _Said:
    text: str
    at_s: float


class TextConversations:
    """Text-mode exchanges for the interviews of this process, one lock per interview."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        *,
        client_for: ClientFor | None = None,
        on_finished: Callable[[Interview], object] | None = None,
    ) -> None:
        self._pool = pool
        self._client_for = client_for
        self._on_finished = on_finished
        """Called when an exchange ends the interview (the server starts its report)."""
        self.lock = InterviewLocks()
        """The interview's lock; anything else that moves its interviewer should hold it."""

    async def open(self, interview_id: UUID) -> Exchange:
        """The opening on first use, else a "welcome back" with the current question."""
        async with self.lock(interview_id):
            interview = await self._current(interview_id)
            restored = await self._live(interview)
            interviewer = restored.interviewer
            # The opening before the first reply, else a welcome back and the current question.
            clock = continued_elapsed(interviewer.elapsed_s, restored.saved_at, time.time())
            offline = await asyncio.to_thread(interviewer.resume, elapsed_s=clock)
            reply = _Said(await self._phrase(interview, interviewer, offline), _elapsed(interview))
            await self._record(interview, restored, None, reply)
            logger.info("interview %s opened in text mode", interview.id)
            return _exchange(interviewer, reply.text)

    async def message(self, interview_id: UUID, text: str) -> Exchange:
        """The interviewer's answer to one candidate message."""
        async with self.lock(interview_id):
            interview = await self._current(interview_id)
            if interview.status == "created":
                raise NotStartedError(str(interview_id))
            restored = await self._live(interview)
            interviewer = restored.interviewer
            heard = _Said(text, _elapsed(interview))
            clock = continued_elapsed(interviewer.elapsed_s, restored.saved_at, time.time())
            offline = await asyncio.to_thread(interviewer.reply, text, elapsed_s=clock)
            reply = _Said(await self._phrase(interview, interviewer, offline), _elapsed(interview))
            await self._record(interview, restored, heard, reply)
            if interviewer.finished and self._on_finished is not None:
                self._on_finished(interview)
            logger.info(
                "interview %s text exchange, question %d", interview.id, interviewer.question_index
            )
            return _exchange(interviewer, reply.text)

    async def _current(self, interview_id: UUID) -> Interview:
        # Read under the lock: the exchange before this one may have ended the interview.
        interview = await InterviewStore(self._pool).get_interview(interview_id)
        if interview is None:
            raise InterviewNotFoundError(str(interview_id))
        if interview.status in ("completed", "failed"):
            raise InterviewFinishedError(str(interview_id))
        return interview

    async def _live(self, interview: Interview) -> Restored:
        restored = await restore(self._pool, interview)
        if restored.interviewer.finished:
            # Finished in its checkpoint but not in its row (a crash between the two, or a
            # call that ended without saying so): settle the row, take nothing more.
            await InterviewStore(self._pool).set_status(interview.id, "completed")
            raise InterviewFinishedError(str(interview.id))
        return restored

    async def _phrase(self, interview: Interview, interviewer: Interviewer, offline: str) -> str:
        client = None if self._client_for is None else await self._client_for(interview.owner_id)
        if client is None:
            return offline
        try:
            parts = phrase(interviewer.last_directive, interviewer.snapshot(), client, offline)
            text = "".join([part async for part in parts]).strip()
        finally:
            await client.aclose()
        return text or offline

    async def _record(
        self, interview: Interview, restored: Restored, heard: _Said | None, reply: _Said
    ) -> None:
        interviewer = restored.interviewer
        async with self._pool.acquire() as conn, conn.transaction():
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
            await store.set_status(interview.id, "completed" if interviewer.finished else "active")


def _elapsed(interview: Interview) -> float:
    if interview.started_at is None:
        return 0.0
    return max(0.0, (datetime.now(UTC) - interview.started_at).total_seconds())


def _exchange(interviewer: Interviewer, reply: str) -> Exchange:
    return Exchange(
        reply=reply,
        finished=interviewer.finished,
        question_index=interviewer.question_index,
        question_count=interviewer.question_count,
    )
