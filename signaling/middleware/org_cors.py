"""CORS for the origins organisations allow (college portals running the widget).

Beside the static `MOCKLINE_CORS_ORIGINS` list (`cors.py`), any origin that some
organisation allows may call the routes the widget uses: interviews, its organisation's
embed routes and the student's own account (export, deletion). These answers carry no
credentials flag: the widget authenticates with its Bearer token, never with cookies.
Whether the token works from that origin is decided per request (`signaling.auth.embed`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .cors import ALLOWED_HEADERS, ALLOWED_METHODS, EXPOSED_HEADERS, PREFLIGHT_MAX_AGE_S

OriginCheck = Callable[[str], Awaitable[bool]]

WIDGET_PATH_PREFIXES = ("/api/interviews", "/api/orgs/", "/api/me")


def _widget_path(path: str) -> bool:
    return any(path == p.rstrip("/") or path.startswith(p) for p in WIDGET_PATH_PREFIXES)


class OrgCors:
    def __init__(self, app: ASGIApp, allows: OriginCheck, static_origins: Sequence[str]) -> None:
        self.app = app
        self.allows = allows
        self.static_origins = frozenset(static_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _widget_path(str(scope.get("path", ""))):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None or origin in self.static_origins or not await self.allows(origin):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self._preflight(origin)(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out["Access-Control-Allow-Origin"] = origin
                out["Access-Control-Expose-Headers"] = ", ".join(EXPOSED_HEADERS)
                out.add_vary_header("Origin")
            await send(message)

        await self.app(scope, receive, send_with_cors)

    @staticmethod
    def _preflight(origin: str) -> Response:
        return Response(
            status_code=204,
            headers={
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": ", ".join(ALLOWED_METHODS),
                "Access-Control-Allow-Headers": ", ".join(ALLOWED_HEADERS),
                "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE_S),
                "Vary": "Origin",
            },
        )
