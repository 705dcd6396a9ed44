"""Dial-in through LiveKit SIP (LiveKit mode with ``MOCKLINE_SIP_PORT``; docs/SIP.md).

LiveKit SIP answers the phone, asks for the PIN and puts the caller in a room; Mockline
only tells LiveKit, through its SIP API, who may call and where each PIN leads:

- one inbound trunk, ``mockline-dial-in``, made at start-up from the same settings as the
  embedded SIP server: the trunk addresses (``MOCKLINE_SIP_TRUNKS``) and the digest
  credentials; an existing one with other settings is replaced;
- per interview, one dispatch rule: "direct" to the interview's room, with its current PIN,
  and the room's agent dispatch (the metadata names the interview), so the room a caller
  creates gets an interviewer like a browser's. Issuing a new PIN replaces the rule; rules
  whose PIN expired are deleted whenever a PIN is issued, and an interview's rule when the
  interview is ended or deleted (`withdraw`).

Unlike the embedded server, LiveKit SIP keeps the PIN itself (in its Redis) and checks it; a
wrong PIN is told so and hung up on. Log lines carry interview ids only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from uuid import UUID

from livekit import api
from livekit.protocol import sip as lksip

from agent.settings import Settings
from agent.worker.rooms import dispatch_metadata, room_name

log = logging.getLogger(__name__)

TRUNK_NAME = "mockline-dial-in"
RULE_PREFIX = "mockline-dial-in:"
EMPTY_TIMEOUT_S = 60


_RuleTest = Callable[[lksip.SIPDispatchRuleInfo], bool]


def rule_name(interview_id: UUID) -> str:
    return f"{RULE_PREFIX}{interview_id}"


class LiveKitDialIn:
    def __init__(
        self, lkapi: Callable[[], api.LiveKitAPI], settings: Settings, agent_name: str
    ) -> None:
        self._lkapi = lkapi
        self._settings = settings
        self._agent_name = agent_name
        self.trunk_id: str | None = None

    @property
    def _api(self) -> api.LiveKitAPI:
        return self._lkapi()

    def _wanted_trunk(self) -> lksip.SIPInboundTrunkInfo:
        s = self._settings
        password = s.sip_password.get_secret_value() if s.sip_password else ""
        # LiveKit need not hand the password back: the metadata fingerprints the settings.
        fingerprint = hashlib.sha256(
            json.dumps([list(s.sip_trunks), s.sip_username, password]).encode()
        ).hexdigest()
        return lksip.SIPInboundTrunkInfo(
            name=TRUNK_NAME,
            metadata=json.dumps({"settings": fingerprint}),
            numbers=[],  # any number dialled: the trunk addresses and the PIN decide
            allowed_addresses=list(s.sip_trunks),
            auth_username=s.sip_username,
            auth_password=password,
        )

    async def ensure_trunk(self) -> str:
        """The inbound trunk as the settings say, made or replaced (the rules of a replaced
        one go with it: their PINs are issued again); its id."""
        wanted = self._wanted_trunk()
        found = await self._api.sip.list_inbound_trunk(lksip.ListSIPInboundTrunkRequest())
        for trunk in found.items:
            if trunk.name != TRUNK_NAME:
                continue
            if trunk.metadata == wanted.metadata and self.trunk_id is None:
                self.trunk_id = trunk.sip_trunk_id
                continue
            await self._api.sip.delete_sip_trunk(
                lksip.DeleteSIPTrunkRequest(sip_trunk_id=trunk.sip_trunk_id)
            )
        if self.trunk_id is None:
            made = await self._api.sip.create_inbound_trunk(
                lksip.CreateSIPInboundTrunkRequest(trunk=wanted)
            )
            self.trunk_id = made.sip_trunk_id
            log.info("LiveKit SIP inbound trunk %s made", self.trunk_id)
        current = self.trunk_id
        await self._drop(lambda rule: list(rule.trunk_ids) != [current])  # a replaced trunk's
        return current

    async def register(self, interview_id: UUID, pin: str, ttl_s: int) -> None:
        """Calls with ``pin`` go to the interview's room until ``ttl_s`` from now; the
        interview's earlier PIN and every expired one stop working."""
        trunk = self.trunk_id or await self.ensure_trunk()
        await self._drop(lambda rule: _interview_of(rule) == interview_id or _expired(rule))
        dispatch = api.RoomAgentDispatch(
            agent_name=self._agent_name, metadata=dispatch_metadata(interview_id)
        )
        await self._api.sip.create_dispatch_rule(
            lksip.CreateSIPDispatchRuleRequest(
                dispatch_rule=lksip.SIPDispatchRuleInfo(
                    name=rule_name(interview_id),
                    trunk_ids=[trunk],
                    rule=lksip.SIPDispatchRule(
                        dispatch_rule_direct=lksip.SIPDispatchRuleDirect(
                            room_name=room_name(interview_id), pin=pin
                        )
                    ),
                    hide_phone_number=True,  # the caller's number is theirs alone
                    metadata=json.dumps({"expires_at": time.time() + ttl_s}),
                    room_config=api.RoomConfiguration(
                        agents=[dispatch], empty_timeout=EMPTY_TIMEOUT_S, max_participants=4
                    ),
                )
            )
        )

    async def withdraw(self, interview_id: UUID) -> None:
        """The interview's PIN stops working (the interview ended or was deleted)."""
        await self._drop(lambda rule: _interview_of(rule) == interview_id)

    async def _drop(self, doomed: _RuleTest) -> None:
        found = await self._api.sip.list_dispatch_rule(lksip.ListSIPDispatchRuleRequest())
        for rule in found.items:
            if rule.name.startswith(RULE_PREFIX) and doomed(rule):
                await self._api.sip.delete_dispatch_rule(
                    lksip.DeleteSIPDispatchRuleRequest(
                        sip_dispatch_rule_id=rule.sip_dispatch_rule_id
                    )
                )


def _interview_of(rule: lksip.SIPDispatchRuleInfo) -> UUID | None:
    try:
        return UUID(rule.name.removeprefix(RULE_PREFIX))
    except ValueError:
        return None


def _expired(rule: lksip.SIPDispatchRuleInfo) -> bool:
    try:
        expires_at = float(json.loads(rule.metadata)["expires_at"])
    except (ValueError, TypeError, KeyError):
        return True  # ours, but unreadable: it cannot be trusted with a PIN
    return expires_at < time.time()
