"""A phone call as a `Transport`: the SIP call's RTP leg carries the interview both ways.

The caller's samples go straight into the line at the leg's rate (8 kHz G.711, 48 kHz Opus;
the call resamples what it is pushed); the interviewer's voice is pulled at that rate on the
leg's 20 ms clock. A phone has
no data channel: captions and states are not sent (the transcript is stored anyway), and
the interview's end hangs up the call. `run` returns when the caller hangs up.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

from agent.voice.events import CallEvent
from agent.voice.transport import CallLine, Pcm16, Transport

from .leg import SipCall


class SipTransport(Transport):
    kind: ClassVar[str] = "sip"
    echo_guard_s: ClassVar[float | None] = 1.0
    """Handsets and speakerphones leak the interviewer back down the line, and the network's
    echo canceller needs a moment on each talk-spurt to converge: the first second of the
    interviewer's speech cannot be interrupted, later words can."""

    def __init__(self, call: SipCall) -> None:
        self._call = call
        self.output_rate = call.leg.rate
        self.closed = asyncio.Event()
        """Set once `aclose` has run: the session is done with this call."""

    async def run(self, line: CallLine) -> None:
        leg = self._call.leg

        rate = leg.rate

        def heard(pcm: Pcm16) -> None:
            line.push_audio(pcm, rate)

        leg.on_audio = heard
        leg.source = line.pull_audio
        try:
            await self._call.watch_media()
        finally:
            leg.on_audio = None
            leg.source = None

    def send(self, event: CallEvent) -> None:
        """Nothing to show on a phone; the end arrives as `aclose` (a BYE)."""

    async def aclose(self) -> None:
        if self.closed.is_set():
            return
        self.closed.set()
        await self._call.aclose()
