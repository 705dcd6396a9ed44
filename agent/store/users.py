"""`UserStore`: accounts, their privacy settings, and refresh tokens.

Log lines name user ids only, never emails. Password hashes never leave this module except
through `get_credentials`, which sign-in needs.

Refresh tokens come in families (migration 0007): a sign-in starts one, each rotation adds
the next token to it. A token used twice means two parties hold it; the second use
revokes every token of the family (`RefreshTokenReusedError`), so whichever party rotated
first loses its newer token as well.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import asyncpg

from agent.store.models import User

logger = logging.getLogger(__name__)

_USER_COLUMNS = (
    "id, email, is_guest, display_name, store_audio, transcript_retention_days, created_at, "
    "claimed_at, organisation_id, org_role, external_id"
)


class EmailTakenError(ValueError):
    """Another account already uses this email."""


class RefreshTokenReusedError(Exception):
    """A refresh token that was already used came back; its whole family is now revoked."""

    def __init__(self, user_id: UUID, family_id: UUID) -> None:
        super().__init__(f"refresh token reused in family {family_id}")
        self.user_id = user_id
        self.family_id = family_id


@dataclass(frozen=True, slots=True)
class Rotation:
    """A refresh token spent in exchange for the next one of the same family."""

    user_id: UUID
    family_id: UUID


def _user(record: asyncpg.Record) -> User:
    return User.model_validate(dict(record))


# Interviews (i) of owners (u) whose transcript retention has passed.
_EXPIRED = (
    "i.owner_id = u.id and u.transcript_retention_days is not null "
    "and i.created_at < now() - make_interval(days => u.transcript_retention_days)"
)


class UserStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create_user(
        self, *, email: str | None, password_hash: str | None, is_guest: bool
    ) -> User:
        try:
            record = await self._pool.fetchrow(
                f"""insert into users (email, password_hash, is_guest)
                    values ($1, $2, $3) returning {_USER_COLUMNS}""",
                email,
                password_hash,
                is_guest,
            )
        except asyncpg.UniqueViolationError:
            raise EmailTakenError("email already registered") from None
        assert record is not None
        user = _user(record)
        logger.info("user %s created (guest=%s)", user.id, user.is_guest)
        return user

    async def get_user(self, user_id: UUID) -> User | None:
        record = await self._pool.fetchrow(
            f"select {_USER_COLUMNS} from users where id = $1", user_id
        )
        return _user(record) if record else None

    async def get_credentials(self, email: str) -> tuple[User, str] | None:
        """The account with this email (any case) and its password hash."""
        record = await self._pool.fetchrow(
            f"""select {_USER_COLUMNS}, password_hash from users
                where lower(email) = lower($1) and password_hash is not null""",
            email,
        )
        if record is None:
            return None
        data = dict(record)
        password_hash = str(data.pop("password_hash"))
        return User.model_validate(data), password_hash

    async def set_password_hash(self, user_id: UUID, password_hash: str) -> None:
        await self._pool.execute(
            "update users set password_hash = $2 where id = $1", user_id, password_hash
        )

    async def claim_guest(self, user_id: UUID, *, email: str, password_hash: str) -> User | None:
        """Turns a guest into a full account, keeping its interviews; None if not a guest."""
        try:
            record = await self._pool.fetchrow(
                f"""update users set email = $2, password_hash = $3, is_guest = false,
                        claimed_at = now()
                    where id = $1 and is_guest returning {_USER_COLUMNS}""",
                user_id,
                email,
                password_hash,
            )
        except asyncpg.UniqueViolationError:
            raise EmailTakenError("email already registered") from None
        if record is not None:
            logger.info("guest %s claimed", user_id)
        return _user(record) if record else None

    async def update_settings(
        self,
        user_id: UUID,
        *,
        store_audio: bool | None = None,
        transcript_retention_days: int | None = None,
        clear_retention: bool = False,
    ) -> User | None:
        record = await self._pool.fetchrow(
            f"""update users set
                    store_audio = coalesce($2, store_audio),
                    transcript_retention_days = case when $4 then null
                        else coalesce($3, transcript_retention_days) end
                where id = $1 returning {_USER_COLUMNS}""",
            user_id,
            store_audio,
            transcript_retention_days,
            clear_retention,
        )
        return _user(record) if record else None

    async def delete_user(self, user_id: UUID) -> bool:
        """Deletes the account and, by cascade, everything it owns."""
        result = await self._pool.execute("delete from users where id = $1", user_id)
        deleted: bool = result.endswith(" 1")
        if deleted:
            logger.info("user %s deleted with all their data", user_id)
        return deleted

    # -- refresh tokens --------------------------------------------------------------------
    async def add_refresh_token(
        self,
        user_id: UUID,
        token_hash: bytes,
        expires_at: datetime,
        family_id: UUID | None = None,
    ) -> UUID:
        """Stores a token in ``family_id`` (a new family when None); returns the family."""
        family: UUID = await self._pool.fetchval(
            """insert into refresh_tokens (user_id, token_hash, expires_at, family_id)
               values ($1, $2, $3, coalesce($4, gen_random_uuid())) returning family_id""",
            user_id,
            token_hash,
            expires_at,
            family_id,
        )
        return family

    async def consume_refresh_token(self, token_hash: bytes) -> Rotation | None:
        """Spends a live token; None if unknown or expired.

        Raises `RefreshTokenReusedError` for a token already spent or revoked, after
        revoking every token of its family.
        """
        async with self._pool.acquire() as conn, conn.transaction():
            record = await conn.fetchrow(
                """select user_id, family_id, revoked_at is not null as spent,
                          expires_at <= now() as expired
                   from refresh_tokens where token_hash = $1 for update""",
                token_hash,
            )
            if record is None or (record["expired"] and not record["spent"]):
                return None
            if not record["spent"]:
                await conn.execute(
                    "update refresh_tokens set revoked_at = now() where token_hash = $1",
                    token_hash,
                )
                return Rotation(record["user_id"], record["family_id"])
            await self._revoke_family(conn, record["family_id"])
        logger.warning("refresh token reused for user %s: its family is revoked", record["user_id"])
        raise RefreshTokenReusedError(record["user_id"], record["family_id"])

    async def revoke_refresh_family(self, token_hash: bytes) -> UUID | None:
        """Revokes the family of this token (sign-out); returns it, None for an unknown token."""
        async with self._pool.acquire() as conn, conn.transaction():
            family: UUID | None = await conn.fetchval(
                "select family_id from refresh_tokens where token_hash = $1", token_hash
            )
            if family is not None:
                await self._revoke_family(conn, family)
        return family

    @staticmethod
    async def _revoke_family(conn: asyncpg.Connection, family_id: UUID) -> None:
        await conn.execute(
            """update refresh_tokens set revoked_at = now()
               where family_id = $1 and revoked_at is null""",
            family_id,
        )

    async def live_refresh_families(self, user_id: UUID) -> list[UUID]:
        """The families of this user's sessions that can still be refreshed."""
        records = await self._pool.fetch(
            """select distinct family_id from refresh_tokens
               where user_id = $1 and revoked_at is null and expires_at > now()""",
            user_id,
        )
        return [record["family_id"] for record in records]

    async def purge_expired_transcripts(self) -> int:
        """Deletes turns of interviews older than their owner's retention; returns how many."""
        # The interviewer's checkpoint holds the transcript too; it goes with the turns.
        await self._pool.execute(
            f"delete from interview_checkpoints c using interviews i, users u "
            f"where c.interview_id = i.id and {_EXPIRED}"
        )
        result = await self._pool.execute(
            f"delete from turns t using interviews i, users u where t.interview_id = i.id and {_EXPIRED}"
        )
        count = int(result.split()[-1])
        if count:
            logger.info("retention removed %d turns", count)
        return count
