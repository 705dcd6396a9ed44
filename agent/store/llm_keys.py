"""`KeyStore`: users' own LLM provider keys ("bring your own key"), encrypted at rest.

One key per user and provider. The key is sealed with the server's `KeyRing`
(agent/store/crypto.py, AES-256-GCM) bound to its user id and provider, so a ciphertext
copied to another row does not decrypt. Owners only ever see a masked ``hint``; the clear
key leaves this module only through `KeyStore.get_decrypted`, for that user's interviews.
Log lines name user ids, providers and key ids only.

Rotating the server key (no stored key is unreadable at any point):

1. Generate a key: ``mockline rotate-keys --new-key k2`` prints ``k2:<base64>`` and touches
   nothing else. Put it **first** in ``MOCKLINE_SECRET_KEYS`` and keep the old key after it
   (``k2:NEW...,k1:OLD...``); restart the servers. New keys are sealed with ``k2``, old ones
   still open with ``k1``. Without ``MOCKLINE_SECRET_KEYS`` the ring is the one entry in
   ``<data_dir>/secret_keys``: copy that entry into the variable, after the new one.
   Several servers behind a balancer: first roll out ``k1:OLD...,k2:NEW...`` (every server
   can read ``k2``), then ``k2:NEW...,k1:OLD...``, so no server meets a key it cannot open.
2. Run ``mockline rotate-keys`` (same environment as the servers): every stored key is
   re-sealed with the first key, then it prints how many keys each key id seals; only
   ``k2`` may be left.
3. Drop ``k1`` from ``MOCKLINE_SECRET_KEYS`` and restart.
"""

from __future__ import annotations

import logging
from datetime import datetime
from uuid import UUID

import asyncpg
from pydantic import BaseModel, ConfigDict

from agent.llm.providers import PROVIDERS, DecryptedKey, Provider
from agent.store.crypto import DecryptionError, KeyRing

__all__ = ["PROVIDERS", "DecryptedKey", "KeyStore", "Provider", "StoredKey", "mask_key"]

logger = logging.getLogger(__name__)


# Keys shorter than this are hinted as MASKED alone: showing 7 characters of a short key
# would give away too much of it.
HINT_MIN_LENGTH = 16
MASKED = "…"

_COLUMNS = "provider, base_url, model, hint, created_at, updated_at"

_UPSERT = f"""
insert into llm_keys (user_id, provider, base_url, model, key_ciphertext, key_id, hint)
values ($1, $2, $3, $4, $5, $6, $7)
on conflict (user_id, provider) do update set
    base_url = excluded.base_url,
    model = excluded.model,
    key_ciphertext = excluded.key_ciphertext,
    key_id = excluded.key_id,
    hint = excluded.hint,
    updated_at = now()
returning {_COLUMNS}
"""


class KeyOwnerNotFoundError(LookupError):
    """The user a key was stored for does not exist (or was just deleted)."""


class KeyRotationError(RuntimeError):
    """A stored key cannot be decrypted with the current ring, so it cannot be re-sealed."""


class StoredKey(BaseModel):
    """What an owner may see of a stored key: never the key, only its masked hint."""

    model_config = ConfigDict(frozen=True)

    provider: Provider
    base_url: str | None
    model: str | None
    hint: str
    created_at: datetime
    updated_at: datetime


def mask_key(api_key: str) -> str:
    """``"sk-…abcd"``: first 3 and last 4 characters; short keys are fully masked."""
    if len(api_key) < HINT_MIN_LENGTH:
        return MASKED
    return f"{api_key[:3]}{MASKED}{api_key[-4:]}"


def key_context(user_id: UUID, provider: str) -> bytes:
    """Associated data binding a sealed key to its row's owner and provider."""
    return f"mockline/llm_keys\x00{user_id}\x00{provider}".encode()


def _stored(record: asyncpg.Record) -> StoredKey:
    return StoredKey.model_validate(dict(record))


