"""One aiortc peer connection carrying one interview call, and its control data channel."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Coroutine

from aiortc import (
    MediaStreamTrack,
    RTCConfiguration,
    RTCDataChannel,
    RTCPeerConnection,
    RTCSessionDescription,
)

from agent.voice.call import InterviewCall
from agent.voice.events import CallEvent

from .tracks import PlayoutTrack, pump_inbound

log = logging.getLogger(__name__)

_MAX_CONTROL_MESSAGE = 4096


class ControlChannel:
    """Sends call events to the page; holds them until the data channel opens."""

    def __init__(self) -> None:
        self._channel: RTCDataChannel | None = None
        self._backlog: list[str] = []

    def attach(self, channel: RTCDataChannel) -> None:
        self._channel = channel
        if channel.readyState == "open":
            self._drain()
        else:
            channel.on("open", self._drain)

    def _drain(self) -> None:
        backlog, self._backlog = self._backlog, []
        for text in backlog:
            self._send(text)

    def emit(self, event: CallEvent) -> None:
        self._send(json.dumps(event.to_message()))

    def _send(self, text: str) -> None:
        channel = self._channel
        if channel is None or channel.readyState != "open":
            self._backlog.append(text)
            return
        try:
            channel.send(text)
        except Exception:  # a closing channel; the transcript is in the store anyway
            log.debug("control message dropped")


class CallPeer:
    """Answers an offer, starts the call, and closes the peer when the call ends."""

    def __init__(
        self,
        make_call: Callable[[Callable[[CallEvent], None]], InterviewCall],
        config: RTCConfiguration,
    ) -> None:
        self.control = ControlChannel()
        self.call = make_call(self.control.emit)
        self._pc = RTCPeerConnection(configuration=config)
        self._tasks: set[asyncio.Task[None]] = set()
        self._pc.on("datachannel", self._on_datachannel)
        self._pc.on("track", self._on_track)
        self._pc.on("connectionstatechange", self._on_connection_state)

    def _spawn(self, coro: Coroutine[None, None, None], name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def answer(self, offer_sdp: str) -> str:
        """Applies the offer and returns the answer SDP; raises ValueError on a bad offer."""
        await self._pc.setRemoteDescription(RTCSessionDescription(sdp=offer_sdp, type="offer"))
        if not any(t.kind == "audio" for t in self._pc.getTransceivers()):
            raise ValueError("the offer has no audio section")
        self._pc.addTrack(PlayoutTrack(self.call.playout))
        answer = await self._pc.createAnswer()
        await self._pc.setLocalDescription(answer)
        return self._pc.localDescription.sdp

    def _on_datachannel(self, channel: RTCDataChannel) -> None:
        if channel.label != "events":
            return
        self.control.attach(channel)
        channel.on("message", self._on_control_message)

    def _on_control_message(self, message: str | bytes) -> None:
        if not isinstance(message, str) or len(message) > _MAX_CONTROL_MESSAGE:
            return
        try:
            payload = json.loads(message)
        except ValueError:
            return
        if isinstance(payload, dict) and payload.get("type") == "end":
            self.call.end_soon("candidate_ended")

    def _on_track(self, track: MediaStreamTrack) -> None:
        if track.kind == "audio":
            self._spawn(pump_inbound(track, self.call.audio_input), "pump-inbound")

    async def _on_connection_state(self) -> None:
        state = self._pc.connectionState
        log.info("peer for interview %s is %s", self.call.setup.interview_id, state)
        if state in ("failed", "closed"):
            self.call.end_soon("disconnected")

    async def aclose(self) -> None:
        await self.call.aclose()
        await self._pc.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
