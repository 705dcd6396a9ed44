"""`SipServer`: the SIP user agent inside `mockline serve` (UDP), answering dial-in calls.

An INVITE from a trunk (or, with credentials, one that passes the digest challenge) with a
usable offer is answered at once; each answered call is then served by one owned task:
RTP starts, the PIN flow finds the interview (`pin_flow`), and the call is handed to the
interview's session as a `SipTransport` (``connect``). Everything that cannot be served
gets a final answer and is forgotten: 401/403, 488 (no common codec, no offer), 400 (bad
SDP), 486 (too many calls), 503 (no RTP ports). Keypad digits arrive as RFC 4733 events
or SIP INFO. `aclose` hangs up every call.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any
from uuid import UUID

from aiosipua import IncomingCall, SipRequest, SipResponse, SipUAS
from aiosipua.dialog import dialog_matches

from agent.dial_in.guard import PinGuard
from agent.dial_in.pin_flow import Redeem, admit, say, while_connected
from agent.dial_in.prompts import Prompt, PromptSet

from .digest import DigestGate
from .dtmf import digit_of_info
from .leg import SipCall
from .media import RtpLeg
from .offer import OfferRefused, read_offer
from .ports import NoPortsLeft, PortRange
from .transport import SipTransport
from .trunks import TrunkPolicy
from .udp import GuardedUdpTransport

log = logging.getLogger(__name__)

Connect = Callable[[UUID, SipTransport], Awaitable[Prompt | None]]
"""Hands the call to the interview's session; a prompt to say instead when it cannot."""

USER_AGENT = "Mockline"


def _response(request: SipRequest, status: int, reason: str) -> SipResponse:
    resp = SipResponse(status_code=status, reason_phrase=reason)
    for via in request.headers.get("via"):
        resp.headers.append("Via", via)
    for name in ("From", "Call-ID", "CSeq"):
        value = request.headers.get_first(name.lower())
        if value:
            resp.headers.set_single(name, value)
    to = request.headers.get_first("to")
    if to:
        resp.headers.set_single("To", to if ";tag=" in to else f"{to};tag=mockline")
    resp.headers.set_single("User-Agent", USER_AGENT)
    return resp


class SipServer:
    def __init__(
        self,
        *,
        bind: tuple[str, int],
        public_host: str,
        ports: PortRange,
        policy: TrunkPolicy,
        prompts: PromptSet,
        redeem: Redeem,
        connect: Connect,
        pin_digits: int,
        max_calls: int,
    ) -> None:
        self._transport = GuardedUdpTransport(local_addr=bind, admit=policy.admits)
        self._uas = SipUAS(self._transport, user_agent=USER_AGENT, advertised_addr=None)
        self._public_host = public_host
        self._bind_host = bind[0]
        self._ports = ports
        self._policy = policy
        self._gate = DigestGate(policy.username, policy.password) if policy.credentials else None
        self._prompts = prompts
        self._redeem = redeem
        self._connect = connect
        self._pin_digits = pin_digits
        self._max_calls = max_calls
        self._guard = PinGuard()
        self._calls: dict[str, SipCall] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._serial = itertools.count(1)
        self.refused = 0
        """INVITEs given a final error answer."""
        uas = self._uas
        uas.on_invite = self._on_invite
        uas.on_reinvite = self._on_reinvite
        uas.on_bye = self._on_gone
        uas.on_ack_timeout = lambda call: self._on_gone(call, None)
        # INFO carries keypad digits from trunks that do not send RFC 4733 events.
        uas._handlers["INFO"] = self._on_info

    @property
    def port(self) -> int:
        return self._transport.bound_port

    @property
    def active_calls(self) -> int:
        return len(self._calls)

    async def start(self) -> None:
        await self._uas.start()
        self._own(self._warm_prompts(), "sip-prompts")
        log.info("sip listening on udp %s:%d", self._bind_host, self.port)

    # -- INVITE -------------------------------------------------------------------------------
    def _on_invite(self, invite: IncomingCall) -> None:
        request = invite.invite
        if not self._policy.trusted(invite.source_addr[0]):
            if self._gate is None:
                return self._refuse(invite, 403, "Forbidden")
            if not self._gate.verify(request):
                return self._refuse(invite, 401, "Unauthorized", self._gate.challenge())
        if len(self._calls) >= self._max_calls:
            return self._refuse(invite, 486, "Busy Here")
        try:
            offer = read_offer(request.text, request.content_type)
        except OfferRefused as exc:
            return self._refuse(invite, exc.status, exc.reason)
        try:
            leg = RtpLeg(self._ports, self._bind_host, offer.codec)
        except NoPortsLeft:
            return self._refuse(invite, 503, "Service Unavailable")
        invite.accept(offer.answer(self._public_host, leg.port))
        caller = f"{invite.source_addr[0]}|{invite.caller[:80]}"
        call = SipCall(invite, offer, leg, caller, self._pin_digits)
        self._calls[invite.call_id] = call
        self._own(self._serve(call), f"sip-call-{next(self._serial)}")

    async def _warm_prompts(self) -> None:
        try:
            await self._prompts.warm()
        except Exception:  # a call renders what it needs itself, or fails on its own
            log.exception("rendering the dial-in prompts failed")

    def _own(self, work: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _refuse(
        self, invite: IncomingCall, status: int, reason: str, challenge: str | None = None
    ) -> None:
        self.refused += 1
        resp = _response(invite.invite, status, reason)
        if challenge is not None:
            resp.headers.set_single("WWW-Authenticate", challenge)
        self._transport.send_reply(resp)
        invite.dialog.terminate()
        self._forget(invite)

    def _forget(self, invite: IncomingCall) -> None:
        """aiosipua keeps a call until an ACK that a refused or vanished caller may never
        send; dropping it here keeps a flood of INVITEs from growing its tables."""
        if self._uas._calls.get(invite.call_id) is invite:
            self._uas._calls.pop(invite.call_id, None)
        self._uas._remove_invite_transaction(invite.invite)

    def _on_reinvite(self, invite: IncomingCall) -> None:
        """A session refresh or hold: the same media, answered again."""
        invite.accept(invite.sdp_answer)

    def _on_gone(self, invite: IncomingCall, _request: SipRequest | None) -> None:
        call = self._calls.get(invite.call_id)
        if call is not None:
            call.gone.set()

    def _on_info(self, request: SipRequest, _addr: tuple[str, int]) -> None:
        call = self._calls.get(request.call_id or "")
        if call is None or not dialog_matches(call.invite.dialog, request):
            self._transport.send_reply(_response(request, 481, "Call/Transaction Does Not Exist"))
            return
        self._transport.send_reply(_response(request, 200, "OK"))
        digit = digit_of_info(request.content_type, request.text)
        if digit is not None:
            call.keypad.press(digit)

    # -- one call -------------------------------------------------------------------------------
    async def _serve(self, call: SipCall) -> None:
        try:
            await call.start_media()
            interview_id = await while_connected(
                call, admit(call, self._prompts, self._guard, self._redeem)
            )
            if interview_id is None:
                return
            transport = SipTransport(call)
            problem = await self._connect(interview_id, transport)
            if problem is not None:
                await while_connected(call, say(call, self._prompts, problem))
                return
            await transport.closed.wait()  # the session hangs up through `transport.aclose`
        except Exception:
            log.exception("sip call failed")
        finally:
            await call.aclose()
            self._calls.pop(call.call_id, None)
            self._forget(call.invite)

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._uas.stop()
