"""`InterviewSession`: one home for an interview's life in this process.

Everything that starts, resumes, pauses or ends an interview goes through its session:

- typed exchanges (`open_text`, `message`), one at a time under the session's lock;
- a voice call (`start_call`): the interviewer restored from its checkpoint, a call built
  for it, and any `Transport` attached to that call; at most one call per interview;
- the candidate ending the interview (`end`), whichever channel they are on;
- what an end means: the status moves through `lifecycle` (nothing else writes it) and a
  completed interview's report is started here.

Pausing is not a status: a dropped call or a restart leaves the interview ``active`` with no
channel attached, and the next call or typed message resumes it from its checkpoint.
Log lines carry interview ids only.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from uuid import UUID

from agent import metrics
from agent.store.checkpoints import CheckpointStore
from agent.store.interviews import InterviewNotFoundError, InterviewStore
from agent.store.models import Interview
from agent.voice.brain import CallBrain
from agent.voice.call import CallSetup, EndReason, InterviewCall
from agent.voice.events import CallEvent
from agent.voice.transport import Transport

from .deps import SessionDeps
from .lifecycle import LifeEvent, apply, is_finished
from .loader import restore
from .presence import Lease
from .text import Exchange, InterviewFinishedError, message_exchange, open_exchange

log = logging.getLogger(__name__)

# Lets the "ended" message cross the transport before it closes under it.
_CLOSE_GRACE_S = 0.3
# How long ending an interview waits for its call on another server or worker to close.
_REMOTE_END_WAIT_S = 10.0

_EVENT_AFTER: dict[EndReason, LifeEvent] = {
    "completed": LifeEvent.COMPLETED,
    "candidate_ended": LifeEvent.COMPLETED,
    "failed": LifeEvent.FAILED,
}
"""A call's end as the interview sees it; a dropped line or a shutdown changes nothing."""


class CallActiveError(RuntimeError):
    """A voice call is already running for this interview."""


class NoSpeechError(RuntimeError):
    """This process has no speech models: it takes no calls."""


