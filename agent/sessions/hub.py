"""`SessionHub`: the interview sessions of this process, one per interview in use.

A session lives while something holds it (a request in flight, a running call); idle ones
cost nothing and are made again on the next use. `aclose` hangs up every call at shutdown
and leaves the interviews active, to be resumed.
"""

from __future__ import annotations

import asyncio
from uuid import UUID
from weakref import WeakValueDictionary

from agent import metrics
from agent.store.models import Interview
from agent.voice.transport import Transport

from .deps import SessionDeps
from .session import InterviewSession


class LinesBusyError(RuntimeError):
    """This process carries as many calls as it can; the caller should try again later."""


class SessionHub:
    def __init__(self, deps: SessionDeps) -> None:
        self.deps = deps
        self._sessions: WeakValueDictionary[UUID, InterviewSession] = WeakValueDictionary()
        self._calling: dict[UUID, InterviewSession] = {}
        """Strong references to sessions with a call, so the call outlives the request."""
        self._starting = 0
        """Calls being set up (counted against the limit before they run)."""

    def __call__(self, interview_id: UUID) -> InterviewSession:
        session = self._sessions.get(interview_id)
        if session is None:
            session = self._sessions[interview_id] = InterviewSession(interview_id, self.deps)
        return session

    def calling(self, interview_id: UUID) -> bool:
        session = self._sessions.get(interview_id)
        return session is not None and session.calling

    async def start_call(self, interview: Interview, transport: Transport) -> InterviewSession:
        """Starts a call on ``transport`` (`InterviewSession.start_call`, same errors, and
        `LinesBusyError` at capacity) and keeps its session until the call has ended."""
        limit = self.deps.calls.max_calls
        if limit is not None and self.active_calls + self._starting >= limit:
            raise LinesBusyError(str(interview.id))
        session = self(interview.id)
        self._starting += 1
        try:
            task = await session.start_call(interview, transport)
        finally:
            self._starting -= 1
        self._calling[interview.id] = session
        active = metrics.ACTIVE_CALLS.labels(transport=transport.kind)
        metrics.CALLS_STARTED.labels(transport=transport.kind).inc()
        active.inc()

        def ended(_task: asyncio.Task[None]) -> None:
            self._calling.pop(interview.id, None)
            active.dec()

        task.add_done_callback(ended)
        return session

    @property
    def active_calls(self) -> int:
        return sum(1 for session in self._calling.values() if session.calling)

    async def hang_up(self, interview_id: UUID) -> None:
        """Ends a live call without ending the interview (the interview is being deleted);
        a call on another server or worker is evicted from the fleet's presence and hangs up
        at its next heartbeat."""
        session = self._sessions.get(interview_id)
        if session is not None:
            await session.hang_up("shutdown")
        await self.deps.presence.evict(interview_id)

    async def call_active(self, interview_id: UUID) -> bool:
        """A call runs for the interview here or anywhere in the fleet."""
        return self.calling(interview_id) or await self.deps.presence.active(interview_id)

    async def aclose(self) -> None:
        await asyncio.gather(
            *(session.hang_up("shutdown") for session in list(self._calling.values())),
            return_exceptions=True,
        )
