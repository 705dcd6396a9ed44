"""Rate limiting as ASGI middleware: the table in `rates`, counters in a backend.

A request whose ``(method, path)`` is in the table is counted against its client address
before it reaches the app; over the limit it gets ``429 rate_limited`` with ``Retry-After``
(whole seconds) and the app never sees it. The backend is closed with the app's lifespan.
"""

from __future__ import annotations

import ipaddress
import logging
import math
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import error_response
from .config import SecurityConfig
from .ratelimit_backends import RateLimitBackend
from .rates import Rate, Route, scaled_limits

log = logging.getLogger(__name__)


def _forwarded_for(scope: Scope) -> list[str]:
    entries: list[str] = []
    for name, value in scope.get("headers", []):
        if name == b"x-forwarded-for":
            entries.extend(p.strip() for p in value.decode("latin-1").split(","))
    return [e for e in entries if e]


def _address_key(address: str) -> str:
    """An IPv6 client usually holds a whole /64, so that is what is counted."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64] or "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def client_address(scope: Scope, trust_proxy_headers: bool, proxy_hops: int = 1) -> str:
    """The socket peer; behind trusted proxies, the address the outermost proxy saw.

    Each proxy appends its peer to ``X-Forwarded-For``, so with ``proxy_hops`` proxies the
    client is that many entries from the right; anything further left is the client's say.
    """
    peer = scope.get("client")
    address = str(peer[0]) if peer else ""
    if trust_proxy_headers:
        forwarded = _forwarded_for(scope)
        if forwarded:
            address = forwarded[-proxy_hops] if len(forwarded) >= proxy_hops else forwarded[0]
    return _address_key(address)


class RateLimitMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        backend: RateLimitBackend,
        config: SecurityConfig,
        limits: Mapping[Route, Rate] | None = None,
    ) -> None:
        self.app = app
        self.backend = backend
        self.limits = limits if limits is not None else scaled_limits(config.rate_limit_multiplier)
        self._prefix = config.rate_limit_key_prefix
        self._trust_proxy_headers = config.trust_proxy_headers
        self._proxy_hops = config.proxy_hops

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, self._closing_on_shutdown(send))
            return
        rate = self.limits.get((scope.get("method", ""), scope.get("path", "")))
        if scope["type"] != "http" or rate is None:
            await self.app(scope, receive, send)
            return
        address = client_address(scope, self._trust_proxy_headers, self._proxy_hops)
        key = f"{self._prefix}:{scope['method']} {scope['path']}:{address}"
        decision = await self.backend.hit(key, rate)
        if decision.allowed:
            await self.app(scope, receive, send)
            return
        retry_after = max(1, math.ceil(decision.retry_after_s))
        log.debug("rate limited: %s %s", scope["method"], scope["path"])
        response = error_response(
            429, "rate_limited", f"Too many requests; try again in {retry_after} s."
        )
        response.headers["Retry-After"] = str(retry_after)
        await response(scope, receive, send)

    def _closing_on_shutdown(self, send: Send) -> Send:
        async def send_then_close(message: Message) -> None:
            if message["type"] in ("lifespan.shutdown.complete", "lifespan.shutdown.failed"):
                await self.backend.aclose()
            await send(message)

        return send_then_close
