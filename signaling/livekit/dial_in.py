"""Dial-in through LiveKit SIP (LiveKit mode with ``MOCKLINE_SIP_PORT``; docs/SIP.md).

LiveKit SIP answers the phone and puts each caller in a room of its own, where a worker
asks for the PIN (`agent.worker.phone`: the same welcome, tries and guessing limits as the
embedded server) and then runs the interview it names. Mockline tells LiveKit, through its
SIP API, who may call and where callers go, once:

- one inbound trunk, ``mockline-dial-in``, from the same settings as the embedded SIP
  server: the trunk addresses (``MOCKLINE_SIP_TRUNKS``) and the digest credentials;
- one dispatch rule, ``mockline-dial-in``: an "individual" room per call
  (``mockline-phone-…``) with the agent dispatch of a phone call.

Either is replaced when it differs from what the settings ask. PINs stay in Mockline's
store (a keyed hash): LiveKit never sees one, and ending an interview ends its PIN there.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable

from livekit import api
from livekit.protocol import sip as lksip

from agent.settings import Settings
from agent.worker.rooms import PHONE_ROOM_PREFIX, phone_dispatch_metadata

log = logging.getLogger(__name__)

TRUNK_NAME = "mockline-dial-in"
RULE_NAME = "mockline-dial-in"
OLD_RULE_PREFIX = "mockline-dial-in:"
"""Per-PIN rules of earlier versions: deleted when found."""
EMPTY_TIMEOUT_S = 60


class LiveKitDialIn:
    def __init__(
        self, lkapi: Callable[[], api.LiveKitAPI], settings: Settings, agent_name: str
    ) -> None:
        self._lkapi = lkapi
        self._settings = settings
        self._agent_name = agent_name
        self.trunk_id: str | None = None
        self._ready = False

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

    async def _ensure_trunk(self) -> str:
        """The inbound trunk as the settings say, found, or made (replacing others of its
        name); its id. The rule names the trunk, so a new trunk gets a new rule."""
        wanted = self._wanted_trunk()
        self.trunk_id = None
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
        return self.trunk_id

    def _wanted_rule(self, trunk_id: str) -> lksip.SIPDispatchRuleInfo:
        dispatch = api.RoomAgentDispatch(
            agent_name=self._agent_name, metadata=phone_dispatch_metadata()
        )
        fingerprint = hashlib.sha256(
            json.dumps([trunk_id, self._agent_name, PHONE_ROOM_PREFIX]).encode()
        ).hexdigest()
        return lksip.SIPDispatchRuleInfo(
            name=RULE_NAME,
            trunk_ids=[trunk_id],
            rule=lksip.SIPDispatchRule(
                dispatch_rule_individual=lksip.SIPDispatchRuleIndividual(
                    room_prefix=PHONE_ROOM_PREFIX
                )
            ),
            # The worker limits PIN guesses per caller number; only it is in the room.
            hide_phone_number=False,
            metadata=json.dumps({"settings": fingerprint}),
            room_config=api.RoomConfiguration(
                agents=[dispatch], empty_timeout=EMPTY_TIMEOUT_S, max_participants=3
            ),
        )

    async def ensure(self) -> None:
        """The trunk and the dispatch rule as the settings say (made once per process, or
        again after a failure)."""
        if self._ready:
            return
        trunk_id = await self._ensure_trunk()
        wanted = self._wanted_rule(trunk_id)
        found = await self._api.sip.list_dispatch_rule(lksip.ListSIPDispatchRuleRequest())
        current = False
        for rule in found.items:
            ours = rule.name == RULE_NAME or rule.name.startswith(OLD_RULE_PREFIX)
            if not ours:
                continue
            if rule.name == RULE_NAME and rule.metadata == wanted.metadata and not current:
                current = True
                continue
            await self._delete_rule(rule.sip_dispatch_rule_id)  # stale, or an older design's
        if not current:
            await self._api.sip.create_dispatch_rule(
                lksip.CreateSIPDispatchRuleRequest(dispatch_rule=wanted)
            )
            log.info("LiveKit SIP dispatch rule made")
        self._ready = True

    async def _delete_rule(self, rule_id: str) -> None:
        await self._api.sip.delete_dispatch_rule(
            lksip.DeleteSIPDispatchRuleRequest(sip_dispatch_rule_id=rule_id)
        )
