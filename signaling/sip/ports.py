"""RTP/RTCP port pairs from the configured range (what an operator opens in a firewall).

Synchronous, so an INVITE is answered in the same callback that read it (a retransmitted
INVITE then finds the dialog confirmed instead of starting a second call).
"""

from __future__ import annotations

import socket


class NoPortsLeft(RuntimeError):
    pass


class PortRange:
    def __init__(self, host: str, first: int, last: int) -> None:
        self._host = host
        self._first = first + (first % 2)  # RTP on even ports, RTCP on the next odd one
        self._last = last
        self._taken: set[int] = set()
        self._next = self._first

    def _free(self, port: int) -> bool:
        family = socket.AF_INET6 if ":" in self._host else socket.AF_INET
        socks = [socket.socket(family, socket.SOCK_DGRAM) for _ in range(2)]
        try:
            socks[0].bind((self._host, port))
            socks[1].bind((self._host, port + 1))
            return True
        except OSError:
            return False
        finally:
            for s in socks:
                s.close()

    def take(self) -> int:
        """An even RTP port whose pair is free; raises `NoPortsLeft`."""
        span = max(1, (self._last - self._first) // 2)
        for _ in range(span):
            port = self._next
            self._next = port + 2 if port + 3 <= self._last else self._first
            if port not in self._taken and self._free(port):
                self._taken.add(port)
                return port
        raise NoPortsLeft(f"no free RTP port pair in {self._first}-{self._last}")

    def give_back(self, port: int) -> None:
        self._taken.discard(port)
