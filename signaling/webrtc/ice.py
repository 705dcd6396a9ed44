"""ICE configuration: explicit servers only, and loopback host candidates.

aiortc's default ICE server is a public STUN host, so a configuration is always passed.
aioice leaves 127.0.0.1 out of host candidates; a browser on the same machine (a candidate
practising locally, or our tests) may only reach us there, so it is added back.
"""

from __future__ import annotations

import aioice.ice
from aiortc import RTCConfiguration, RTCIceServer

from agent.settings import Settings

_original_get_host_addresses = aioice.ice.get_host_addresses


def _with_loopback(use_ipv4: bool, use_ipv6: bool) -> list[str]:
    addresses = _original_get_host_addresses(use_ipv4, use_ipv6)
    if use_ipv4 and "127.0.0.1" not in addresses:
        addresses.append("127.0.0.1")
    return addresses


def include_loopback_candidates() -> None:
    aioice.ice.get_host_addresses = _with_loopback


def rtc_configuration(settings: Settings) -> RTCConfiguration:
    servers = [
        RTCIceServer(
            urls=url,
            username=settings.turn_username or None,
            credential=settings.turn_password or None,
        )
        for url in settings.ice_servers
    ]
    return RTCConfiguration(iceServers=servers)


def browser_ice_servers(settings: Settings) -> list[dict[str, object]]:
    """The same servers in the shape a browser's RTCPeerConnection takes."""
    out: list[dict[str, object]] = []
    for url in settings.ice_servers:
        entry: dict[str, object] = {"urls": url}
        if url.startswith("turn") and settings.turn_username:
            entry["username"] = settings.turn_username
            entry["credential"] = settings.turn_password
        out.append(entry)
    return out
