"""Tokens: short-lived JWT access tokens, call tokens bound to one interview, embed tokens
bound to one organisation's student (and the server key that minted them), opaque refresh
tokens (random, stored only as hashes, rotated on every use), and device tokens.

An access token carries its own id (``jti``) and its session's id (``sid``: the refresh-token
family it was issued with), so sign-out can revoke one token or every token of a session
before they expire (`revocation`). A device token is given to a browser that signed in with
the right password; it proves nothing by itself, it only spares that browser the delay that
failed sign-ins put on its account (`signin_throttle`).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal
from uuid import UUID, uuid4

import jwt

from agent.settings import Settings

_ALGORITHM = "HS256"
TokenKind = Literal["access", "call", "embed", "device"]
DEVICE_TOKEN_TTL_S = 365 * 86400


class InvalidToken(Exception):
    pass


@dataclass(frozen=True, slots=True)
class CallGrant:
    user_id: UUID
    interview_id: UUID


@dataclass(frozen=True, slots=True)
class EmbedGrant:
    """A student's session through an organisation's embed: who, for which organisation,
    minted under which server key, and (when the portal asked) for which one origin."""

    user_id: UUID
    organisation_id: UUID
    key_id: UUID
    origin: str | None


@dataclass(frozen=True, slots=True)
class AccessClaims:
    user_id: UUID
    token_id: str
    session_id: str
    expires_at: int
    """Unix seconds."""

    @property
    def revocation_ids(self) -> tuple[str, str]:
        """What a deny-list entry for this token, or for its whole session, is keyed by."""
        return token_revocation_id(self.token_id), session_revocation_id(self.session_id)


@dataclass(frozen=True, slots=True)
class DeviceGrant:
    user_id: UUID
    device_id: str


def token_revocation_id(token_id: str) -> str:
    return f"jti:{token_id}"


def session_revocation_id(session_id: UUID | str) -> str:
    return f"sid:{session_id}"


def hash_refresh_token(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


class TokenIssuer:
    def __init__(self, secret: bytes, settings: Settings) -> None:
        self._secret = secret
        self.access_ttl_s = settings.access_token_ttl_s
        self.call_ttl_s = settings.call_token_ttl_s
        self.refresh_ttl_days = settings.refresh_token_ttl_days
        self.embed_ttl_s = settings.embed_token_ttl_s

    def _encode(self, claims: Mapping[str, object], ttl_s: int) -> str:
        now = int(time.time())
        return jwt.encode({**claims, "iat": now, "exp": now + ttl_s}, self._secret, _ALGORITHM)

    def _decode(
        self, token: str, kind: TokenKind, required: Sequence[str] = ()
    ) -> dict[str, object]:
        try:
            claims: dict[str, object] = jwt.decode(
                token,
                self._secret,
                algorithms=[_ALGORITHM],
                options={"require": ["exp", "sub", *required]},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(type(exc).__name__) from None
        if claims.get("typ") != kind:
            raise InvalidToken("wrong token type")
        return claims

    def access_token(self, user_id: UUID, session_id: UUID) -> str:
        claims = {"sub": str(user_id), "typ": "access", "jti": uuid4().hex, "sid": str(session_id)}
        return self._encode(claims, self.access_ttl_s)

    def access_claims(self, token: str) -> AccessClaims:
        """The claims of a valid access token; tokens without an id or session are refused."""
        claims = self._decode(token, "access", required=("jti", "sid"))
        try:
            return AccessClaims(
                UUID(str(claims["sub"])),
                str(claims["jti"]),
                str(claims["sid"]),
                int(str(claims["exp"])),
            )
        except ValueError:
            raise InvalidToken("bad claims") from None

    def device_token(self, user_id: UUID) -> str:
        claims = {"sub": str(user_id), "typ": "device", "jti": uuid4().hex}
        return self._encode(claims, DEVICE_TOKEN_TTL_S)

    def device_grant(self, token: str) -> DeviceGrant:
        claims = self._decode(token, "device", required=("jti",))
        try:
            return DeviceGrant(UUID(str(claims["sub"])), str(claims["jti"]))
        except ValueError:
            raise InvalidToken("bad claims") from None

    def call_token(self, user_id: UUID, interview_id: UUID) -> str:
        return self._encode(
            {"sub": str(user_id), "iid": str(interview_id), "typ": "call"}, self.call_ttl_s
        )

    def call_grant(self, token: str) -> CallGrant:
        claims = self._decode(token, "call")
        try:
            return CallGrant(UUID(str(claims["sub"])), UUID(str(claims.get("iid"))))
        except ValueError:
            raise InvalidToken("bad claims") from None

    def embed_token(self, grant: EmbedGrant) -> str:
        claims: dict[str, object] = {
            "sub": str(grant.user_id),
            "org": str(grant.organisation_id),
            "kid": str(grant.key_id),
            "typ": "embed",
        }
        if grant.origin is not None:
            claims["origin"] = grant.origin
        return self._encode(claims, self.embed_ttl_s)

    def embed_grant(self, token: str) -> EmbedGrant:
        claims = self._decode(token, "embed")
        origin = claims.get("origin")
        try:
            return EmbedGrant(
                UUID(str(claims["sub"])),
                UUID(str(claims.get("org"))),
                UUID(str(claims.get("kid"))),
                origin if isinstance(origin, str) else None,
            )
        except ValueError:
            raise InvalidToken("bad claims") from None

    def token_kind(self, token: str) -> str | None:
        """The ``typ`` a token claims, read without verifying it (only to pick a check)."""
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            return None
        kind = claims.get("typ") if isinstance(claims, dict) else None
        return kind if isinstance(kind, str) else None
