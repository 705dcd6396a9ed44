"""The current user of a request, from `Authorization: Bearer <access token>`.

Use as `user: CurrentUser` in a route. Missing, expired or forged tokens are 401; a token
for an account that was deleted is 401 too. An organisation's embed token is accepted as its
student's session on every route (checked in `embed`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from agent.store.models import User

from ..errors import ApiError
from ..routes.common import ready_runtime
from .embed import embed_user
from .tokens import InvalidToken


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


async def current_user(request: Request) -> User:
    runtime = ready_runtime(request)
    token = bearer_token(request)
    if token is None:
        raise ApiError(401, "unauthorized", "Sign in (or start as a guest) to do this.")
    if runtime.tokens.token_kind(token) == "embed":
        return await embed_user(runtime, request, token)
    try:
        user_id = runtime.tokens.user_of_access_token(token)
    except InvalidToken:
        raise ApiError(401, "unauthorized", "Your session has expired; sign in again.") from None
    user = await runtime.users.get_user(user_id)
    if user is None:
        raise ApiError(401, "unauthorized", "This account no longer exists.")
    return user


CurrentUser = Annotated[User, Depends(current_user)]
