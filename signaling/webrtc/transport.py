"""The browser's call as a `Transport`: one aiortc peer connection and its "events" channel.

`accept(offer)` answers the page's SDP offer; the session owner then attaches the call with
`run(line)`, which pumps the candidate's audio in, lets the outbound track pull the
interviewer's voice on its 20 ms clock, and returns when the connection fails or closes. A
``{"type": "end"}`` message on the data channel ends the interview; the peer going away
only drops the line.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import ClassVar

from aiortc import (
    MediaStreamTrack,
    RTCConfiguration,
    RTCDataChannel,
    RTCPeerConnection,
    RTCSessionDescription,
    sdp,
)

from agent.voice.events import CallEvent
from agent.voice.transport import CallLine, Pcm16, Transport

from .control import ControlChannel
from .receive_buffer import tighten_audio_receive
from .tracks import PlayoutTrack, pump_inbound

log = logging.getLogger(__name__)

_MAX_CONTROL_MESSAGE = 4096
_FINGERPRINT_ALGORITHMS = ("sha-1", "sha-224", "sha-256", "sha-384", "sha-512")


class InvalidOffer(ValueError):
    """The offer could not be applied: malformed SDP, or no audio to talk over."""


def _check_offer(offer_sdp: str) -> None:
    """What aiortc takes without complaint but fails on later, in a task of its own: every
    section needs a DTLS fingerprint (aiortc asserts it only when connecting)."""
    description = sdp.SessionDescription.parse(offer_sdp)
    for media in description.media:
        if media.dtls is None or not media.dtls.fingerprints:
            raise ValueError(f"the {media.kind} section has no DTLS fingerprint")
        for fingerprint in media.dtls.fingerprints:
            if fingerprint.algorithm.lower() not in _FINGERPRINT_ALGORITHMS:
                raise ValueError("unsupported DTLS fingerprint algorithm")


def _connects(task: asyncio.Task[object], pc: RTCPeerConnection) -> bool:
    """Is ``task`` aiortc's connection attempt (`RTCPeerConnection.__connect`) for ``pc``?"""
    coro = task.get_coro()
    if getattr(coro, "__qualname__", "") != "RTCPeerConnection.__connect":
        return False
    frame = getattr(coro, "cr_frame", None)
    return frame is not None and frame.f_locals.get("self") is pc


def _connect_finished(task: asyncio.Task[object]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.info("webrtc connection attempt failed (%s)", type(task.exception()).__name__)


class WebRtcTransport(Transport):
    kind: ClassVar[str] = "webrtc"

    def __init__(self, config: RTCConfiguration) -> None:
        self._pc = RTCPeerConnection(configuration=config)
        self._control = ControlChannel()
        self._line: CallLine | None = None
        self._gone = asyncio.Event()
        self._closed = False
        self._pumps: set[asyncio.Task[object]] = set()
        """Our inbound audio pumps and aiortc's connection attempts: awaited on close."""
        self._pc.on("datachannel", self._on_datachannel)
        self._pc.on("track", self._on_track)
        self._pc.on("connectionstatechange", self._on_connection_state)

    async def accept(self, offer_sdp: str) -> str:
        """Applies the offer and returns the answer SDP. Raises `InvalidOffer` (the peer is
        then closed): aiortc fails on bad SDP with many exception types, and none of them
        may reach the client as a 500 or leave a half-built peer behind."""
        try:
            _check_offer(offer_sdp)
            await self._pc.setRemoteDescription(RTCSessionDescription(sdp=offer_sdp, type="offer"))
            self._adopt_connect_tasks()
            if not any(t.kind == "audio" for t in self._pc.getTransceivers()):
                raise ValueError("the offer has no audio section")
            tighten_audio_receive(self._pc)
            self._pc.addTrack(PlayoutTrack(self._pull))
            answer = await self._pc.createAnswer()
            await self._pc.setLocalDescription(answer)
            self._adopt_connect_tasks()
            return str(self._pc.localDescription.sdp)
        except Exception as exc:
            await self.aclose()
            raise InvalidOffer(str(exc) or type(exc).__name__) from exc

    def _adopt_connect_tasks(self) -> None:
        """aiortc starts its connection attempt as a task it keeps no handle on; a failed
        attempt (the peer closed meanwhile, DTLS refused) would surface as "Task exception
        was never retrieved". They are ours: tracked, their outcome read, awaited on close."""
        for task in asyncio.all_tasks():
            if task not in self._pumps and _connects(task, self._pc):
                self._pumps.add(task)
                task.add_done_callback(_connect_finished)
                task.add_done_callback(self._pumps.discard)

    # -- Transport ------------------------------------------------------------------------
    async def run(self, line: CallLine) -> None:
        self._line = line
        await self._gone.wait()

    def send(self, event: CallEvent) -> None:
        self._control.send(json.dumps(event.to_message()))

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._gone.set()
        try:
            await self._pc.close()
        except Exception:  # a half-built peer can fail to close; nothing is left to release
            log.debug("peer close failed", exc_info=True)
        for task in list(self._pumps):
            task.cancel()
        await asyncio.gather(*self._pumps, return_exceptions=True)

    # -- aiortc callbacks -----------------------------------------------------------------
    def _pull(self, n_samples: int) -> Pcm16 | None:
        line = self._line
        return None if line is None else line.pull_audio(n_samples)

    def _push(self, pcm: Pcm16, sample_rate: int) -> None:
        line = self._line
        if line is not None:  # audio before the call is attached is not part of it
            line.push_audio(pcm, sample_rate)

    def _on_track(self, track: MediaStreamTrack) -> None:
        if track.kind != "audio":
            return
        task = asyncio.create_task(pump_inbound(track, self._push), name="webrtc-inbound")
        self._pumps.add(task)
        task.add_done_callback(self._pumps.discard)

    def _on_datachannel(self, channel: RTCDataChannel) -> None:
        if channel.label != "events":
            return
        self._control.attach(channel)
        channel.on("message", self._on_control_message)

    def _on_control_message(self, message: str | bytes) -> None:
        if not isinstance(message, str) or len(message) > _MAX_CONTROL_MESSAGE:
            return
        try:
            payload = json.loads(message)
        except ValueError:
            return
        if isinstance(payload, dict) and payload.get("type") == "end" and self._line is not None:
            self._line.end_interview()

    async def _on_connection_state(self) -> None:
        state = self._pc.connectionState
        log.info("webrtc peer is %s", state)
        if state in ("failed", "closed"):
            self._gone.set()
