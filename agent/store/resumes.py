"""`ResumeStore`: uploaded resumes (original bytes and extracted text), always owner-scoped.

Every read and delete takes the owner's id: another user's resume id behaves exactly like an
unknown one (None / False), so ids never leak. Log lines name resume and user ids only, never
file names or text.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime
from typing import Literal
from uuid import UUID

import asyncpg
from pydantic import BaseModel, ConfigDict

logger = logging.getLogger(__name__)

ResumeKind = Literal["pdf", "docx", "txt"]

PREVIEW_CHARS = 300
_META_COLUMNS = (
    "id, owner_id, filename, content_type, kind, size_bytes, sha256, pages, created_at, "
    f"left(text, {PREVIEW_CHARS}) as text_preview"
)


class Resume(BaseModel):
    """A resume's metadata and the start of its text: what lists show."""

    model_config = ConfigDict(frozen=True)

    id: UUID
    owner_id: UUID
    filename: str
    content_type: str | None
    kind: ResumeKind | None
    size_bytes: int | None
    sha256: bytes | None
    pages: int | None
    created_at: datetime
    text_preview: str


class ResumeWithText(Resume):
    text: str


class ResumeFile(Resume):
    data: bytes


class ResumeContent(Resume):
    """Everything stored about a resume: what the owner's data export holds."""

    text: str
    data: bytes


class ResumeStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def add(
        self,
        *,
        owner_id: UUID,
        filename: str,
        content_type: str | None,
        kind: ResumeKind,
        data: bytes,
        text: str,
        pages: int | None,
    ) -> ResumeWithText:
        """Stores a resume; ``filename`` must already be sanitised (at most 200 characters)."""
        record = await self._pool.fetchrow(
            f"""insert into resumes
                    (owner_id, filename, content_type, kind, size_bytes, sha256, data, text, pages)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                returning {_META_COLUMNS}, text""",
            owner_id,
            filename,
            content_type,
            kind,
            len(data),
            hashlib.sha256(data).digest(),
            data,
            text,
            pages,
        )
        if record is None:  # insert ... returning always yields its row
            raise RuntimeError("insert into resumes returned no row")
        resume = ResumeWithText.model_validate(dict(record))
        logger.info("resume %s added for user %s", resume.id, owner_id)
        return resume

    async def list_for_owner(self, owner_id: UUID) -> list[Resume]:
        """The owner's resumes, newest first, without text or bytes."""
        records = await self._pool.fetch(
            f"select {_META_COLUMNS} from resumes where owner_id = $1 order by created_at desc, id",
            owner_id,
        )
        return [Resume.model_validate(dict(record)) for record in records]

    async def get_owned(self, id: UUID, owner_id: UUID) -> ResumeWithText | None:
        record = await self._pool.fetchrow(
            f"select {_META_COLUMNS}, text from resumes where id = $1 and owner_id = $2",
            id,
            owner_id,
        )
        return ResumeWithText.model_validate(dict(record)) if record else None

    async def get_file_owned(self, id: UUID, owner_id: UUID) -> ResumeFile | None:
        record = await self._pool.fetchrow(
            f"select {_META_COLUMNS}, data from resumes where id = $1 and owner_id = $2",
            id,
            owner_id,
        )
        return ResumeFile.model_validate(dict(record)) if record else None

    async def delete_owned(self, id: UUID, owner_id: UUID) -> bool:
        result = await self._pool.execute(
            "delete from resumes where id = $1 and owner_id = $2", id, owner_id
        )
        deleted: bool = result.endswith(" 1")
        if deleted:
            logger.info("resume %s deleted", id)
        return deleted

    async def list_with_content_for_owner(self, owner_id: UUID) -> list[ResumeContent]:
        """Every resume of the owner with text and bytes, oldest first (for the data export)."""
        records = await self._pool.fetch(
            f"select {_META_COLUMNS}, text, data from resumes where owner_id = $1 "
            "order by created_at, id",
            owner_id,
        )
        return [ResumeContent.model_validate(dict(record)) for record in records]