class InterviewSession:
    """The interview's channels in this process; built and kept by `SessionHub`."""

    def __init__(self, interview_id: UUID, deps: SessionDeps) -> None:
        self.interview_id = interview_id
        self._deps = deps
        self.lock = asyncio.Lock()
        """Held by every exchange that moves the interviewer; a call holds it to start."""
        self._call: InterviewCall | None = None
        self._starting = False
        self._call_task: asyncio.Task[None] | None = None
        self._lease: Lease | None = None
        """The call's presence in the fleet (`presence.CallPresence`), held while it runs."""

    @property
    def store(self) -> InterviewStore:
        return InterviewStore(self._deps.pool)

    @property
    def calling(self) -> bool:
        """A call is running or starting."""
        return self._starting or self._call is not None

    @property
    def busy(self) -> bool:
        """Anything attached or in flight: the hub keeps such a session."""
        return self.calling or self.lock.locked()

    # -- text -----------------------------------------------------------------------------
    async def open_text(self) -> Exchange:
        """The opening on first use, else a "welcome back" with the current question."""
        await self._refuse_during_call()
        async with self.lock:
            await self._refuse_during_call()
            return await open_exchange(self._deps.pool, self.interview_id, self._deps.client_for)

    async def message(self, text: str) -> Exchange:
        """The interviewer's reply to one typed answer."""
        await self._refuse_during_call()
        async with self.lock:
            await self._refuse_during_call()
            exchange = await message_exchange(
                self._deps.pool, self.interview_id, text, self._deps.client_for
            )
        if exchange.finished:
            self._start_report(exchange.interview)
        return exchange

    async def _refuse_during_call(self) -> None:
        if self.calling or await self._deps.presence.active(self.interview_id):
            raise CallActiveError(str(self.interview_id))

    # -- voice ----------------------------------------------------------------------------
    async def start_call(self, interview: Interview, transport: Transport) -> asyncio.Task[None]:
        """Builds the call from the interview's checkpoint, attaches ``transport`` and runs
        it in the background; returns the task that ends when the call has. Raises
        `CallActiveError`, `InterviewFinishedError`, `NoSpeechError`; the caller still owns
        ``transport`` when this raises."""
        if self.calling:
            raise CallActiveError(str(self.interview_id))
        speech = self._deps.speech
        if speech is None:
            raise NoSpeechError(str(self.interview_id))
        self._starting = True
        try:
            lease = await self._deps.presence.claim(self.interview_id, on_lost=self._presence_lost)
            if lease is None:  # a call runs for it on another server or worker
                raise CallActiveError(str(self.interview_id))
            try:
                async with self.lock:
                    call = await self._new_call(interview, transport)
                    self._call = call
            except BaseException:
                await lease.release()
                raise
            self._lease = lease
        finally:
            self._starting = False
        task = asyncio.create_task(
            self._run_call(call, transport), name=f"call-{self.interview_id}"
        )
        self._call_task = task
        return task

    async def _new_call(self, interview: Interview, transport: Transport) -> InterviewCall:
        current = await self.store.get_interview(interview.id)
        if current is None:
            raise InterviewNotFoundError(str(interview.id))
        if is_finished(current.status):
            raise InterviewFinishedError(str(interview.id))
        brain = await self._brain(current)
        options = self._deps.calls
        setup = CallSetup(
            interview_id=current.id,
            role=current.role,
            level=current.level,
            interview_type=current.interview_type,
            max_questions=options.max_questions,
            started_at=current.started_at.timestamp() if current.started_at else None,
            silence_prompt_s=options.silence_prompt_s or None,
        )
        assert self._deps.speech is not None
        call = InterviewCall(
            setup,
            self._deps.speech,
            self.store,
            self._send_via(transport),
            brain,
            output_rate=transport.output_rate,
            echo_guard_s=transport.echo_guard_s,
            on_end=lambda reason: self._after_call(current, reason),
        )
        await apply(self.store, current.id, LifeEvent.STARTED)
        return call

    def _send_via(self, transport: Transport) -> Callable[[CallEvent], None]:
        """The call's events go to its transport and to anyone watching the interview
        (`live`: a tab open on it while the candidate is on the phone)."""
        live, interview_id = self._deps.live, self.interview_id

        def send(event: CallEvent) -> None:
            transport.send(event)
            live.publish(interview_id, event.to_message())

        return send

    async def _brain(self, interview: Interview) -> CallBrain:
        """The interviewer as the checkpoint left it, and the model that phrases it."""
        restored = await restore(self._deps.pool, interview)
        client = None
        if self._deps.client_for is not None:
            client = await self._deps.client_for(interview.owner_id)
        return CallBrain(
            restored.interviewer,
            CheckpointStore(self._deps.pool),
            restored.version,
            client,
            saved_at=restored.saved_at,
        )

    async def _run_call(self, call: InterviewCall, transport: Transport) -> None:
        line: asyncio.Task[None] | None = None
        try:
            await call.start()
            line = asyncio.create_task(transport.run(call), name=f"line-{self.interview_id}")
            ended = asyncio.create_task(call.ended.wait(), name=f"ended-{self.interview_id}")
            await asyncio.wait({line, ended}, return_when=asyncio.FIRST_COMPLETED)
            ended.cancel()
            if line.done():
                call.end_soon("disconnected")
            await call.ended.wait()
            await asyncio.sleep(_CLOSE_GRACE_S)
        except asyncio.CancelledError:
            await call.aclose("shutdown")
            raise
        except Exception:
            metrics.error("call_failed")
            log.exception("call for interview %s failed", self.interview_id)
            await call.aclose("failed")
        finally:
            self._call = None
            await transport.aclose()
            if self._lease is not None:
                await self._lease.release()
                self._lease = None
            if line is not None:
                line.cancel()
                await asyncio.gather(line, return_exceptions=True)

    def _presence_lost(self) -> None:
        """Our presence was evicted (the interview is being deleted) or expired during a
        stall and may be someone else's now: this call stops, the interview stays active."""
        if self._call is not None:
            self._call.end_soon("shutdown")

    async def _after_call(self, interview: Interview, reason: EndReason) -> None:
        event = _EVENT_AFTER.get(reason)
        if event is None:
            return
        row = await apply(self.store, interview.id, event)
        if row is not None and row.status == "completed":
            self._start_report(row)

    # -- ending ---------------------------------------------------------------------------
    async def end(self) -> Interview | None:
        """The candidate ends the interview: the live call closes it, or it completes now.
        Returns the interview as it stands (None when it is gone)."""
        call = self._call
        if call is not None:
            await call.end_soon("candidate_ended")
            return await self.store.get_interview(self.interview_id)
        await self._wait_for_call_elsewhere()
        async with self.lock:
            row = await apply(self.store, self.interview_id, LifeEvent.COMPLETED)
        if row is not None and row.status == "completed":
            self._start_report(row)
        return row

    async def _wait_for_call_elsewhere(self) -> None:
        """A call on another server or worker hears the candidate's end itself and records
        its last turns and checkpoint; completing first would let the report miss them. Waits
        for it to finish, and hangs it up (eviction) if it does not."""
        presence = self._deps.presence
        loop = asyncio.get_running_loop()
        for evict in (True, False):
            deadline = loop.time() + _REMOTE_END_WAIT_S
            while await presence.active(self.interview_id):
                if loop.time() > deadline:
                    break
                await asyncio.sleep(0.2)
            else:
                return
            if evict:
                await presence.evict(self.interview_id)

    def _start_report(self, interview: Interview) -> None:
        if self._deps.reports is not None:
            self._deps.reports.start(interview)

    async def hang_up(self, reason: EndReason = "shutdown") -> None:
        """Ends the live call, if any, without ending the interview (deletion, shutdown), and
        waits until it has closed."""
        call, task = self._call, self._call_task
        if call is not None:
            await call.end_soon(reason)
        if task is not None:
            await asyncio.gather(task, return_exceptions=True)
