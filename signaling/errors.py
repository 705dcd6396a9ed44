"""One error shape for every API failure: `{"error": {"code", "message"}}` with a 4xx/5xx.

A database outage is handled here once for every route: whatever was running, an error that
says PostgreSQL cannot be reached (`agent.store.availability.is_unavailable`) answers
``503 database_unavailable`` with ``Retry-After``, never a 500. Nothing was acknowledged to
the client, so nothing acknowledged is lost; the client retries.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from agent.store.availability import OUTAGE_ERROR_TYPES, is_unavailable

log = logging.getLogger(__name__)

DATABASE_RETRY_AFTER_S = 5

_HTTP_CODES = {400: "invalid_request", 404: "not_found"}


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


def database_unavailable_response() -> JSONResponse:
    return error_response(
        503,
        "database_unavailable",
        "The database is unavailable for a moment; nothing was saved, try again shortly.",
        {"Retry-After": str(DATABASE_RETRY_AFTER_S)},
    )


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg")))
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(400, "invalid_request", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        # FastAPI's own 400 is a body it could not decode (not UTF-8, say): the same
        # mistake as malformed JSON, so the same code.
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail))

    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        if is_unavailable(exc):
            # The error's type only: its message is the driver's, and may name the host.
            log.warning(
                "database unavailable on %s %s (%s)",
                request.method,
                request.url.path,
                type(exc).__name__,
            )
            return database_unavailable_response()
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal_error", "Something went wrong on our side.")

    # The outage types get their own entry so they are answered where they are caught
    # (anything else lands in the catch-all below, which checks for a wrapped outage too).
    for error_type in OUTAGE_ERROR_TYPES:
        app.add_exception_handler(error_type, _unexpected)
    app.add_exception_handler(Exception, _unexpected)
