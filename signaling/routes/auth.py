"""Sign-up, sign-in, guests and claiming them, refresh-token rotation, sign-out.

Sign-in is delayed per account after repeated failures (`auth.signin_throttle`, which
explains why that is no lockout); a refresh token used twice ends its whole session
family; sign-out ends the session, its access tokens included (`auth.sessions`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Body, Cookie, Request, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from agent.store.models import User
from agent.store.signin_failures import SignInFailureStore
from agent.store.users import EmailTakenError, RefreshTokenReusedError

from ..auth.deps import CurrentUser, bearer_token
from ..auth.passwords import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    hash_password,
    needs_rehash,
    verify_password,
)
from ..auth.sessions import (
    COOKIE_PATH,
    REFRESH_COOKIE,
    end_sessions,
    start_session,
    trust_browser,
)
from ..auth.signin_throttle import SignInAttempt, SignInThrottle
from ..auth.tokens import AccessClaims, DeviceGrant, InvalidToken, hash_refresh_token
from ..errors import ApiError
from ..runtime import Runtime
from .common import ready_runtime

router = APIRouter(prefix="/api/auth", tags=["auth"])

__all__ = ["REFRESH_COOKIE", "Session", "UserOut", "router"]


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)

    @field_validator("email")
    @classmethod
    def _email_shape(cls, value: str) -> str:
        value = value.strip()
        local, at, domain = value.rpartition("@")
        if not at or not local or "." not in domain or any(c.isspace() for c in value):
            raise ValueError("enter a valid email address")
        return value


class RefreshBody(BaseModel):
    refresh_token: str | None = Field(default=None, max_length=256)


class UserOut(BaseModel):
    id: UUID
    email: str | None
    is_guest: bool
    store_audio: bool
    transcript_retention_days: int | None
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls.model_validate(user.model_dump())


class Session(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    refresh_token: str
    user: UserOut


def _check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ApiError(
            400, "weak_password", f"Use a password of at least {MIN_PASSWORD_LENGTH} characters."
        )


async def _session(
    runtime: Runtime,
    user: User,
    response: Response,
    *,
    family_id: UUID | None = None,
    proved_password: bool = False,
) -> Session:
    access, refresh = await start_session(runtime, user, response, family_id=family_id)
    if proved_password:
        trust_browser(runtime, user, response)
    return Session(
        access_token=access,
        expires_in=runtime.tokens.access_ttl_s,
        refresh_token=refresh,
        user=UserOut.of(user),
    )


@router.post("/signup", status_code=201)
async def signup(body: Credentials, request: Request, response: Response) -> Session:
    runtime = ready_runtime(request)
    _check_new_password(body.password)
    try:
        user = await runtime.users.create_user(
            email=body.email, password_hash=await hash_password(body.password), is_guest=False
        )
    except EmailTakenError:
        raise ApiError(409, "email_taken", "An account with this email exists; sign in.") from None
    return await _session(runtime, user, response, proved_password=True)


def _device(runtime: Runtime, token: str | None) -> DeviceGrant | None:
    try:
        return runtime.tokens.device_grant(token) if token else None
    except InvalidToken:
        return None


@router.post("/signin")
async def signin(
    body: Credentials,
    request: Request,
    response: Response,
    mockline_device: Annotated[str | None, Cookie()] = None,
) -> Session:
    runtime = ready_runtime(request)
    found = await runtime.users.get_credentials(body.email)
    attempt = SignInAttempt.of(
        body.email, found[0].id if found else None, _device(runtime, mockline_device)
    )
    throttle = SignInThrottle(SignInFailureStore(runtime.db_pool))
    wait_s = await throttle.admit(attempt)
    if wait_s > 0:
        raise ApiError(
            429,
            "signin_delayed",
            f"Too many failed sign-ins for this account; try again in {wait_s} s.",
            headers={"Retry-After": str(wait_s)},
        )
    password_hash = found[1] if found else None
    if not await verify_password(password_hash, body.password) or found is None:
        raise ApiError(401, "invalid_credentials", "The email or password is not right.")
    await throttle.succeeded(attempt)
    user = found[0]
    if needs_rehash(found[1]):
        await runtime.users.set_password_hash(user.id, await hash_password(body.password))
    return await _session(runtime, user, response, proved_password=True)


@router.post("/guest", status_code=201)
async def guest(request: Request, response: Response) -> Session:
    runtime = ready_runtime(request)
    user = await runtime.users.create_user(email=None, password_hash=None, is_guest=True)
    return await _session(runtime, user, response)


@router.post("/claim")
async def claim(
    body: Credentials, user: CurrentUser, request: Request, response: Response
) -> Session:
    runtime = ready_runtime(request)
    if not user.is_guest:
        raise ApiError(409, "not_a_guest", "This account is already saved.")
    _check_new_password(body.password)
    try:
        claimed = await runtime.users.claim_guest(
            user.id, email=body.email, password_hash=await hash_password(body.password)
        )
    except EmailTakenError:
        raise ApiError(409, "email_taken", "An account with this email exists; sign in.") from None
    if claimed is None:
        raise ApiError(409, "not_a_guest", "This account is already saved.")
    return await _session(runtime, claimed, response, proved_password=True)


def _presented_refresh(body: RefreshBody | None, cookie: str | None) -> str | None:
    return (body.refresh_token if body and body.refresh_token else None) or cookie


def _session_ended(message: str = "Your session has ended; sign in again.") -> ApiError:
    expired = f"{REFRESH_COOKIE}=; Max-Age=0; Path={COOKIE_PATH}; HttpOnly; SameSite=strict"
    return ApiError(401, "unauthorized", message, headers={"Set-Cookie": expired})


@router.post("/refresh")
async def refresh(
    request: Request,
    response: Response,
    body: Annotated[RefreshBody | None, Body()] = None,
    mockline_refresh: Annotated[str | None, Cookie()] = None,
) -> Session:
    runtime = ready_runtime(request)
    token = _presented_refresh(body, mockline_refresh)
    try:
        rotation = (
            await runtime.users.consume_refresh_token(hash_refresh_token(token)) if token else None
        )
    except RefreshTokenReusedError as reused:
        # Someone else holds a copy of this session: end it everywhere, access tokens too.
        await end_sessions(runtime, [reused.family_id])
        raise _session_ended(
            "This session was used elsewhere and has ended; sign in again."
        ) from None
    user = await runtime.users.get_user(rotation.user_id) if rotation else None
    if rotation is None or user is None:
        raise _session_ended()
    return await _session(runtime, user, response, family_id=rotation.family_id)


def _bearer_claims(runtime: Runtime, request: Request) -> AccessClaims | None:
    token = bearer_token(request)
    try:
        return runtime.tokens.access_claims(token) if token else None
    except InvalidToken:
        return None  # an expired or forged token needs no revoking


@router.post("/logout", status_code=204)
async def logout(
    request: Request,
    body: Annotated[RefreshBody | None, Body()] = None,
    mockline_refresh: Annotated[str | None, Cookie()] = None,
) -> Response:
    """Ends the session of the refresh token (cookie or body) and of the Bearer token, if
    given: neither its refresh token nor any of its access tokens work afterwards."""
    runtime = ready_runtime(request)
    token = _presented_refresh(body, mockline_refresh)
    family = await runtime.users.revoke_refresh_family(hash_refresh_token(token)) if token else None
    await end_sessions(runtime, [family] if family else [], _bearer_claims(runtime, request))
    response = Response(status_code=204)
    response.delete_cookie(REFRESH_COOKIE, path=COOKIE_PATH)
    return response
