"""Sign-up, sign-in, guests and claiming them, refresh-token rotation, sign-out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Body, Cookie, Request, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from agent.store.models import User
from agent.store.users import EmailTakenError

from ..auth.deps import CurrentUser
from ..auth.passwords import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    hash_password,
    needs_rehash,
    verify_password,
)
from ..auth.tokens import hash_refresh_token, new_refresh_token
from ..errors import ApiError
from ..runtime import Runtime
from .common import ready_runtime

router = APIRouter(prefix="/api/auth", tags=["auth"])

REFRESH_COOKIE = "mockline_refresh"
_COOKIE_PATH = "/api/auth"


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


async def _session(runtime: Runtime, user: User, response: Response) -> Session:
    refresh = new_refresh_token()
    expires = datetime.now(UTC) + timedelta(days=runtime.tokens.refresh_ttl_days)
    await runtime.users.add_refresh_token(user.id, hash_refresh_token(refresh), expires)
    response.set_cookie(
        REFRESH_COOKIE,
        refresh,
        max_age=runtime.tokens.refresh_ttl_days * 86400,
        path=_COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=runtime.settings.secure_cookies,
    )
    return Session(
        access_token=runtime.tokens.access_token(user.id),
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
    return await _session(runtime, user, response)


@router.post("/signin")
async def signin(body: Credentials, request: Request, response: Response) -> Session:
    runtime = ready_runtime(request)
    found = await runtime.users.get_credentials(body.email)
    password_hash = found[1] if found else None
    if not await verify_password(password_hash, body.password) or found is None:
        raise ApiError(401, "invalid_credentials", "The email or password is not right.")
    user = found[0]
    if needs_rehash(found[1]):
        await runtime.users.set_password_hash(user.id, await hash_password(body.password))
    return await _session(runtime, user, response)


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
    return await _session(runtime, claimed, response)


def _presented_refresh(body: RefreshBody | None, cookie: str | None) -> str | None:
    return (body.refresh_token if body and body.refresh_token else None) or cookie


@router.post("/refresh")
async def refresh(
    request: Request,
    response: Response,
    body: Annotated[RefreshBody | None, Body()] = None,
    mockline_refresh: Annotated[str | None, Cookie()] = None,
) -> Session:
    runtime = ready_runtime(request)
    token = _presented_refresh(body, mockline_refresh)
    user_id = (
        await runtime.users.consume_refresh_token(hash_refresh_token(token)) if token else None
    )
    user = await runtime.users.get_user(user_id) if user_id else None
    if user is None:
        expired = f"{REFRESH_COOKIE}=; Max-Age=0; Path={_COOKIE_PATH}; HttpOnly; SameSite=strict"
        raise ApiError(
            401,
            "unauthorized",
            "Your session has ended; sign in again.",
            headers={"Set-Cookie": expired},
        )
    return await _session(runtime, user, response)


@router.post("/logout", status_code=204)
async def logout(
    request: Request,
    body: Annotated[RefreshBody | None, Body()] = None,
    mockline_refresh: Annotated[str | None, Cookie()] = None,
) -> Response:
    runtime = ready_runtime(request)
    token = _presented_refresh(body, mockline_refresh)
    if token:
        await runtime.users.revoke_refresh_token(hash_refresh_token(token))
    response = Response(status_code=204)
    response.delete_cookie(REFRESH_COOKIE, path=_COOKIE_PATH)
    return response
