"""Who may call: the trunks' IP ranges, and optional SIP digest credentials for the rest.

A datagram from an address outside the ranges is dropped before it is parsed, unless
credentials are configured; then such a caller's INVITE is challenged (`digest`).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True, slots=True)
class TrunkPolicy:
    networks: tuple[Network, ...]
    username: str = ""
    password: str = ""

    @classmethod
    def of(cls, ranges: list[str], username: str = "", password: str = "") -> TrunkPolicy:
        """Raises ValueError for a range that is not an IP network."""
        nets = tuple(ipaddress.ip_network(r.strip(), strict=False) for r in ranges if r.strip())
        return cls(nets, username, password)

    @property
    def credentials(self) -> bool:
        return bool(self.username and self.password)

    def trusted(self, host: str) -> bool:
        """The address is one of the trunks'."""
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(ip in net for net in self.networks)

    def admits(self, host: str) -> bool:
        """A datagram from ``host`` is read at all."""
        return self.credentials or self.trusted(host)
