"""Every live peer, one per interview; closed when its call ends and on shutdown."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from uuid import UUID

from aiortc import RTCConfiguration

from agent.voice.call import InterviewCall
from agent.voice.events import CallEvent

from .peer import CallPeer

log = logging.getLogger(__name__)

# Lets the "ended" message cross the data channel before the peer closes under it.
_CLOSE_GRACE_S = 0.3


class CallAlreadyActive(Exception):
    pass


class InvalidOffer(ValueError):
    """The offer could not be applied: malformed SDP, or no audio to talk over."""


class PeerRegistry:
    def __init__(self, config: RTCConfiguration) -> None:
        self._config = config
        self._peers: dict[UUID, CallPeer] = {}
        self._reserved: set[UUID] = set()
        self._watchers: set[asyncio.Task[None]] = set()

    def is_active(self, interview_id: UUID) -> bool:
        return interview_id in self._peers or interview_id in self._reserved

    def get(self, interview_id: UUID) -> CallPeer | None:
        return self._peers.get(interview_id)

    async def open(
        self,
        interview_id: UUID,
        offer_sdp: str,
        make_call: Callable[[Callable[[CallEvent], None]], InterviewCall],
    ) -> str:
        """Answers the offer and starts the call. Raises CallAlreadyActive or InvalidOffer."""
        if self.is_active(interview_id):
            raise CallAlreadyActive(str(interview_id))
        self._reserved.add(interview_id)
        try:
            peer = CallPeer(make_call, self._config)
            try:
                answer = await peer.answer(offer_sdp)
            except Exception as exc:
                # aiortc's parser fails on bad SDP with many exception types; none of them
                # may reach the client as a 500 or leave a half-open peer behind.
                await peer.aclose()
                raise InvalidOffer(str(exc) or type(exc).__name__) from exc
            self._peers[interview_id] = peer
        finally:
            self._reserved.discard(interview_id)
        watcher = asyncio.create_task(
            self._run_call(interview_id, peer), name=f"call-{interview_id}"
        )
        self._watchers.add(watcher)
        watcher.add_done_callback(self._watchers.discard)
        return answer

    async def _run_call(self, interview_id: UUID, peer: CallPeer) -> None:
        try:
            await peer.call.start()
            await peer.call.ended.wait()
            await asyncio.sleep(_CLOSE_GRACE_S)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("call for interview %s failed", interview_id)
            await peer.call.aclose("failed")
        finally:
            self._peers.pop(interview_id, None)
            await peer.aclose()

    async def end(self, interview_id: UUID) -> bool:
        """Ends a live call as the candidate asked; False when none is live."""
        peer = self._peers.get(interview_id)
        if peer is None:
            return False
        await peer.call.end_soon("candidate_ended")
        return True

    async def aclose(self) -> None:
        for peer in list(self._peers.values()):
            peer.call.end_soon("shutdown")
        await asyncio.gather(*self._watchers, return_exceptions=True)
