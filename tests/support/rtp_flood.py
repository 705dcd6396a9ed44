"""An RTP flood on a call's media port from a stranger's socket, as a test's attacker.

Per round: random bytes, truncated headers, a wrong RTP version, oversized PCMU, PCMU and
telephone-events in sequence from the stranger's own SSRC (what would take over a leg that
follows any sender: the interviewer's voice redirected, words or keys injected), RTCP
garbage and an RTCP BYE, some of it on the RTCP port. `FloodResult.echoed` counts the
datagrams the server sent back to the stranger: none, if the leg stayed with its caller.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import time
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FloodResult:
    sent: int
    echoed: int
    started: float
    ended: float
    """time.monotonic() of the first and last datagram."""


def _rtp(pt: int, seq: int, ssrc: int, payload: bytes, version: int = 2) -> bytes:
    return struct.pack("!BBHII", version << 6, pt, seq & 0xFFFF, seq * 160, ssrc) + payload


def _round(rng: random.Random, seq: int, ssrc: int) -> list[tuple[bytes, int]]:
    """(datagram, port offset: 0 RTP, 1 RTCP) for one round."""
    noise = rng.randbytes(160)
    bye = struct.pack("!BBHI", 0x81, 203, 1, ssrc)
    return [
        (rng.randbytes(rng.randrange(1, 1400)), 0),
        (rng.randbytes(rng.randrange(1, 12)), 0),
        (_rtp(0, seq, ssrc, noise, version=1), 0),
        (_rtp(0, seq, ssrc, rng.randbytes(8000)), 0),
        (_rtp(0, seq, ssrc, noise), 0),
        (_rtp(96, seq + 1, ssrc, bytes([11, 0x80, 0, 160])), 0),  # '#' pressed, ended
        (bytes([0x80, rng.randrange(192, 209)]) + rng.randbytes(rng.randrange(0, 200)), 0),
        (bytes([0x80, rng.randrange(192, 209)]) + rng.randbytes(rng.randrange(0, 200)), 1),
        (bye, 0),
    ]


def flood_rtp(host: str, port: int, *, duration_s: float, rate: int, seed: int) -> FloodResult:
    """About ``rate`` datagrams a second at ``host:port`` (and RTCP at port+1) for
    ``duration_s``, from a fresh socket."""
    rng = random.Random(seed)
    ssrc = rng.getrandbits(32)
    sent = seq = 0
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.setblocking(False)
        started = time.monotonic()
        while (now := time.monotonic()) < started + duration_s:
            due = int((now - started) * rate)
            while sent < due:
                for data, offset in _round(rng, seq, ssrc):
                    with contextlib.suppress(OSError):  # a full send buffer loses some
                        sock.sendto(data, (host, port + offset))
                    sent += 1
                seq += 2
            time.sleep(0.01)
        ended = time.monotonic()
        time.sleep(0.5)  # anything the server sends back arrives by now
        echoed = 0
        try:
            while sock.recv(65535):
                echoed += 1
        except BlockingIOError:
            pass
    return FloodResult(sent, echoed, started, ended)
