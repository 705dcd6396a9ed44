"""`SipCall`: one answered INVITE, its dialog, its RTP leg and what the caller typed.

The server creates it when it answers and closes it once: `aclose` sends the BYE (if the
caller has not hung up already) and releases the RTP ports. ``gone`` is set when the
caller hangs up (BYE), never confirmed the answer (no ACK), or the media went silent.
"""

from __future__ import annotations

import asyncio
import logging

from aiosipua import IncomingCall

from agent.dial_in.keypad import Keypad
from agent.dial_in.prompts import PromptPlayer

from .media import RtpLeg
from .offer import Offer

log = logging.getLogger(__name__)

MEDIA_TIMEOUT_S = 30.0
"""No RTP (nor RTCP-carried digit) for this long: the caller is gone without a BYE."""


class SipCall:
    def __init__(
        self, invite: IncomingCall, offer: Offer, leg: RtpLeg, caller: str, pin_digits: int
    ) -> None:
        self.invite = invite
        self.offer = offer
        self.leg = leg
        self.caller = caller
        """Who is calling, for rate limits: trunk address and caller number (never logged)."""
        self.keypad = Keypad(pin_digits)
        self.prompts = PromptPlayer(leg.rate)
        self.gone = asyncio.Event()
        self._closed = False
        leg.on_digit = self.keypad.press
        leg.source = self.prompts

    @property
    def call_id(self) -> str:
        return self.invite.call_id

    async def start_media(self) -> None:
        await self.leg.start(self.offer.remote, self.offer.dtmf_payload_type)

    async def watch_media(self) -> None:
        """Returns when the caller is gone (BYE, or no media for `MEDIA_TIMEOUT_S`)."""
        loop = asyncio.get_running_loop()
        while not self.gone.is_set():
            if loop.time() - self.leg.last_heard > MEDIA_TIMEOUT_S:
                log.info("sip call %s: no media, hanging up", self.call_id[:8])
                self.gone.set()
                break
            try:
                async with asyncio.timeout(1.0):
                    await self.gone.wait()
            except TimeoutError:
                pass

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.gone.set()
        try:
            self.invite.hangup()  # BYE only while the dialog is confirmed
        except Exception:
            log.debug("sending BYE failed", exc_info=True)
        self.invite._stop_retransmissions()
        await self.leg.aclose()
