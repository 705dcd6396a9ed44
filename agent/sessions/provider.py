"""Which language model phrases one user's interview: their own key, else the server's.

One function, shared by text mode and the voice call, so both pick the same model. With no
key anywhere the answer is None and the interviewer speaks its offline text. Keys never
reach a log line; failures are logged with the user id only.
"""

from __future__ import annotations

import logging
from uuid import UUID

import asyncpg

from agent.llm import LlmClient, LlmSettings, get_llm_settings, resolve_provider
from agent.store.crypto import DecryptionError, KeyRing
from agent.store.llm_keys import DecryptedKey, KeyStore

logger = logging.getLogger(__name__)


async def llm_client_for(
    user_id: UUID,
    pool: asyncpg.Pool,
    ring: KeyRing,
    *,
    settings: LlmSettings | None = None,
) -> LlmClient | None:
    """A client for the user's most recently saved key, else the server's default model
    (``MOCKLINE_LLM_*``), else None. The caller owns the client and must ``aclose()`` it."""
    user_key = await _latest_user_key(user_id, pool, ring)
    config = resolve_provider(settings or get_llm_settings(), user_key)
    if config is None:
        return None
    logger.debug(
        "interviews of user %s phrased by %s (%s key)", user_id, config.provider, config.source
    )
    return LlmClient(config)


async def _latest_user_key(user_id: UUID, pool: asyncpg.Pool, ring: KeyRing) -> DecryptedKey | None:
    store = KeyStore(pool, ring)
    stored = await store.list_for_user(user_id)
    if not stored:
        return None
    latest = max(stored, key=lambda key: key.updated_at)
    try:
        return await store.get_decrypted(user_id, latest.provider)
    except DecryptionError:
        # A key sealed under a ring key that was dropped: the server's default still works.
        logger.warning("stored llm key of user %s cannot be opened; using the default", user_id)
        return None
