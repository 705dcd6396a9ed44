"""Request size limit: bodies over the cap are refused with 413, however they are framed.

A declared ``Content-Length`` over the cap is refused before anything is read. A body without
one (``Transfer-Encoding: chunked``) is counted as it streams in; once it passes the cap the
413 goes out at once and the app is told the client left, so it stops reading. The app's own
answer to that (FastAPI's "error parsing the body") is dropped: the client has its 413.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_response

MAX_BODY_BYTES = 256 * 1024
# A 5 MB resume plus multipart framing; the upload route enforces the 5 MB file cap itself.
MAX_UPLOAD_BODY_BYTES = 6 * 1024 * 1024
UPLOAD_PATH_PREFIXES = ("/api/resumes",)

_DISCONNECT: Message = {"type": "http.disconnect"}


def body_limit_for(path: str) -> int:
    if path.startswith(UPLOAD_PATH_PREFIXES):
        return MAX_UPLOAD_BODY_BYTES
    return MAX_BODY_BYTES


def _too_large() -> ASGIApp:
    return error_response(413, "too_large", "The request body is too large.")


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
            await _too_large()(scope, receive, send)
            return
        await _StreamedBody(self.app, max_bytes)(scope, receive, send)


class _StreamedBody:
    """One request whose body is counted as it arrives (the chunked case)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self._app = app
        self._max_bytes = max_bytes
        self._seen = 0
        self._refused = False
        self._answered = False  # the 413 went out instead of the app's response
        self._response_started = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def limited_receive() -> Message:
            if self._refused:
                return _DISCONNECT
            message = await receive()
            if message["type"] == "http.request":
                self._seen += len(message.get("body", b""))
                if self._seen > self._max_bytes:
                    self._refused = True
                    if not self._response_started:
                        self._response_started = self._answered = True
                        await _too_large()(scope, receive, send)
                    return _DISCONNECT
            return message

        async def guarded_send(message: Message) -> None:
            if self._answered:
                return  # the client has its 413; the app's answer to the "disconnect" is moot
            if message["type"] == "http.response.start":
                self._response_started = True
            await send(message)

        await self._app(scope, limited_receive, guarded_send)
