"""An interviewer for every waiting candidate: dispatching again until one joins.

LiveKit sends a dispatch's job to a worker once. When no worker takes it at that moment (all
are full, or one has just finished a call and not yet said so: workers report their load
every 2.5 s), LiveKit drops the job ("no servers available") and the candidate would sit in an
empty room for ever. So after every dispatch the web tier watches the room (`DispatchWatch`):
while the candidate is in it, no interviewer has joined and none of the room's dispatches
has a pending or running job, it dispatches again, backing off from `SETTLE_S` to
`MAX_BACKOFF_S`, for at most `WAIT_LIMIT_S`, and marks the room busy (its metadata) so that
the page tells the candidate to wait rather than that the call failed. A second interviewer that a race might still
bring is refused by the call's presence (one holder per interview). One web server watches
an interview (a Redis lease); the others leave it to that one. Log lines carry interview ids
only.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Collection
from enum import Enum
from uuid import UUID

from livekit import api
from livekit.protocol import agent as lk_agent

from agent.sessions.presence import Lease, LeaseStore
from agent.worker.rooms import AGENT_IDENTITY_PREFIX, room_name

log = logging.getLogger(__name__)

SETTLE_S = 3.0
"""A fresh dispatch gets this long to show a job before it counts as dropped."""
MAX_BACKOFF_S = 10.0
CHECK_S = 1.0
CANDIDATE_JOIN_S = 60.0
"""A candidate who has not joined the room this long after the token never will (the room
itself closes empty after `calls.EMPTY_TIMEOUT_S`)."""
WAIT_LIMIT_S = 600.0
"""How long a candidate is kept waiting for a free interviewer at most."""
_LEASE_S = 15.0
_LIVE_JOBS = frozenset({lk_agent.JobStatus.JS_PENDING, lk_agent.JobStatus.JS_RUNNING})


class Step(Enum):
    JOINED = "joined"
    WAIT = "wait"
    DISPATCH = "dispatch"
    GIVE_UP = "give_up"


def next_step(
    present: Collection[str],
    candidate: str,
    jobs: Collection[int] | None,
    *,
    waited_s: float,
    since_dispatch_s: float,
    since_candidate_s: float,
    backoff_s: float,
) -> Step:
    """What to do about a room: ``present`` are its participants' identities, ``jobs`` the
    statuses of its dispatches' jobs (None: unknown), ``since_candidate_s`` how long the
    candidate has been seen in it (0 when not)."""
    if any(identity.startswith(AGENT_IDENTITY_PREFIX) for identity in present):
        return Step.JOINED
    if waited_s >= WAIT_LIMIT_S:
        return Step.GIVE_UP
    if candidate not in present:
        return Step.WAIT if waited_s < CANDIDATE_JOIN_S else Step.GIVE_UP
    if jobs is None or any(status in _LIVE_JOBS for status in jobs):
        return Step.WAIT  # a worker is taking it, or LiveKit could not say
    if min(since_dispatch_s, since_candidate_s) < backoff_s:
        return Step.WAIT
    return Step.DISPATCH


def _backoff(dispatches: int) -> float:
    return min(MAX_BACKOFF_S, SETTLE_S * 1.5 ** max(0, dispatches - 1))


class DispatchWatch:
    """The web server's room watches, one task per waiting interview, closed with it."""

    def __init__(
        self,
        lkapi: Callable[[], api.LiveKitAPI],
        dispatch: Callable[[UUID], Awaitable[None]],
        leases: LeaseStore | None,
        owner: str,
        *,
        check_s: float = CHECK_S,
    ) -> None:
        self._lkapi = lkapi
        self._dispatch = dispatch
        self._leases = leases
        self._owner = owner
        self._check_s = check_s
        self._tasks: dict[UUID, asyncio.Task[None]] = {}

    def watch(self, interview_id: UUID, candidate: str) -> None:
        """Watches the interview's room from now (a dispatch was just made) unless this
        server already does."""
        if interview_id in self._tasks:
            return
        task = asyncio.create_task(
            self._guarded(interview_id, candidate), name=f"dispatch-watch-{interview_id}"
        )
        self._tasks[interview_id] = task
        task.add_done_callback(lambda _: self._tasks.pop(interview_id, None))

    async def _guarded(self, interview_id: UUID, candidate: str) -> None:
        lease: Lease | None = None
        try:
            if self._leases is not None:
                key = f"mockline:await:{interview_id}"
                if not await self._leases.acquire(key, self._owner, _LEASE_S):
                    return  # another web server watches it
                lease = Lease(self._leases, key, self._owner, _LEASE_S)
            await self._watch(interview_id, candidate)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # LiveKit or Redis unreachable: the page's own timeout speaks
            log.warning("interview %s: room watch stopped (%s)", interview_id, type(exc).__name__)
        finally:
            if lease is not None:
                await lease.release()

    async def _watch(self, interview_id: UUID, candidate: str) -> None:
        room = room_name(interview_id)
        started = last_dispatch = time.monotonic()
        candidate_since: float | None = None
        dispatches = 0
        while True:
            await asyncio.sleep(self._check_s)
            present, jobs = await self._look(room, candidate)
            now = time.monotonic()
            candidate_since = (candidate_since or now) if candidate in present else None
            step = next_step(
                present,
                candidate,
                jobs,
                waited_s=now - started,
                since_dispatch_s=now - last_dispatch,
                since_candidate_s=0.0 if candidate_since is None else now - candidate_since,
                backoff_s=_backoff(dispatches),
            )
            if step is Step.JOINED:
                if dispatches:
                    await self._mark(room, "joined")
                    log.info(
                        "interview %s: an interviewer joined after %d more dispatches",
                        interview_id,
                        dispatches,
                    )
                return
            if step is Step.GIVE_UP:
                log.warning("interview %s: no interviewer joined; stopped waiting", interview_id)
                return
            if step is Step.DISPATCH:
                if not dispatches:
                    await self._mark(room, "busy")  # the page says so instead of failing
                await self._clear_dropped(room)
                await self._dispatch(interview_id)
                dispatches += 1
                last_dispatch = time.monotonic()
                log.info(
                    "interview %s: no worker took the call yet; dispatched again", interview_id
                )

    async def _look(self, room: str, candidate: str) -> tuple[set[str], list[int] | None]:
        """Who is in the room (nobody when it does not exist yet), and its jobs' statuses
        when they matter: None when they could not be read (the room just closed)."""
        lkapi = self._lkapi()
        listed = await lkapi.room.list_participants(api.ListParticipantsRequest(room=room))
        present = {p.identity for p in listed.participants}
        if candidate not in present:
            return present, []
        try:
            dispatches = await lkapi.agent_dispatch.list_dispatch(room)
        except api.TwirpError:
            return present, None
        return present, [int(job.state.status) for d in dispatches for job in d.state.jobs]

    async def _mark(self, room: str, interviewer: str) -> None:
        """Room metadata the page reads: ``{"interviewer": "busy"}`` while none is free."""
        await self._lkapi().room.update_room_metadata(
            api.UpdateRoomMetadataRequest(
                room=room, metadata=json.dumps({"interviewer": interviewer})
            )
        )

    async def _clear_dropped(self, room: str) -> None:
        """Deletes the room's dispatches that hold no live job, so they do not pile up."""
        lkapi = self._lkapi()
        for dispatch in await lkapi.agent_dispatch.list_dispatch(room):
            if not any(job.state.status in _LIVE_JOBS for job in dispatch.state.jobs):
                await lkapi.agent_dispatch.delete_dispatch(dispatch.id, room)

    async def aclose(self) -> None:
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
