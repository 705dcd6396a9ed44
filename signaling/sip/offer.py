"""The answer to a caller's SDP offer: G.711 µ-law or A-law, or Opus (`codecs`), in the
offerer's order, and RFC 4733 telephone-events with the payload type and clock the offer
gave them.

Anything else is refused with the SIP status to send: 488 when no codec is common, 400
when the offer is not usable SDP.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from aiosipua import SdpMessage, negotiate_sdp, parse_sdp

from .codecs import LineCodec, choose, telephone_event

_MAX_SDP = 8192


class OfferRefused(ValueError):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Offer:
    sdp: SdpMessage
    codec: LineCodec
    dtmf_payload_type: int | None
    dtmf_rate: int
    remote: tuple[str, int]

    @property
    def payload_type(self) -> int:
        return self.codec.payload_type

    def answer(self, ip: str, port: int) -> SdpMessage:
        answer, _ = negotiate_sdp(
            self.sdp,
            local_ip=ip,
            rtp_port=port,
            supported_codecs=[self.payload_type],
            dtmf_payload_type=self.dtmf_payload_type or 0,
            session_name="mockline",
        )
        # aiosipua writes "opus/48000" and "telephone-event/8000" whatever was offered
        media = answer.audio
        if media is not None:
            rtpmap = [self.codec.rtpmap]
            if self.dtmf_payload_type is not None:
                rtpmap.append(f"{self.dtmf_payload_type} telephone-event/{self.dtmf_rate}")
            media.attributes["rtpmap"] = rtpmap
        return answer


def read_offer(body: str, content_type: str | None) -> Offer:
    """The offer of an INVITE body. Raises `OfferRefused`."""
    if not body or (content_type or "").split(";")[0].strip().lower() != "application/sdp":
        raise OfferRefused(488, "Not Acceptable Here")  # no offer: we do not make one
    if len(body) > _MAX_SDP:
        raise OfferRefused(400, "Bad Request")
    try:
        sdp = parse_sdp(body)
        audio = sdp.audio
        remote = sdp.rtp_address
    except Exception:  # malformed SDP raises whatever the parser trips on
        raise OfferRefused(400, "Bad Request") from None
    if audio is None or remote is None or not 0 < remote[1] < 65536:
        raise OfferRefused(488, "Not Acceptable Here")
    try:
        ipaddress.ip_address(remote[0])
    except ValueError:
        raise OfferRefused(488, "Not Acceptable Here") from None
    chosen = choose(audio.codecs)
    if chosen is None:
        raise OfferRefused(488, "Not Acceptable Here")
    dtmf = telephone_event(audio.codecs, chosen.rate)
    if dtmf is None:
        return Offer(sdp, chosen, None, chosen.rate, remote)
    return Offer(sdp, chosen, dtmf.payload_type, dtmf.clock_rate or 8000, remote)
