"""aiosipua's UDP transport, hardened for a public port.

- Python 3.11: aiosipua asserts ``isinstance(transport, asyncio.DatagramTransport)`` in
  ``connection_made``, which fails for the transports uvloop and 3.11's selector loop hand
  out (cpython#90352; fixed in 3.12). This protocol skips the assertion.
- Datagrams from addresses the `TrunkPolicy` does not admit, and oversized ones, are
  dropped before parsing.
- A datagram that does not parse is dropped with a debug line, not a logged traceback
  (a flood of garbage must not become a flood of log).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiosipua import SipMessage, SipRequest, UdpSipTransport
from aiosipua.transport import _stamp_via_received

log = logging.getLogger(__name__)

Admit = Callable[[str], bool]
MAX_DATAGRAM = 16 * 1024
"""Bigger is not a SIP message a trunk sends over UDP (RFC 3261 §18.1.1 wants TCP above
1300 bytes); parsing it would only cost time."""


class _Protocol(asyncio.DatagramProtocol):
    def __init__(self, owner: GuardedUdpTransport) -> None:
        self._owner = owner

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._owner._udp_transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr: tuple[str, int] | Any) -> None:
        self._owner.on_datagram(data, (str(addr[0]), int(addr[1])))

    def error_received(self, exc: Exception) -> None:
        log.debug("sip socket error: %s", exc)


@dataclass
class GuardedUdpTransport(UdpSipTransport):
    admit: Admit = field(default=lambda _host: True)
    dropped: int = field(default=0, init=False)
    """Datagrams dropped (not admitted, or not SIP)."""

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        await loop.create_datagram_endpoint(lambda: _Protocol(self), local_addr=self.local_addr)

    @property
    def bound_port(self) -> int:
        sock = self._udp_transport.get_extra_info("sockname") if self._udp_transport else None
        return int(sock[1]) if sock else 0

    def on_datagram(self, data: bytes, addr: tuple[str, int]) -> None:
        if len(data) > MAX_DATAGRAM or not self.admit(addr[0]) or not data.strip():
            self.dropped += 1
            return
        try:
            msg = SipMessage.parse(data)
            if isinstance(msg, SipRequest):
                _stamp_via_received(msg, addr)
        except Exception:  # any garbage: aiosipua raises several exception types
            self.dropped += 1
            log.debug("dropped a datagram that is not SIP (%d bytes)", len(data))
            return
        if self.on_message is not None:
            try:
                self.on_message(msg, addr)
            except Exception:
                self.dropped += 1
                log.debug("could not handle a SIP message", exc_info=True)
