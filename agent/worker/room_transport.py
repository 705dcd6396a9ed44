"""A LiveKit room as a `Transport`: the candidate's microphone track in, the interviewer's
track out, call events as reliable data messages.

The session pipeline is the same one every transport feeds (no livekit-agents RoomIO):

- in: the candidate's audio track (by identity: the interview's owner, nobody else) is read
  with `rtc.AudioStream` at 48 kHz mono in 20 ms frames and pushed into the line;
- out: an `rtc.AudioSource` track fed by pulling the line every 20 ms at 48 kHz on this
  transport's own clock (silence when the interviewer is quiet), with a short queue so what
  was pulled is what the candidate hears next;
- events: the JSON of the WebRTC data channel (docs/CONTRACTS.md) on topic
  ``mockline.events``, to the candidate only; ``{"type": "end"}`` from the candidate ends
  the interview.

`run` returns when the candidate leaves the room (or the room drops us). The room itself
belongs to the job (`agent.worker.job`), which connected it and disconnects it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable, Coroutine
from typing import Any, ClassVar

import numpy as np
from livekit import rtc
from livekit.rtc.room import EventTypes

from agent.voice.events import CallEnded, CallEvent
from agent.voice.transport import CallLine, Transport

from .paced_audio import feed_paced
from .rooms import EVENTS_TOPIC

log = logging.getLogger(__name__)

_RATE = 48_000
_SOURCE_QUEUE_MS = 100
"""Audio handed to LiveKit but not yet sent: what an interruption cannot take back."""
_MAX_OUTBOX = 256
_MAX_CONTROL_MESSAGE = 4096
_FLUSH_TIMEOUT_S = 1.0


class LiveKitRoomTransport(Transport):
    kind: ClassVar[str] = "livekit"
    output_rate = _RATE

    def __init__(self, room: rtc.Room, candidate: str) -> None:
        self._room = room
        self._candidate = candidate
        self._line: CallLine | None = None
        self._gone = asyncio.Event()
        self._closed = False
        self.closed = asyncio.Event()
        """Set once `aclose` has run: the session is done with this call."""
        self.ended_reason: str | None = None
        """The reason of the call's ``ended`` event, once sent."""
        self._source = rtc.AudioSource(_RATE, 1, queue_size_ms=_SOURCE_QUEUE_MS)
        self._track = rtc.LocalAudioTrack.create_audio_track("interviewer", self._source)
        self._outbox: asyncio.Queue[str] = asyncio.Queue(_MAX_OUTBOX)
        self._pumps: dict[str, asyncio.Task[None]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._own(self._send_events(), "livekit-events")
        self._handlers: dict[EventTypes, Callable[..., Any]] = {
            "track_subscribed": self._on_track_subscribed,
            "track_unsubscribed": self._on_track_unsubscribed,
            "participant_disconnected": self._on_participant_disconnected,
            "data_received": self._on_data,
            "disconnected": self._on_room_disconnected,
        }
        for event, handler in self._handlers.items():
            room.on(event, handler)

    # -- Transport ------------------------------------------------------------------------
    async def run(self, line: CallLine) -> None:
        self._line = line
        candidate = self._room.remote_participants.get(self._candidate)
        if candidate is None or not self._room.isconnected():
            return  # left before the call was attached
        options = rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE)
        await self._room.local_participant.publish_track(self._track, options)
        self._own(feed_paced(self._source, line.pull_audio, _RATE), "livekit-playout")
        for publication in candidate.track_publications.values():
            track = publication.track
            if isinstance(track, rtc.RemoteAudioTrack):
                self._pump(track)
        await self._gone.wait()

    def send(self, event: CallEvent) -> None:
        if isinstance(event, CallEnded):
            self.ended_reason = event.reason
        if self._closed or self._outbox.full():
            return
        self._outbox.put_nowait(json.dumps(event.to_message()))

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._gone.set()
        for event, handler in self._handlers.items():
            self._room.off(event, handler)
        with contextlib.suppress(TimeoutError):  # the "ended" message goes out first
            async with asyncio.timeout(_FLUSH_TIMEOUT_S):
                await self._outbox.join()
        tasks = [*self._tasks, *self._pumps.values()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._track.sid and self._room.isconnected():
            with contextlib.suppress(Exception):  # the room may be going away under us
                await self._room.local_participant.unpublish_track(self._track.sid)
        await self._source.aclose()
        self.closed.set()

    # -- audio ----------------------------------------------------------------------------
    def _pump(self, track: rtc.RemoteAudioTrack) -> None:
        if track.sid in self._pumps or self._closed:
            return
        sid = track.sid
        task = asyncio.create_task(self._read(track), name="livekit-inbound")
        self._pumps[sid] = task

        def forget(_task: asyncio.Task[None]) -> None:
            if self._pumps.get(sid) is _task:
                del self._pumps[sid]

        task.add_done_callback(forget)

    async def _read(self, track: rtc.RemoteAudioTrack) -> None:
        stream = rtc.AudioStream(track, sample_rate=_RATE, num_channels=1, frame_size_ms=20)
        try:
            async for event in stream:
                line = self._line
                if line is not None:
                    frame = event.frame
                    line.push_audio(np.frombuffer(frame.data, dtype=np.int16), frame.sample_rate)
        finally:
            await stream.aclose()

    # -- events ---------------------------------------------------------------------------
    async def _send_events(self) -> None:
        participant = self._room.local_participant
        while True:
            text = await self._outbox.get()
            try:
                await participant.publish_data(
                    text,
                    reliable=True,
                    topic=EVENTS_TOPIC,
                    destination_identities=[self._candidate],
                )
            except Exception:  # a closing room; the transcript is in the store anyway
                log.debug("call event dropped")
            finally:
                self._outbox.task_done()

    def _own(self, coro: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- room callbacks -------------------------------------------------------------------
    def _on_track_subscribed(
        self,
        track: rtc.Track,
        _publication: rtc.RemoteTrackPublication,
        participant: rtc.RemoteParticipant,
    ) -> None:
        if (
            participant.identity == self._candidate
            and isinstance(track, rtc.RemoteAudioTrack)
            and self._line is not None
        ):
            self._pump(track)

    def _on_track_unsubscribed(
        self,
        track: rtc.Track,
        _publication: rtc.RemoteTrackPublication,
        _participant: rtc.RemoteParticipant,
    ) -> None:
        task = self._pumps.pop(track.sid, None)
        if task is not None:
            task.cancel()

    def _on_participant_disconnected(self, participant: rtc.RemoteParticipant) -> None:
        if participant.identity == self._candidate:
            log.info("the candidate left the room")
            self._gone.set()

    def _on_room_disconnected(self, _reason: object = None) -> None:
        self._gone.set()

    def _on_data(self, packet: rtc.DataPacket) -> None:
        sender = packet.participant
        if (
            packet.topic != EVENTS_TOPIC
            or sender is None
            or sender.identity != self._candidate
            or len(packet.data) > _MAX_CONTROL_MESSAGE
        ):
            return
        try:
            payload = json.loads(packet.data)
        except ValueError:
            return
        if isinstance(payload, dict) and payload.get("type") == "end" and self._line is not None:
            self._line.end_interview()
