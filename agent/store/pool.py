"""Connection pools as the store expects them: jsonb decoded to and encoded from Python values.

During an outage asyncpg retries its minimum connections in the background (1 s, 2 s, ...
up to a minute apart) and logs a warning with a full traceback each time; the traceback is
cut to the error's type, so an outage reads as one line per retry.
"""

from __future__ import annotations

import json
import logging

import asyncpg

POOL_MIN_SIZE = 1
POOL_MAX_SIZE = 10
# A new connection that has not answered by then fails (asyncpg's default waits 60 s), so a
# database that went away answers requests with a quick 503 instead of a hung request.
CONNECT_TIMEOUT_S = 5.0


class _OneLineRetryWarnings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.levelno <= logging.WARNING:
            error = record.exc_info[1]
            record.msg = f"{record.getMessage()} ({type(error).__name__})"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


logging.getLogger("asyncpg.pool").addFilter(_OneLineRetryWarnings())


async def init_connection(conn: asyncpg.Connection) -> None:
    """Register the json codec for jsonb; `InterviewStore` relies on it for ``latency``."""
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def create_pool(
    dsn: str, *, min_size: int = POOL_MIN_SIZE, max_size: int = POOL_MAX_SIZE
) -> asyncpg.Pool:
    """Open a pool on ``dsn`` whose connections all carry the jsonb codec."""
    pool: asyncpg.Pool = await asyncpg.create_pool(
        dsn,
        min_size=min_size,
        max_size=max_size,
        init=init_connection,
        timeout=CONNECT_TIMEOUT_S,
    )
    return pool
