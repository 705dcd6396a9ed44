"""`OrgStore`: organisations, their allowed origins and quotas, server keys, and admins.

Server keys and invitations are random strings stored only as SHA-256 hashes: each is shown
once, when it is made. Rotating a server key revokes every older key of the organisation
(and so every embed token minted under one). Log lines carry ids, never keys.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from uuid import UUID

import asyncpg
from pydantic import BaseModel, ConfigDict

logger = logging.getLogger(__name__)

SERVER_KEY_PREFIX = "mlk_"
INVITATION_TTL = timedelta(days=7)

_ORG_COLUMNS = "id, name, allowed_origins, daily_interview_quota, interviews_per_minute, created_at"

AcceptOutcome = Literal["accepted", "invalid", "has_organisation"]


class Organisation(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: UUID
    name: str
    allowed_origins: list[str]
    daily_interview_quota: int
    interviews_per_minute: int
    created_at: datetime


class ServerKeyInfo(BaseModel):
    """What may be shown about a key once it exists: never the key itself."""

    model_config = ConfigDict(frozen=True)

    id: UUID
    prefix: str
    created_at: datetime


class OrgAdmin(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: UUID
    email: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class KeyOwner:
    organisation_id: UUID
    key_id: UUID


def secret_hash(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


def _org(record: asyncpg.Record) -> Organisation:
    return Organisation.model_validate(dict(record))


class OrgStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._db = pool

    async def create(
        self, name: str, origins: list[str], *, daily_interview_quota: int | None = None
    ) -> Organisation:
        record = await self._db.fetchrow(
            f"""insert into organisations (name, allowed_origins, daily_interview_quota)
                values ($1, $2, coalesce($3, 500)) returning {_ORG_COLUMNS}""",
            name,
            origins,
            daily_interview_quota,
        )
        assert record is not None
        logger.info("organisation %s created", record["id"])
        return _org(record)

    async def get(self, org_id: UUID) -> Organisation | None:
        record = await self._db.fetchrow(
            f"select {_ORG_COLUMNS} from organisations where id = $1", org_id
        )
        return _org(record) if record else None

    async def set_origins(self, org_id: UUID, origins: list[str]) -> Organisation | None:
        record = await self._db.fetchrow(
            f"""update organisations set allowed_origins = $2 where id = $1
                returning {_ORG_COLUMNS}""",
            org_id,
            origins,
        )
        return _org(record) if record else None

    async def set_limits(
        self, org_id: UUID, *, daily_interview_quota: int | None, interviews_per_minute: int | None
    ) -> Organisation | None:
        record = await self._db.fetchrow(
            f"""update organisations set
                    daily_interview_quota = coalesce($2, daily_interview_quota),
                    interviews_per_minute = coalesce($3, interviews_per_minute)
                where id = $1 returning {_ORG_COLUMNS}""",
            org_id,
            daily_interview_quota,
            interviews_per_minute,
        )
        return _org(record) if record else None

    async def all_origins(self) -> frozenset[str]:
        """Every origin any organisation allows (for CORS: the token decides the rest)."""
        rows = await self._db.fetch(
            "select distinct unnest(allowed_origins) as origin from organisations"
        )
        return frozenset(str(row["origin"]) for row in rows)

    # -- server keys -----------------------------------------------------------------------
    async def rotate_server_key(self, org_id: UUID) -> tuple[str, ServerKeyInfo]:
        """A new key for the organisation (returned once); every older key is revoked."""
        key = SERVER_KEY_PREFIX + secrets.token_urlsafe(32)
        async with self._db.acquire() as conn, conn.transaction():
            await conn.execute(
                """update org_server_keys set revoked_at = now()
                   where organisation_id = $1 and revoked_at is null""",
                org_id,
            )
            record = await conn.fetchrow(
                """insert into org_server_keys (organisation_id, key_hash, prefix)
                   values ($1, $2, $3) returning id, prefix, created_at""",
                org_id,
                secret_hash(key),
                key[: len(SERVER_KEY_PREFIX) + 6],
            )
        assert record is not None
        logger.info("organisation %s: server key rotated (key id %s)", org_id, record["id"])
        return key, ServerKeyInfo.model_validate(dict(record))

    async def owner_of_key(self, key: str) -> KeyOwner | None:
        """The organisation whose live key this is; None for an unknown or revoked key."""
        record = await self._db.fetchrow(
            """select organisation_id, id from org_server_keys
               where key_hash = $1 and revoked_at is null""",
            secret_hash(key),
        )
        return KeyOwner(record["organisation_id"], record["id"]) if record else None

    async def key_is_live(self, org_id: UUID, key_id: UUID) -> bool:
        live: bool = await self._db.fetchval(
            """select exists (select 1 from org_server_keys where id = $1
                   and organisation_id = $2 and revoked_at is null)""",
            key_id,
            org_id,
        )
        return live

    async def live_key(self, org_id: UUID) -> ServerKeyInfo | None:
        record = await self._db.fetchrow(
            """select id, prefix, created_at from org_server_keys
               where organisation_id = $1 and revoked_at is null
               order by created_at desc limit 1""",
            org_id,
        )
        return ServerKeyInfo.model_validate(dict(record)) if record else None

    # -- admins ----------------------------------------------------------------------------
    async def create_invitation(self, org_id: UUID) -> tuple[str, datetime]:
        token = secrets.token_urlsafe(24)
        expires_at: datetime = await self._db.fetchval(
            """insert into org_invitations (organisation_id, token_hash, expires_at)
               values ($1, $2, now() + $3) returning expires_at""",
            org_id,
            secret_hash(token),
            INVITATION_TTL,
        )
        return token, expires_at

    async def accept_invitation(self, token: str, user_id: UUID) -> AcceptOutcome:
        """Makes the user an admin of the invitation's organisation (single use)."""
        try:
            return await self._accept(token, user_id)
        except _AlreadyInAnother:
            return "has_organisation"

    async def _accept(self, token: str, user_id: UUID) -> AcceptOutcome:
        async with self._db.acquire() as conn, conn.transaction():
            org_id = await conn.fetchval(
                """update org_invitations set accepted_by = $2, accepted_at = now()
                   where token_hash = $1 and accepted_at is null and expires_at > now()
                   returning organisation_id""",
                secret_hash(token),
                user_id,
            )
            if org_id is None:
                return "invalid"
            updated = await conn.fetchval(
                """update users set organisation_id = $2, org_role = 'admin'
                   where id = $1 and external_id is null
                     and (organisation_id is null or organisation_id = $2)
                   returning id""",
                user_id,
                org_id,
            )
            if updated is None:
                # Rolls the acceptance back: the invitation stays usable by someone else.
                raise _AlreadyInAnother
        logger.info("user %s became an admin of organisation %s", user_id, org_id)
        return "accepted"

    async def admins(self, org_id: UUID) -> list[OrgAdmin]:
        rows = await self._db.fetch(
            """select id, email, created_at from users
               where organisation_id = $1 and org_role = 'admin' order by created_at""",
            org_id,
        )
        return [OrgAdmin.model_validate(dict(row)) for row in rows]

    async def remove_admin(self, org_id: UUID, user_id: UUID) -> bool:
        result = await self._db.execute(
            """update users set organisation_id = null, org_role = 'member'
               where id = $1 and organisation_id = $2 and org_role = 'admin'""",
            user_id,
            org_id,
        )
        return str(result).endswith(" 1")


class _AlreadyInAnother(Exception):
    """The user already belongs to another organisation (or is a student)."""
