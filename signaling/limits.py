"""Request size limit: bodies over the cap are refused before they are read."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import error_response

MAX_BODY_BYTES = 256 * 1024
# A 5 MB resume plus multipart framing; the upload route enforces the 5 MB file cap itself.
MAX_UPLOAD_BODY_BYTES = 6 * 1024 * 1024
UPLOAD_PATH_PREFIXES = ("/api/resumes",)


def body_limit_for(path: str) -> int:
    if path.startswith(UPLOAD_PATH_PREFIXES):
        return MAX_UPLOAD_BODY_BYTES
    return MAX_BODY_BYTES


class BodySizeLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = body_limit_for(str(scope.get("path", "")))
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > max_bytes):
            response = error_response(413, "too_large", "The request body is too large.")
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> dict[str, object]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > max_bytes:
                    raise _TooLarge
            return dict(message)

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            response = error_response(413, "too_large", "The request body is too large.")
            await response(scope, receive, send)


class _TooLarge(Exception):
    pass
