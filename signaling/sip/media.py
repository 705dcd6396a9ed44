"""One call's RTP leg: the negotiated codec (G.711 at 8 kHz or Opus at 48 kHz, `codecs`)
both ways on an aiortp session, on our own clock. ``rate`` and ``frame`` are the leg's.

- in: packets are reordered by aiortp's jitter buffer, lost ones concealed (PLC), decoded,
  and handed to ``on_audio`` as int16 samples; RFC 4733 telephone-events go to
  ``on_digit``; a malformed packet is dropped, never allowed to close the socket;
- out: every 20 ms (absolute deadlines, no drift; after a stall the missed time is skipped
  in the RTP timestamps, not sent in a burst: `frame_clock`) ``source(frame)`` gives the
  next samples to send; when it has none, comfort noise at a quiet line level is sent
  instead, so the caller hears a live line and NATs keep the path open.

``last_heard`` (loop time of the last packet) lets the owner notice a caller gone silent
at the network level (no BYE).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable

import numpy as np
from aiortp import NoiseGenerator, RtpPacket, RTPSession

from agent.voice.transport import Pcm16

from .codecs import LineCodec
from .frame_clock import FrameClock
from .latch import SourceLatch
from .ports import PortRange

log = logging.getLogger(__name__)
# aiortp logs every SSRC change and latch at INFO: a caller could write our log for us.
logging.getLogger("aiortp").setLevel(logging.WARNING)

_COMFORT_NOISE_DBOV = 65
_CN = 13
"""RFC 3389 comfort noise from the caller: a silence descriptor aiortp understands."""

Source = Callable[[int], Pcm16 | None]


class _GuardedSession(RTPSession):
    """aiortp raises from the datagram callback on some malformed packets (a short
    telephone-event), and asyncio then closes the socket: one bad packet must not.
    Only the caller's packets are read (`latch`). Telephone-events go straight to the
    digit receiver: some gateways send them with an SSRC of their own, which must not
    reset the voice's jitter buffer at every digit."""

    dropped = 0
    latch: SourceLatch | None = None

    def _handle_rtp(self, data: bytes, addr: tuple[str, int]) -> None:
        if self.latch is None or not self.latch.accepts_rtp(data, addr):
            self.dropped += 1
            return
        try:
            payload_type = data[1] & 0x7F if len(data) >= 12 else -1
            if payload_type == self._dtmf_payload_type:
                self._dtmf_receiver.handle_packet(RtpPacket.parse(data))
            elif payload_type in (self._payload_type, _CN):
                super()._handle_rtp(data, addr)
            else:  # not negotiated: dropped before it can reset the stream's state
                self.dropped += 1
        except Exception:
            self.dropped += 1

    def _handle_rtcp(self, data: bytes, addr: tuple[str, int]) -> None:
        if self.latch is None or not self.latch.accepts_rtcp(data, addr):
            self.dropped += 1
            return
        try:
            super()._handle_rtcp(data, addr)
        except Exception:
            self.dropped += 1


class RtpLeg:
    def __init__(self, ports: PortRange, bind_ip: str, codec: LineCodec) -> None:
        self._ports = ports
        self._bind_ip = bind_ip
        self.codec = codec
        self.rate = codec.rate
        self.frame = codec.frame
        self.port = ports.take()
        self._session: RTPSession | None = None
        self._clock: FrameClock | None = None
        self._timestamp = secrets.randbelow(1 << 32)
        """The RTP timestamp of the next frame sent (random start, RFC 3550 §5.1)."""
        self._noise = NoiseGenerator(_COMFORT_NOISE_DBOV).generate(self.rate)  # 1 s, looped
        self._noise_at = 0
        self.source: Source | None = None
        self.on_audio: Callable[[Pcm16], None] | None = None
        self.on_digit: Callable[[str], None] | None = None
        self.last_heard = asyncio.get_running_loop().time()
        self.sent = 0
        """Packets of the interviewer's voice (not comfort noise) sent."""
        self._closed = False

    async def start(self, remote: tuple[str, int], dtmf_pt: int | None) -> None:
        session = await _GuardedSession.create(
            local_addr=(self._bind_ip, self.port),
            remote_addr=remote,
            payload_type=self.codec.payload_type,
            codec=self.codec.coder(),
            clock_rate=self.rate,
            dtmf_payload_type=dtmf_pt if dtmf_pt is not None else -1,
            jitter_capacity=16,
            jitter_prefetch=2,
            plc=True,
            symmetric_rtp=True,
        )
        assert isinstance(session, _GuardedSession)
        session.latch = SourceLatch.of(remote)
        session.on_audio = self._heard
        session.on_dtmf = self._digit
        self._session = session
        self._clock = FrameClock(self.frame / self.rate, self._tick)
        self._clock.start()

    def _heard(self, pcm: bytes, _timestamp: int) -> None:
        self.last_heard = asyncio.get_running_loop().time()
        if self.on_audio is not None and pcm:
            self.on_audio(np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype=np.int16))

    def _digit(self, digit: str, _duration: int) -> None:
        self.last_heard = asyncio.get_running_loop().time()
        if self.on_digit is not None and digit != "?":
            self.on_digit(digit)

    def _tick(self, skipped: int) -> None:
        """Sends the next frame; ``skipped``: frames' time a stall made the clock miss, which
        the timestamps skip (the far end conceals them) rather than a burst making up for."""
        session = self._session
        if session is None:
            return
        n = self.frame
        self._timestamp = (self._timestamp + skipped * n) & 0xFFFFFFFF
        pcm = self.source(n) if self.source is not None else None
        if pcm is None:
            at = self._noise_at
            frame = self._noise[2 * at : 2 * (at + n)]
            self._noise_at = (at + n) % self.rate
        else:
            frame = np.asarray(pcm[:n], dtype=np.int16).tobytes()
            self.sent += 1
        session.send_audio_pcm(frame, self._timestamp)
        self._timestamp = (self._timestamp + n) & 0xFFFFFFFF

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._clock is not None:
            await self._clock.stop()
        if self._session is not None:
            try:
                await self._session.close()
            except Exception:
                log.debug("rtp session close failed", exc_info=True)
        self._ports.give_back(self.port)
