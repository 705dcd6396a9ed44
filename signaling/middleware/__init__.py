"""HTTP security around the app: rate limits, CORS, and security headers.

`install_security_middleware` is the one entry point `signaling.app` calls. Starlette runs
the last-added middleware first, so the order here is, from the outside in: security
headers (on every response, 429s and preflights included), CORS for the organisations'
origins and then for the configured ones (so a 429 is readable cross-origin), then rate
limits (before the body is read or any route runs).
"""

from __future__ import annotations

from starlette.applications import Starlette

from agent.settings import Settings

from .config import SecurityConfig
from .cors import add_cors, normalized_origins
from .headers import SecurityHeaders, livekit_sources
from .org_cors import OrgCors, OriginCheck
from .ratelimit import RateLimitMiddleware
from .ratelimit_backends import backend_for

__all__ = ["SecurityConfig", "install_security_middleware"]


def install_security_middleware(
    app: Starlette,
    settings: Settings,
    config: SecurityConfig | None = None,
    org_origins: OriginCheck | None = None,
) -> None:
    config = config or SecurityConfig()
    if config.rate_limits_enabled:
        backend = backend_for(settings.redis_url)
        app.add_middleware(RateLimitMiddleware, backend=backend, config=config)
    add_cors(app, settings.cors_origins)
    if org_origins is not None:
        app.add_middleware(
            OrgCors, allows=org_origins, static_origins=normalized_origins(settings.cors_origins)
        )
    livekit = settings.livekit_public_url or settings.livekit_url
    app.add_middleware(
        SecurityHeaders,
        hsts=settings.secure_cookies,
        connect_sources=livekit_sources(livekit) if settings.livekit_configured else (),
    )
