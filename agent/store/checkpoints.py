"""`CheckpointStore`: the interviewer's state after its latest reply, one row per interview.

The state is whatever JSON object the interviewer hands over (its graph state); the store
does not look inside. Writes are optimistic: each save names the version it read, and a
writer whose version is stale gets `StaleCheckpointError` instead of overwriting a newer
state (two servers, or a voice call and a text page, answering the same interview).

Like `InterviewStore`, it works over a pool or over one connection (inside a transaction).
Log lines carry interview ids and versions only: the state holds the transcript.
"""

from __future__ import annotations

import logging
from datetime import datetime
from uuid import UUID

import asyncpg
from pydantic import BaseModel, ConfigDict

from agent.store.models import JsonObject

logger = logging.getLogger(__name__)

_INSERT = """
insert into interview_checkpoints (interview_id, version, state) values ($1, 1, $2)
on conflict (interview_id) do nothing
returning version
"""

_UPDATE = """
update interview_checkpoints set version = version + 1, state = $3, updated_at = now()
where interview_id = $1 and version = $2
returning version
"""


class Checkpoint(BaseModel):
    model_config = ConfigDict(frozen=True)

    interview_id: UUID
    version: int
    state: JsonObject
    updated_at: datetime


class StaleCheckpointError(RuntimeError):
    """Someone saved the interview's checkpoint after this writer read it (or the interview
    is gone); the save changed nothing."""

    def __init__(self, interview_id: UUID, expected: int | None) -> None:
        super().__init__(f"checkpoint of interview {interview_id} is not at version {expected}")
        self.interview_id = interview_id
        self.expected = expected


class CheckpointStore:
    def __init__(self, pool: asyncpg.Pool | asyncpg.Connection) -> None:
        self._pool = pool

    async def load(self, interview_id: UUID) -> Checkpoint | None:
        """The latest checkpoint, or None before the first save."""
        row = await self._pool.fetchrow(
            "select interview_id, version, state, updated_at from interview_checkpoints "
            "where interview_id = $1",
            interview_id,
        )
        return None if row is None else Checkpoint.model_validate(dict(row))

    async def save(
        self, interview_id: UUID, state: JsonObject, *, expected_version: int | None
    ) -> int:
        """Store ``state`` and return its version.

        ``expected_version`` is the version the state was built from: None for the first
        save (version 1), else the loaded checkpoint's version (the save makes it one more).
        Raises `StaleCheckpointError` when the stored version is not ``expected_version``,
        and also when the interview does not exist.
        """
        try:
            if expected_version is None:
                version = await self._pool.fetchval(_INSERT, interview_id, state)
            else:
                version = await self._pool.fetchval(_UPDATE, interview_id, expected_version, state)
        except asyncpg.ForeignKeyViolationError:
            version = None
        if version is None:
            logger.warning(
                "stale checkpoint save for interview %s (expected version %s)",
                interview_id,
                expected_version,
            )
            raise StaleCheckpointError(interview_id, expected_version)
        logger.debug("interview %s checkpoint version %d saved", interview_id, version)
        return int(version)
