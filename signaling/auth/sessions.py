"""Sessions as the auth routes hand them out and end them.

A session is a refresh-token family (`agent.store.users`) and the access tokens issued with
it, which carry the family's id as ``sid``. Ending a session revokes the family in
PostgreSQL and puts its id on the access-token deny-list (`revocation`) until its last
access token would have expired anyway.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from uuid import UUID

from fastapi import Response

from agent.store.models import User

from ..runtime import Runtime
from .tokens import (
    DEVICE_TOKEN_TTL_S,
    AccessClaims,
    hash_refresh_token,
    new_refresh_token,
    session_revocation_id,
    token_revocation_id,
)

REFRESH_COOKIE = "mockline_refresh"
DEVICE_COOKIE = "mockline_device"
COOKIE_PATH = "/api/auth"


def _set_cookie(runtime: Runtime, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=runtime.settings.secure_cookies,
    )


async def start_session(
    runtime: Runtime, user: User, response: Response, *, family_id: UUID | None = None
) -> tuple[str, str]:
    """A new refresh token (in ``family_id``, else a new family) and an access token for it;
    the refresh token is also set as the httpOnly cookie. Returns (access, refresh)."""
    refresh = new_refresh_token()
    days = runtime.tokens.refresh_ttl_days
    family = await runtime.users.add_refresh_token(
        user.id, hash_refresh_token(refresh), datetime.now(UTC) + timedelta(days=days), family_id
    )
    _set_cookie(runtime, response, REFRESH_COOKIE, refresh, days * 86400)
    return runtime.tokens.access_token(user.id, family), refresh


def trust_browser(runtime: Runtime, user: User, response: Response) -> None:
    """Gives the browser that just proved the password a device token (`signin_throttle`)."""
    token = runtime.tokens.device_token(user.id)
    _set_cookie(runtime, response, DEVICE_COOKIE, token, DEVICE_TOKEN_TTL_S)


async def end_sessions(
    runtime: Runtime, families: Iterable[UUID], access: AccessClaims | None = None
) -> None:
    """Deny the access tokens of these sessions, and ``access`` itself, until they expire."""
    session_end = time.time() + runtime.tokens.access_ttl_s
    for family in families:
        await runtime.revocations.revoke(session_revocation_id(family), session_end)
    if access is not None:
        await runtime.revocations.revoke(token_revocation_id(access.token_id), access.expires_at)
        await runtime.revocations.revoke(session_revocation_id(access.session_id), session_end)
