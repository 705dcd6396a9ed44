"""The PostgreSQL server the tests use, and throwaway databases on it.

One variable names it: ``MOCKLINE_TEST_ADMIN_DSN``, an admin connection URL. When it is unset
and nothing answers on 127.0.0.1:5432, the test session starts one embedded PostgreSQL of
its own (the same `agent.store.embedded` that `mockline serve` uses without
``DATABASE_URL``) in a temporary folder, and sets the variable so that every subprocess the
tests start (servers, the CLI) finds the same server. It is stopped when the session ends.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from agent.store.embedded import EmbeddedPostgres

ENV = "MOCKLINE_TEST_ADMIN_DSN"
_LOCAL = "postgresql://postgres@127.0.0.1:5432/postgres"


def admin_dsn() -> str:
    """The admin URL of the test server (`postgres_for_tests` must be running)."""
    return os.environ.get(ENV, _LOCAL)


def dsn_for(database: str, admin: str | None = None) -> str:
    """The admin URL with its database replaced (query options such as a socket ``host`` kept)."""
    parts = urlsplit(admin or admin_dsn())
    return urlunsplit(parts._replace(path=f"/{database}"))


def _local_server_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return True
    except OSError:
        return False


@contextmanager
def postgres_for_tests() -> Iterator[str]:
    """The admin URL of a server for this test session, starting an embedded one if needed."""
    if os.environ.get(ENV):
        yield os.environ[ENV]
        return
    if _local_server_answers():
        yield _LOCAL
        return
    folder = Path(tempfile.mkdtemp(prefix="mockline-test-pg-"))
    server = asyncio.run(EmbeddedPostgres.start(folder / "pgdata"))
    os.environ[ENV] = server.dsn
    try:
        yield server.dsn
    finally:
        os.environ.pop(ENV, None)
        asyncio.run(server.aclose())
        shutil.rmtree(folder, ignore_errors=True)


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(admin_dsn())
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def create_database(name: str) -> str:
    await _admin(f'create database "{name}"')
    return dsn_for(name)


async def drop_database(name: str) -> None:
    await _admin(f'drop database if exists "{name}" with (force)')


def unique_name(prefix: str = "mockline_test") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


@contextmanager
def fresh_database() -> Iterator[str]:
    """A new, empty database on the test server; dropped afterwards."""
    name = unique_name()
    url = asyncio.run(create_database(name))
    try:
        yield url
    finally:
        asyncio.run(drop_database(name))
