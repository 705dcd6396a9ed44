"""The web tier in LiveKit mode: call tokens for interview rooms, and keeping an interviewer
in a room whose candidate is still there.

- `call_token`: a LiveKit access token for the interview's room, short-lived (the call-token
  TTL), for the interview's owner only (identity ``candidate-<user id>``), allowed to publish
  a microphone and data and nothing else, and carrying the agent dispatch (its metadata names
  the interview): LiveKit dispatches a worker when the candidate's join creates the room. A
  room that already exists gets an explicit dispatch instead (a token's dispatch only acts
  when the room is created); a second interviewer is refused by the call's presence.
- `on_participant_left` (LiveKit's webhook): an interviewer left a room whose candidate is
  still in it and whose interview goes on (its worker died or is draining). Its presence is
  freed and another worker is dispatched; the interview resumes from its checkpoint.
- `recover` (`recovery`): a call's presence expired and was not taken back within a grace
  period (its worker died, not just stalled): the stale interviewer is removed from the room
  and another worker is dispatched, before LiveKit itself notices.
- After every dispatch the room is watched until an interviewer joins (`waiting`): a job that
  no worker took (all full) is dispatched again instead of leaving the candidate alone.
Both take the interview's recovery lease first, so one web server acts, once per 30 s.
Log lines carry interview ids only.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
import time
from collections import defaultdict, deque
from uuid import UUID, uuid4

from livekit import api
from pydantic import BaseModel

from agent.sessions.lifecycle import is_finished
from agent.sessions.presence import CallPresence, LeaseStore, process_owner
from agent.settings import Settings
from agent.store.interviews import InterviewStore
from agent.worker.rooms import (
    AGENT_IDENTITY_PREFIX,
    candidate_identity,
    dispatch_metadata,
    interview_of_room,
    room_name,
)

from .waiting import DispatchWatch

log = logging.getLogger(__name__)

EMPTY_TIMEOUT_S = 60
"""A room nobody joined closes after this long."""
DEPARTURE_TIMEOUT_S = 20
"""A room everyone left stays this long (a candidate reloading the page comes back to it)."""
MAX_REDISPATCHES = 3
RECOVERY_LEASE_S = 30.0
STALL_GRACE_S = 3.0
"""How long an expired call presence is given to be taken back by its (stalled) holder."""
REDISPATCH_WINDOW_S = 300.0
"""At most this many replacement interviewers per interview in this window: a call that
breaks every interviewer must not dispatch new ones forever."""


class LiveKitCallToken(BaseModel):
    """The call-token answer in LiveKit mode: the page joins ``livekit_url`` with ``token``."""

    token: str
    expires_in: int
    livekit_url: str
    room: str


class LiveKitCalls:
    def __init__(
        self,
        settings: Settings,
        leases: LeaseStore | None = None,
        *,
        stall_grace_s: float = STALL_GRACE_S,
    ) -> None:
        assert settings.livekit_url and settings.livekit_api_key and settings.livekit_api_secret
        self._url = settings.livekit_url
        self.public_url = settings.livekit_public_url or settings.livekit_url
        self._key = settings.livekit_api_key
        self._secret = settings.livekit_api_secret.get_secret_value()
        self._agent_name = settings.livekit_agent_name
        self._ttl_s = settings.call_token_ttl_s
        self._api: api.LiveKitAPI | None = None
        self._redispatched: defaultdict[UUID, deque[float]] = defaultdict(deque)
        self._owner = process_owner("web")
        self._stall_grace_s = stall_grace_s
        self.waiting = DispatchWatch(lambda: self.lkapi, self._dispatch, leases, self._owner)

    @property
    def lkapi(self) -> api.LiveKitAPI:
        if self._api is None:  # made in the running loop (it opens an aiohttp session)
            self._api = api.LiveKitAPI(self._url, self._key, self._secret)
        return self._api

    def verifier(self) -> api.TokenVerifier:
        return api.TokenVerifier(self._key, self._secret)

    # -- tokens ---------------------------------------------------------------------------
    async def call_token(self, user_id: UUID, interview_id: UUID) -> LiveKitCallToken:
        room = room_name(interview_id)
        dispatch = api.RoomAgentDispatch(
            agent_name=self._agent_name, metadata=dispatch_metadata(interview_id)
        )
        token = (
            api.AccessToken(self._key, self._secret)
            .with_identity(candidate_identity(user_id))
            .with_name("Candidate")
            .with_ttl(datetime.timedelta(seconds=self._ttl_s))
            .with_grants(
                api.VideoGrants(
                    room_join=True,
                    room=room,
                    can_publish=True,
                    can_subscribe=True,
                    can_publish_data=True,
                    can_publish_sources=["microphone"],
                )
            )
            .with_room_config(
                api.RoomConfiguration(
                    agents=[dispatch],
                    empty_timeout=EMPTY_TIMEOUT_S,
                    departure_timeout=DEPARTURE_TIMEOUT_S,
                    max_participants=4,
                )
            )
            .to_jwt()
        )
        if await self._room_exists(room):
            await self._dispatch(interview_id)
        self.waiting.watch(interview_id, candidate_identity(user_id))
        return LiveKitCallToken(
            token=token, expires_in=self._ttl_s, livekit_url=self.public_url, room=room
        )

    async def _room_exists(self, room: str) -> bool:
        found = await self.lkapi.room.list_rooms(api.ListRoomsRequest(names=[room]))
        return any(r.name == room for r in found.rooms)

    async def _dispatch(self, interview_id: UUID) -> None:
        await self.lkapi.agent_dispatch.create_dispatch(
            api.CreateAgentDispatchRequest(
                agent_name=self._agent_name,
                room=room_name(interview_id),
                metadata=dispatch_metadata(interview_id),
            )
        )

    # -- webhooks -------------------------------------------------------------------------
    async def on_participant_left(
        self, room: str, identity: str, store: InterviewStore, presence: CallPresence
    ) -> bool:
        """Dispatches a new interviewer when ``identity`` was the room's interviewer and the
        candidate is still there; True when it did."""
        interview_id = interview_of_room(room)
        if interview_id is None or not identity.startswith(AGENT_IDENTITY_PREFIX):
            return False
        holder = await presence.holder(interview_id)
        if holder is not None and holder != identity:
            return False  # another interviewer holds the call
        return await self._replace(interview_id, store, presence, stale=identity)

    async def recover(
        self, interview_id: UUID, store: InterviewStore, presence: CallPresence
    ) -> bool:
        """The call's presence expired: replaces its interviewer if the candidate waits.

        An expiry is a suspicion, not a verdict: a job whose process only stalled (a starved
        CPU) takes its presence back at its next heartbeat, so it gets `STALL_GRACE_S` to do
        so before it is replaced."""
        await asyncio.sleep(self._stall_grace_s)
        if await presence.holder(interview_id) is not None:
            return False  # claimed again meanwhile
        return await self._replace(interview_id, store, presence, stale=None)

    async def _replace(
        self,
        interview_id: UUID,
        store: InterviewStore,
        presence: CallPresence,
        *,
        stale: str | None,
    ) -> bool:
        interview = await store.get_interview(interview_id)
        if interview is None or is_finished(interview.status):
            return False
        room = room_name(interview_id)
        listed = await self.lkapi.room.list_participants(api.ListParticipantsRequest(room=room))
        present = {p.identity for p in listed.participants}
        if candidate_identity(interview.owner_id) not in present:
            return False  # the candidate hung up: the call is over, not broken
        agents = {p for p in present if p.startswith(AGENT_IDENTITY_PREFIX)} - {stale}
        if stale is not None and agents:
            return False  # another interviewer is already there
        recovery = f"mockline:recover:{interview_id}"
        attempt = f"{self._owner}:{uuid4()}"  # unique: this server's other path is deduped too
        if not await presence.store.acquire(recovery, attempt, RECOVERY_LEASE_S):
            return False  # another web server (or the other path) is on it
        if not self._may_redispatch(interview_id):
            log.warning(
                "interview %s: interviewers keep leaving; not dispatching more", interview_id
            )
            return False
        if stale is not None:
            await presence.evict(interview_id, stale)
        for identity in agents:  # interviewers of a dead worker, not yet dropped by LiveKit
            await presence.evict(interview_id, identity)  # it must not take the call back
            await self.lkapi.room.remove_participant(
                api.RoomParticipantIdentity(room=room, identity=identity)
            )
        await self._dispatch(interview_id)
        self.waiting.watch(interview_id, candidate_identity(interview.owner_id))
        log.info("interview %s: its interviewer is gone mid-call; dispatched another", interview_id)
        return True

    def _may_redispatch(self, interview_id: UUID) -> bool:
        now = time.monotonic()
        recent = self._redispatched[interview_id]
        while recent and now - recent[0] > REDISPATCH_WINDOW_S:
            recent.popleft()
        if len(recent) >= MAX_REDISPATCHES:
            return False
        recent.append(now)
        return True

    async def aclose(self) -> None:
        await self.waiting.aclose()
        if self._api is not None:
            await self._api.aclose()  # type: ignore[no-untyped-call, unused-ignore]
            self._api = None
