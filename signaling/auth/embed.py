"""Embed tokens as a student's session, and the origins an organisation allows.

An embed token is minted by an organisation's portal (with its server key) for one student
and works as that student's Bearer token on every route. It is refused when it expired, when
its server key was rotated since, when the student or the organisation is gone, and when the
browser's ``Origin`` is neither one the organisation allows (nor the one origin the token
was bound to) nor this server's own (the `/embed/{org}` page).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request

from agent.store.models import User
from agent.store.orgs import OrgStore

from ..errors import ApiError
from ..runtime import Runtime
from .tokens import InvalidToken

MAX_ORIGIN_CHARS = 200


class OriginError(ValueError):
    """An origin that is not one exact ``scheme://host[:port]``."""


def normalized_origin(raw: str) -> str:
    """``raw`` as browsers send it in ``Origin``; wildcards, paths and other schemes refused."""
    text = raw.strip().rstrip("/")
    if "*" in text:
        raise OriginError(f"{raw!r}: wildcards are not allowed; list each origin exactly")
    if any(ord(c) < 33 or ord(c) == 127 for c in text):
        raise OriginError(f"{raw!r} has spaces or control characters")
    parts = urlsplit(text)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path
        or parts.query
        or parts.fragment
        or parts.username
        or parts.password
        or len(text) > MAX_ORIGIN_CHARS
    ):
        raise OriginError(f"{raw!r} is not an origin like https://portal.example.edu")
    return f"{parts.scheme}://{parts.netloc.lower()}"


def is_own_origin(request: Request, origin: str) -> bool:
    """The request comes from a page of this server (the `/embed/{org}` iframe)."""
    return urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()


def origin_allowed(request: Request, allowed: list[str], bound_to: str | None) -> bool:
    """A browser's request from an allowed origin, or no browser origin at all (same-origin
    GETs and server-side callers, which hold the token anyway)."""
    origin = request.headers.get("origin")
    if origin is None or is_own_origin(request, origin):
        return True
    if bound_to is not None:
        return origin == bound_to
    return origin in allowed


async def embed_user(runtime: Runtime, request: Request, token: str) -> User:
    try:
        grant = runtime.tokens.embed_grant(token)
    except InvalidToken:
        raise ApiError(
            401, "unauthorized", "Your practice session has expired; reload the page."
        ) from None
    orgs = OrgStore(runtime.db_pool)
    org = await orgs.get(grant.organisation_id)
    if org is None or not await orgs.key_is_live(org.id, grant.key_id):
        raise ApiError(
            401, "unauthorized", "This practice session is no longer valid; reload the page."
        )
    if not origin_allowed(request, org.allowed_origins, grant.origin):
        raise ApiError(
            403, "origin_not_allowed", "This site may not use this organisation's practice."
        )
    user = await runtime.users.get_user(grant.user_id)
    if user is None or user.organisation_id != org.id or not user.is_student:
        raise ApiError(401, "unauthorized", "This account no longer exists.")
    return user
