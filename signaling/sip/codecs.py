"""The voice codecs a phone call can use: G.711 µ-law and A-law at 8 kHz, and Opus at
48 kHz when the trunk offers it (wideband: the interviewer sounds better and the candidate's
words reach the ASR without the telephone band's loss).

Opus needs libopus (Debian `libopus0`) and `opuslib`; without them it is simply not offered
back, and the call falls to G.711 (or 488 when the trunk offers nothing else).
"""

from __future__ import annotations

from dataclasses import dataclass

from aiortp.codecs import Codec, get_codec
from aiosipua import Codec as SdpCodec

PCMU, PCMA = 0, 8
OPUS = "opus"
NARROW_RATE = 8000
OPUS_RATE = 48_000


@dataclass(frozen=True, slots=True)
class LineCodec:
    """The codec chosen for one call: its name, payload type and RTP clock (= sample rate
    of the PCM on our side of the leg)."""

    name: str
    payload_type: int
    rate: int

    @property
    def frame(self) -> int:
        """Samples per 20 ms packet."""
        return self.rate // 50

    @property
    def rtpmap(self) -> str:
        channels = "/2" if self.name == OPUS else ""  # RFC 7587: always opus/48000/2
        return f"{self.payload_type} {self.name}/{self.rate}{channels}"

    def coder(self) -> Codec:
        """A fresh aiortp encoder/decoder pair for one leg."""
        if self.name == OPUS:
            from aiortp.codecs.opus import OpusCodec

            return OpusCodec(OPUS_RATE, channels=1)
        return get_codec(self.payload_type)


def _opus_works() -> bool:
    try:
        from aiortp.codecs.opus import OpusCodec

        OpusCodec(OPUS_RATE, channels=1)
    except Exception:  # ImportError, or opuslib's plain Exception when libopus is missing
        return False
    return True


OPUS_AVAILABLE = _opus_works()


def choose(offered: list[SdpCodec]) -> LineCodec | None:
    """The first offered codec we speak, in the offerer's order (RFC 3264)."""
    for codec in offered:
        name = codec.encoding_name.lower()
        if codec.payload_type == PCMU and name in ("", "pcmu"):
            return LineCodec("PCMU", PCMU, NARROW_RATE)
        if codec.payload_type == PCMA and name in ("", "pcma"):
            return LineCodec("PCMA", PCMA, NARROW_RATE)
        if (
            OPUS_AVAILABLE
            and name == OPUS
            and codec.clock_rate == OPUS_RATE
            and 96 <= codec.payload_type <= 127
        ):
            return LineCodec(OPUS, codec.payload_type, OPUS_RATE)
    return None


def telephone_event(offered: list[SdpCodec], rate: int) -> SdpCodec | None:
    """The offered RFC 4733 telephone-event to answer with: the one on the voice codec's
    clock if there is one (RFC 4733 §2.1), else the first."""
    events = [c for c in offered if c.encoding_name.lower() == "telephone-event"]
    same_clock = [c for c in events if (c.clock_rate or NARROW_RATE) == rate]
    chosen = same_clock or events
    return chosen[0] if chosen else None
