"""Connection pools as the store expects them: jsonb decoded to and encoded from Python values."""

from __future__ import annotations

import json

import asyncpg

POOL_MIN_SIZE = 1
POOL_MAX_SIZE = 10


async def init_connection(conn: asyncpg.Connection) -> None:
    """Register the json codec for jsonb; `InterviewStore` relies on it for ``latency``."""
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def create_pool(
    dsn: str, *, min_size: int = POOL_MIN_SIZE, max_size: int = POOL_MAX_SIZE
) -> asyncpg.Pool:
    """Open a pool on ``dsn`` whose connections all carry the jsonb codec."""
    pool: asyncpg.Pool = await asyncpg.create_pool(
        dsn, min_size=min_size, max_size=max_size, init=init_connection
    )
    return pool
