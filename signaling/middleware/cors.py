"""Cross-origin access for the configured origins only (`Settings.cors_origins`).

Our own pages are same-origin and need nothing; an entry is a site that embeds Mockline
(a college portal) and may call the API with credentials. A wildcard is refused at start-up:
with credentials allowed, Starlette would answer any origin with that origin.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware

ALLOWED_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
ALLOWED_HEADERS = ("Authorization", "Content-Type")
EXPOSED_HEADERS = ("Retry-After",)
PREFLIGHT_MAX_AGE_S = 600


def normalized_origins(origins: Sequence[str]) -> list[str]:
    """Origins as browsers send them (no trailing slash); a wildcard is a ValueError."""
    cleaned = [origin.strip().rstrip("/") for origin in origins if origin.strip()]
    if any("*" in origin for origin in cleaned):
        raise ValueError("MOCKLINE_CORS_ORIGINS may not contain a wildcard; list each origin")
    return cleaned


def add_cors(app: Starlette, origins: Sequence[str]) -> None:
    """Adds CORS handling when any origin is configured; with none, cross-origin is denied."""
    allowed = normalized_origins(origins)
    if not allowed:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=allowed,
        allow_credentials=True,
        allow_methods=ALLOWED_METHODS,
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        max_age=PREFLIGHT_MAX_AGE_S,
    )
