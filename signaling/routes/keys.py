"""The signed-in user's own LLM provider keys: store, list (as masked hints), delete.

The key itself goes in once, through PUT, and never comes back out of any route: responses
carry only `KeyOut.hint`. Validation messages name the field, never echo the value.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from agent.store.llm_keys import PROVIDERS, KeyOwnerNotFoundError, KeyStore, Provider, StoredKey

from ..auth.deps import CurrentUser
from ..errors import ApiError
from .common import ready_runtime

router = APIRouter(prefix="/api/me/keys", tags=["keys"])

MAX_KEY_LENGTH = 512
MAX_URL_LENGTH = 512
MAX_MODEL_LENGTH = 128


class KeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    api_key: str = Field(min_length=1, max_length=MAX_KEY_LENGTH)
    base_url: str | None = Field(default=None, max_length=MAX_URL_LENGTH)
    model: str | None = Field(default=None, max_length=MAX_MODEL_LENGTH)

    @field_validator("api_key")
    @classmethod
    def _key_shape(cls, value: str) -> str:
        # Keys travel in HTTP headers later: printable ASCII without spaces, or a request
        # could be split. The message must not quote the value.
        if not (value.isascii() and value.isprintable()) or " " in value:
            raise ValueError("must be printable ASCII without spaces")
        return value

    @field_validator("base_url")
    @classmethod
    def _url_shape(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an http:// or https:// URL")
        if any(char.isspace() for char in value) or not value.isprintable():
            raise ValueError("must not contain spaces or control characters")
        if parts.username is not None or parts.password is not None:
            # base_url is shown back to the owner; credentials belong in api_key.
            raise ValueError("must not contain credentials; put the key in api_key")
        return value

    @field_validator("model")
    @classmethod
    def _model_shape(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not value.isprintable():
            raise ValueError("must not contain control characters")
        return value


class KeyOut(BaseModel):
    provider: Provider
    base_url: str | None
    model: str | None
    hint: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, key: StoredKey) -> KeyOut:
        return cls.model_validate(key.model_dump())


def _provider(raw: str) -> Provider:
    if raw not in PROVIDERS:
        raise ApiError(404, "not_found", f"Unknown provider; use one of: {', '.join(PROVIDERS)}.")
    return raw


def _key_store(request: Request) -> KeyStore:
    runtime = ready_runtime(request)
    if runtime.db is None:  # ready_runtime has checked; this narrows the type
        raise ApiError(503, "starting", "Mockline is still starting up; try again in a moment.")
    return KeyStore(runtime.db_pool, runtime.key_ring)


@router.put("/{provider}")
async def put_key(provider: str, body: KeyIn, user: CurrentUser, request: Request) -> KeyOut:
    checked = _provider(provider)
    if checked == "openai_compatible" and body.base_url is None:
        raise ApiError(400, "invalid_request", "base_url: required for openai_compatible")
    try:
        stored = await _key_store(request).put(
            user.id, checked, body.api_key, base_url=body.base_url, model=body.model
        )
    except KeyOwnerNotFoundError:
        raise ApiError(401, "unauthorized", "This account no longer exists.") from None
    return KeyOut.of(stored)


@router.get("")
async def list_keys(user: CurrentUser, request: Request) -> list[KeyOut]:
    return [KeyOut.of(key) for key in await _key_store(request).list_for_user(user.id)]


@router.delete("/{provider}", status_code=204)
async def delete_key(provider: str, user: CurrentUser, request: Request) -> Response:
    if not await _key_store(request).delete(user.id, _provider(provider)):
        raise ApiError(404, "not_found", "No key is stored for this provider.")
    return Response(status_code=204)
