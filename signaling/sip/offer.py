"""The answer to a caller's SDP offer: G.711 µ-law or A-law, in the offerer's order, and
RFC 4733 telephone-events with the payload type the offer gave them.

Anything else is refused with the SIP status to send: 488 when no codec is common, 400
when the offer is not usable SDP.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from aiosipua import SdpMessage, negotiate_sdp, parse_sdp

PCMU, PCMA = 0, 8
SUPPORTED = (PCMU, PCMA)
_MAX_SDP = 8192


class OfferRefused(ValueError):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Offer:
    sdp: SdpMessage
    payload_type: int
    dtmf_payload_type: int | None
    remote: tuple[str, int]

    def answer(self, ip: str, port: int) -> SdpMessage:
        answer, _ = negotiate_sdp(
            self.sdp,
            local_ip=ip,
            rtp_port=port,
            supported_codecs=[self.payload_type],
            dtmf_payload_type=self.dtmf_payload_type or 0,
            session_name="mockline",
        )
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
    chosen = next((c.payload_type for c in audio.codecs if c.payload_type in SUPPORTED), None)
    if chosen is None:
        raise OfferRefused(488, "Not Acceptable Here")
    dtmf = next(
        (c.payload_type for c in audio.codecs if c.encoding_name.lower() == "telephone-event"),
        None,
    )
    return Offer(sdp, chosen, dtmf, remote)
