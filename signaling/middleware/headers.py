"""Security headers on every response: pages, static files, API, and error responses.

The Content-Security-Policy allows only our own scripts, styles and connections, so an
injected ``<script>`` or inline handler does nothing. Media may come from the microphone
(``mediastream:``) and from blobs; no page may be framed, with one exception: the embed page
(`/embed/{org}`) sets its own policy, whose ``frame-ancestors`` lists its organisation's
origins, and then gets no ``X-Frame-Options`` (which cannot name origins). In LiveKit mode the
page may also connect to the LiveKit server (`livekit_sources`). A header a route has set
itself wins. Responses under ``/api/`` (sessions, tokens, exports) are not cached.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self' blob: mediastream:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
)
CONTENT_SECURITY_POLICY = "; ".join(CSP_DIRECTIVES)


def content_security_policy(connect_sources: tuple[str, ...] = ()) -> str:
    """The policy, with ``connect_sources`` added to what the page may connect to."""
    if not connect_sources:
        return CONTENT_SECURITY_POLICY
    extra = " ".join(connect_sources)
    return "; ".join(f"{d} {extra}" if d.startswith("connect-src ") else d for d in CSP_DIRECTIVES)


def livekit_sources(url: str | None) -> tuple[str, ...]:
    """A LiveKit server's origin as the page reaches it: its WebSocket and its HTTP side."""
    if not url or "://" not in url:
        return ()
    scheme, rest = url.split("://", 1)
    host = rest.split("/", 1)[0]
    secure = scheme in ("wss", "https")
    return (f"{'wss' if secure else 'ws'}://{host}", f"{'https' if secure else 'http'}://{host}")


SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", "microphone=(self)"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
)

# Only sent when the server is known to be behind HTTPS (`Settings.secure_cookies`).
HSTS = ("Strict-Transport-Security", "max-age=31536000")


def _own_frame_ancestors(headers: MutableHeaders) -> bool:
    """The route set a policy that lets some origins frame it (the embed page)."""
    policy = headers.get("content-security-policy", "")
    return "frame-ancestors" in policy and "frame-ancestors 'none'" not in policy


class SecurityHeaders:
    def __init__(
        self, app: ASGIApp, hsts: bool = False, connect_sources: tuple[str, ...] = ()
    ) -> None:
        self.app = app
        csp = ("Content-Security-Policy", content_security_policy(connect_sources))
        others = tuple(h for h in SECURITY_HEADERS if h[0] != "Content-Security-Policy")
        self.headers = (csp, *others) + ((HSTS,) if hsts else ())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_api = str(scope.get("path", "")).startswith("/api/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                headers = MutableHeaders(scope=message)
                framing = _own_frame_ancestors(headers)
                for name, value in self.headers:
                    if name == "X-Frame-Options" and framing:
                        continue
                    headers.setdefault(name, value)
                if is_api:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)
