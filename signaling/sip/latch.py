"""Which address a call's media may come from, so a stranger cannot take over the leg.

aiortp's symmetric RTP follows *any* address that sends a parseable packet: one spoofed
packet on the media port would redirect the interviewer's voice to the sender, and each
new SSRC resets the jitter buffer (an RTP flood becomes a denial of service and a way to
inject words into someone's interview). `SourceLatch` decides per datagram instead:

- the address the caller's SDP gave is always accepted and becomes *the* source (even
  over an address learned before it spoke);
- a caller behind NAT sends from another address: that one is accepted after
  `PROBATION` packets in sequence from it (RFC 4961 latching with the learning step
  Asterisk's ``strictrtp`` uses), and then becomes the source;
- once there is a source, everything from anywhere else is dropped;
- RTP that is not version 2, shorter than its header, or bigger than `MAX_RTP` is dropped
  before anyone parses it (aiortp logs a warning per unparseable packet: a flood of them
  must not become a flood of log).

RTCP is accepted from the source's port (multiplexed) or the port after it (RFC 3550).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

Address = tuple[str, int]

PROBATION = 5
"""Packets in sequence from an address the SDP did not name before it is believed."""
MAX_RTP = 1500
"""Bytes. A G.711 packet of 20 ms is 172; even 60 ms ptime is 492."""


def plausible_rtp(data: bytes) -> bool:
    """Worth parsing: version 2, a whole header, not oversized."""
    return 12 <= len(data) <= MAX_RTP and data[0] >> 6 == 2


@dataclass(slots=True)
class SourceLatch:
    expected: Address
    """The media address in the caller's SDP."""
    source: Address | None = None
    _candidate: Address | None = None
    _last_seq: int = -1
    _run: int = 0

    @classmethod
    def of(cls, sdp_address: Address) -> SourceLatch:
        """The SDP's address written as the socket layer writes addresses."""
        return cls((ipaddress.ip_address(sdp_address[0]).compressed, sdp_address[1]))

    def accepts_rtp(self, data: bytes, addr: tuple[str, int] | tuple[str, int, int, int]) -> bool:
        if not plausible_rtp(data):
            return False
        addr = (addr[0], addr[1])  # an IPv6 socket address has flow info and scope too
        if addr == self.expected:  # the SDP's word beats anything learned
            self.source = addr
            return True
        if self.source is not None:
            return addr == self.source
        return self._learn(addr, int.from_bytes(data[2:4], "big"))

    def _learn(self, addr: Address, seq: int) -> bool:
        if addr == self._candidate and seq == (self._last_seq + 1) % 65536:
            self._run += 1
        else:
            self._candidate, self._run = addr, 1
        self._last_seq = seq
        if self._run >= PROBATION:
            self.source = addr
            return True
        return False

    def accepts_rtcp(self, data: bytes, addr: tuple[str, int] | tuple[str, int, int, int]) -> bool:
        if not 8 <= len(data) <= MAX_RTP or data[0] >> 6 != 2:
            return False
        host, port = self.source or self.expected
        return addr[0] == host and addr[1] in (port, port + 1)