class KeyStore:
    """Typed, encrypting access to the ``llm_keys`` table."""

    def __init__(self, pool: asyncpg.Pool, ring: KeyRing) -> None:
        self._pool = pool
        self._ring = ring

    async def put(
        self,
        user_id: UUID,
        provider: Provider,
        api_key: str,
        *,
        base_url: str | None = None,
        model: str | None = None,
    ) -> StoredKey:
        """Store (or replace, with its base URL and model) the user's key for ``provider``."""
        sealed = self._ring.seal(api_key.encode(), key_context(user_id, provider))
        try:
            record = await self._pool.fetchrow(
                _UPSERT,
                user_id,
                provider,
                base_url,
                model,
                sealed.blob,
                sealed.kid,
                mask_key(api_key),
            )
        except asyncpg.ForeignKeyViolationError:
            raise KeyOwnerNotFoundError("no such user") from None
        if record is None:  # insert ... returning always yields its row
            raise RuntimeError("upsert into llm_keys returned no row")
        logger.info("llm key of user %s for %s stored (key id %s)", user_id, provider, sealed.kid)
        return _stored(record)

    async def list_for_user(self, user_id: UUID) -> list[StoredKey]:
        """The user's keys as hints, ordered by provider."""
        records = await self._pool.fetch(
            f"select {_COLUMNS} from llm_keys where user_id = $1 order by provider", user_id
        )
        return [_stored(record) for record in records]

    async def delete(self, user_id: UUID, provider: Provider) -> bool:
        """Forget the user's key for ``provider``; False when there was none."""
        result = await self._pool.execute(
            "delete from llm_keys where user_id = $1 and provider = $2", user_id, provider
        )
        deleted: bool = result.endswith(" 1")
        if deleted:
            logger.info("llm key of user %s for %s deleted", user_id, provider)
        return deleted

    async def get_decrypted(self, user_id: UUID, provider: Provider) -> DecryptedKey | None:
        """The user's key in clear, or None if they stored none for ``provider``.

        Only for calling the provider on this user's behalf. Raises `DecryptionError` when
        the row cannot be opened (its key id was dropped from the ring, or it was tampered).
        """
        record = await self._pool.fetchrow(
            "select base_url, model, key_ciphertext from llm_keys "
            "where user_id = $1 and provider = $2",
            user_id,
            provider,
        )
        if record is None:
            return None
        plaintext = self._ring.open(bytes(record["key_ciphertext"]), key_context(user_id, provider))
        return DecryptedKey(provider, plaintext.decode(), record["base_url"], record["model"])

    async def rotate(self, batch_size: int = 100) -> int:
        """Re-seal every key not sealed with the ring's current key; returns how many.

        Works in batches, each one transaction holding its rows' locks, so it runs safely
        beside live servers and a second concurrent run. ``updated_at`` is left alone: it
        tells the owner when they changed the key, not when the server re-sealed it.
        """
        current = self._ring.current_kid
        total = 0
        while True:
            async with self._pool.acquire() as conn, conn.transaction():
                records = await conn.fetch(
                    "select id, user_id, provider, key_ciphertext from llm_keys "
                    "where key_id <> $1 order by id limit $2 for update",
                    current,
                    batch_size,
                )
                if not records:
                    break
                await conn.executemany(
                    "update llm_keys set key_ciphertext = $2, key_id = $3 where id = $1",
                    [self._resealed(record) for record in records],
                )
            total += len(records)
        logger.info("re-sealed %d llm keys with key id %s", total, current)
        return total

    def _resealed(self, record: asyncpg.Record) -> tuple[UUID, bytes, str]:
        context = key_context(record["user_id"], record["provider"])
        try:
            plaintext = self._ring.open(bytes(record["key_ciphertext"]), context)
        except DecryptionError as exc:
            raise KeyRotationError(f"stored key {record['id']} cannot be decrypted: {exc}") from exc
        sealed = self._ring.seal(plaintext, context)
        return record["id"], sealed.blob, sealed.kid

    async def key_id_counts(self) -> dict[str, int]:
        """How many stored keys each server key id seals (to check a rotation finished)."""
        records = await self._pool.fetch(
            "select key_id, count(*) as n from llm_keys group by key_id order by key_id"
        )
        return {str(record["key_id"]): int(record["n"]) for record in records}
