"""The interviewer's stored checkpoint of one interview, read straight from PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import asyncpg


async def checkpoint_state(database_url: str, interview_id: str) -> dict[str, Any] | None:
    """The checkpoint's state as JSON, or None when the interview has none yet."""
    conn = await asyncpg.connect(database_url)
    try:
        raw = await conn.fetchval(
            "select state::text from interview_checkpoints where interview_id = $1::uuid",
            interview_id,
        )
    finally:
        await conn.close()
    return json.loads(raw) if raw else None
