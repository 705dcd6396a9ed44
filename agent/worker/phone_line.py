"""`RoomPinLine`: a phone caller in its LiveKit room before the interview, as the PIN flow's
`PinLine` (`agent.dial_in.pin_flow`).

- out: the prompts, on a track of their own fed every 20 ms at 48 kHz (silence between);
- in: the keypad, from LiveKit SIP's DTMF messages (RFC 4733 or SIP INFO on the phone side),
  the caller's only;
- ``gone`` is set when the caller leaves the room or the room drops us.

The caller's key for the guessing limits is LiveKit SIP's trunk and the caller's number
(attributes of the SIP participant), never logged.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

from livekit import rtc
from livekit.rtc.room import EventTypes

from agent.dial_in.keypad import Keypad
from agent.dial_in.prompts import PromptPlayer
from agent.store.dial_in import PIN_DIGITS

from .paced_audio import feed_paced

_RATE = 48_000
_QUEUE_MS = 100


def caller_key(participant: rtc.RemoteParticipant) -> str:
    attributes = participant.attributes
    number = attributes.get("sip.phoneNumber") or participant.identity
    return f"livekit|{attributes.get('sip.trunkID', '')}|{number}"


class RoomPinLine:
    def __init__(self, room: rtc.Room, caller: rtc.RemoteParticipant) -> None:
        self._room = room
        self._identity = caller.identity
        self.caller = caller_key(caller)
        self.keypad = Keypad(PIN_DIGITS)
        self.prompts = PromptPlayer(_RATE)
        self.gone = asyncio.Event()
        self._source = rtc.AudioSource(_RATE, 1, queue_size_ms=_QUEUE_MS)
        self._track = rtc.LocalAudioTrack.create_audio_track("prompts", self._source)
        self._player: asyncio.Task[None] | None = None
        self._handlers: dict[EventTypes, Callable[..., Any]] = {
            "sip_dtmf_received": self._on_dtmf,
            "participant_disconnected": self._on_left,
            "disconnected": self._on_room_gone,
        }
        for event, handler in self._handlers.items():
            room.on(event, handler)

    async def start(self) -> None:
        options = rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE)
        await self._room.local_participant.publish_track(self._track, options)
        self._player = asyncio.create_task(
            feed_paced(self._source, self.prompts, _RATE), name="phone-prompts"
        )

    def _on_dtmf(self, dtmf: rtc.SipDTMF) -> None:
        if dtmf.participant is not None and dtmf.participant.identity == self._identity:
            self.keypad.press(dtmf.digit)

    def _on_left(self, participant: rtc.RemoteParticipant) -> None:
        if participant.identity == self._identity:
            self.gone.set()

    def _on_room_gone(self, _reason: object = None) -> None:
        self.gone.set()

    async def aclose(self) -> None:
        """Stops the prompts and takes their track down (the interview publishes its own)."""
        for event, handler in self._handlers.items():
            self._room.off(event, handler)
        if self._player is not None:
            self._player.cancel()
            await asyncio.gather(self._player, return_exceptions=True)
            self._player = None
        if self._track.sid and self._room.isconnected():
            with contextlib.suppress(Exception):  # the room may be going away under us
                await self._room.local_participant.unpublish_track(self._track.sid)
        await self._source.aclose()
