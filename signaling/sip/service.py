"""Dial-in wired to the rest of the server: `start_sip` builds the `SipServer` from settings,
with the PIN store to redeem PINs and the session hub to take the call.
"""

from __future__ import annotations

import logging
from uuid import UUID

from agent.dial_in.prompts import Prompt, PromptSet
from agent.plugins import SpeechModels
from agent.sessions.hub import SessionHub
from agent.sessions.lifecycle import is_finished
from agent.sessions.session import CallActiveError, NoSpeechError
from agent.sessions.text import InterviewFinishedError
from agent.settings import Settings
from agent.store.dial_in import PIN_DIGITS, DialInStore
from agent.store.interviews import InterviewStore

from .ports import PortRange
from .server import SipServer
from .transport import SipTransport
from .trunks import TrunkPolicy

log = logging.getLogger(__name__)


def sip_hosts(settings: Settings) -> tuple[str, str]:
    """(bind address, address given to callers)."""
    bind = settings.sip_host or settings.host
    public = settings.sip_public_host or bind
    return bind, public


def dial_in_uri(settings: Settings) -> str | None:
    if settings.sip_port is None:
        return None
    _, public = sip_hosts(settings)
    host = f"[{public}]" if ":" in public else public
    user = "".join(ch for ch in settings.sip_number if ch.isdigit() or ch == "+") or "mockline"
    return f"sip:{user}@{host}:{settings.sip_port}"


async def start_sip(
    settings: Settings, speech: SpeechModels, pins: DialInStore, hub: SessionHub
) -> SipServer:
    assert settings.sip_port is not None
    bind, public = sip_hosts(settings)
    policy = TrunkPolicy.of(
        settings.sip_trunks,
        settings.sip_username,
        settings.sip_password.get_secret_value() if settings.sip_password else "",
    )
    prompts = PromptSet(speech.tts)

    async def redeem(pin: str) -> UUID | None:
        return await pins.redeem(pin, settings.dial_in_resume_s)

    async def connect(interview_id: UUID, transport: SipTransport) -> Prompt | None:
        interview = await InterviewStore(hub.deps.pool).get_interview(interview_id)
        if interview is None or is_finished(interview.status):
            return Prompt.UNAVAILABLE
        try:
            await hub.start_call(interview, transport)
        except CallActiveError:
            return Prompt.BUSY
        except (InterviewFinishedError, NoSpeechError):
            return Prompt.UNAVAILABLE
        except Exception:
            log.exception("dial-in call for interview %s could not start", interview_id)
            return Prompt.UNAVAILABLE
        log.info("dial-in call joined interview %s", interview_id)
        return None

    server = SipServer(
        bind=(bind, settings.sip_port),
        public_host=public,
        ports=PortRange(bind, settings.sip_rtp_port_min, settings.sip_rtp_port_max),
        policy=policy,
        prompts=prompts,
        redeem=redeem,
        connect=connect,
        pin_digits=PIN_DIGITS,
        max_calls=settings.sip_max_calls,
    )
    await server.start()
    return server
