"""The current user of a request, from `Authorization: Bearer <access token>`.

Use as `user: CurrentUser` in a route, or `access: CurrentAccess` when the route also needs
the token's claims (sign-out and account deletion revoke it). Missing, expired, forged or
revoked tokens (`revocation`) are 401; a token for an account that was deleted is 401 too.
An organisation's embed token is accepted as its student's session on every route (checked
in `embed`); it carries no access-token claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from agent.store.models import User

from ..errors import ApiError
from ..routes.common import ready_runtime
from .embed import embed_user
from .tokens import AccessClaims, InvalidToken


@dataclass(frozen=True, slots=True)
class Access:
    user: User
    claims: AccessClaims | None
    """None for an embed session: it is the portal's, and ends when its token expires."""


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


async def current_access(request: Request) -> Access:
    runtime = ready_runtime(request)
    token = bearer_token(request)
    if token is None:
        raise ApiError(401, "unauthorized", "Sign in (or start as a guest) to do this.")
    if runtime.tokens.token_kind(token) == "embed":
        return Access(await embed_user(runtime, request, token), None)
    try:
        claims = runtime.tokens.access_claims(token)
    except InvalidToken:
        raise ApiError(401, "unauthorized", "Your session has expired; sign in again.") from None
    if await runtime.revocations.any_revoked(claims.revocation_ids):
        raise ApiError(401, "unauthorized", "You have signed out; sign in again.")
    user = await runtime.users.get_user(claims.user_id)
    if user is None:
        raise ApiError(401, "unauthorized", "This account no longer exists.")
    return Access(user, claims)


async def current_user(access: Annotated[Access, Depends(current_access)]) -> User:
    return access.user


CurrentAccess = Annotated[Access, Depends(current_access)]
CurrentUser = Annotated[User, Depends(current_user)]
