"""The answer to a caller's SDP offer: which codec and which telephone-event a call gets."""

from __future__ import annotations

import pytest
from aiosipua import parse_sdp, serialize_sdp

from signaling.sip.codecs import OPUS_AVAILABLE
from signaling.sip.offer import OfferRefused, read_offer

SDP = "application/sdp"


def _offer(formats: str, *maps: str) -> str:
    lines = [
        "v=0",
        "o=caller 1 1 IN IP4 192.0.2.10",
        "s=-",
        "c=IN IP4 192.0.2.10",
        "t=0 0",
        f"m=audio 40000 RTP/AVP {formats}",
        *(f"a=rtpmap:{m}" for m in maps),
        "a=sendrecv",
    ]
    return "\r\n".join(lines) + "\r\n"


def _answer_maps(body: str) -> list[str]:
    offer = read_offer(body, SDP)
    answer = parse_sdp(serialize_sdp(offer.answer("198.51.100.1", 30000)))
    assert answer.audio is not None
    return [f"{c.payload_type} {c.encoding_name}/{c.clock_rate}" for c in answer.audio.codecs]


def test_g711_in_the_offerers_order() -> None:
    offer = read_offer(
        _offer("8 0 101", "8 PCMA/8000", "0 PCMU/8000", "101 telephone-event/8000"), SDP
    )
    assert (offer.codec.name, offer.codec.rate, offer.codec.frame) == ("PCMA", 8000, 160)
    assert offer.dtmf_payload_type == 101 and offer.remote == ("192.0.2.10", 40000)


def test_static_payload_types_need_no_rtpmap() -> None:
    offer = read_offer(_offer("0"), SDP)
    assert offer.codec.name == "PCMU" and offer.dtmf_payload_type is None


@pytest.mark.skipif(not OPUS_AVAILABLE, reason="libopus or opuslib missing")
def test_opus_when_offered_first_with_its_own_clock_events() -> None:
    body = _offer(
        "109 0 101 110",
        "109 opus/48000/2",
        "0 PCMU/8000",
        "101 telephone-event/8000",
        "110 telephone-event/48000",
    )
    offer = read_offer(body, SDP)
    assert (offer.codec.name, offer.codec.payload_type, offer.codec.frame) == ("opus", 109, 960)
    assert (offer.dtmf_payload_type, offer.dtmf_rate) == (110, 48000)
    # RFC 7587: the answer says opus/48000/2; the events keep the clock they were offered on
    assert _answer_maps(body) == ["109 opus/48000", "110 telephone-event/48000"]
    raw = serialize_sdp(read_offer(body, SDP).answer("198.51.100.1", 30000))
    assert "a=rtpmap:109 opus/48000/2" in raw and "RTP/AVP 109 110" in raw


def test_g711_first_wins_over_a_later_opus() -> None:
    body = _offer("0 111 101", "0 PCMU/8000", "111 opus/48000/2", "101 telephone-event/8000")
    offer = read_offer(body, SDP)
    assert offer.codec.name == "PCMU" and offer.dtmf_rate == 8000
    assert _answer_maps(body) == ["0 PCMU/8000", "101 telephone-event/8000"]


@pytest.mark.parametrize(
    "formats,maps",
    [
        ("18", ["18 G729/8000"]),
        ("111", ["111 opus/16000/2"]),  # Opus always runs a 48 kHz RTP clock
        ("9 98", ["9 G722/8000", "98 iLBC/8000"]),
        ("0", ["0 opus/48000/2"]),  # a static number renamed: not PCMU, not a dynamic Opus
        ("101", ["101 telephone-event/8000"]),  # events alone carry no voice
    ],
)
def test_nothing_in_common_is_488(formats: str, maps: list[str]) -> None:
    with pytest.raises(OfferRefused) as refused:
        read_offer(_offer(formats, *maps), SDP)
    assert refused.value.status == 488


@pytest.mark.parametrize(
    "body,content_type,status",
    [
        ("", SDP, 488),
        (_offer("0", "0 PCMU/8000"), "text/plain", 488),
        ("v=0\r\nm=audio notaport RTP/AVP 0\r\n", SDP, 400),
        (_offer("0", "0 PCMU/8000") + "a=x:" + "y" * 9000 + "\r\n", SDP, 400),
        (_offer("0").replace("192.0.2.10", "caller.example"), SDP, 488),
    ],
)
def test_unusable_offers_are_refused(body: str, content_type: str, status: int) -> None:
    with pytest.raises(OfferRefused) as refused:
        read_offer(body, content_type)
    assert refused.value.status == status
