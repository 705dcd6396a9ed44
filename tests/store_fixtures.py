"""Pytest fixtures for the store tests: throwaway databases on a real PostgreSQL server.

Loaded as a plugin (``pytest_plugins = ["store_fixtures"]``) so that the session database
is created once however many test modules use it. Every interview needs an owner: take the
``owner`` fixture, or `new_guest` for more than one. The server is the one at
``MOCKLINE_TEST_POSTGRES_URL`` (default: local trust auth as ``postgres``).
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from agent.store.interviews import InterviewStore
from agent.store.migrate import apply_migrations
from agent.store.models import User
from agent.store.pool import create_pool
from agent.store.users import UserStore

ADMIN_URL = os.environ.get("MOCKLINE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/")


def _database_url(name: str) -> str:
    parts = urlsplit(ADMIN_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


async def _create_database(name: str) -> None:
    conn = await asyncpg.connect(_database_url("postgres"))
    try:
        await conn.execute(f'create database "{name}"')
    finally:
        await conn.close()


async def _drop_database(name: str) -> None:
    conn = await asyncpg.connect(_database_url("postgres"))
    try:
        await conn.execute(f'drop database if exists "{name}" with (force)')
    finally:
        await conn.close()


def _unique_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def store_database_url() -> Iterator[str]:
    """A database created for this test session, migrated by `store_pool`, dropped at the end."""
    name = _unique_name("mockline_test")
    asyncio.run(_create_database(name))
    try:
        yield _database_url(name)
    finally:
        asyncio.run(_drop_database(name))


@pytest.fixture
async def empty_database_url() -> AsyncIterator[str]:
    """A database of its own for one test, with no migrations applied, dropped afterwards."""
    name = _unique_name("mockline_test_empty")
    await _create_database(name)
    try:
        yield _database_url(name)
    finally:
        await _drop_database(name)


@pytest.fixture
async def private_pool(empty_database_url: str) -> AsyncIterator[asyncpg.Pool]:
    """A migrated database of the test's own, for tests that touch every row."""
    pool = await create_pool(empty_database_url)
    try:
        await apply_migrations(pool)
        yield pool
    finally:
        await pool.close()


@pytest.fixture
async def store_pool(store_database_url: str) -> AsyncIterator[asyncpg.Pool]:
    """A pool on the session database, with migrations applied."""
    pool = await create_pool(store_database_url, max_size=25)
    try:
        await apply_migrations(pool)
        yield pool
    finally:
        await pool.close()


@pytest.fixture
def interview_store(store_pool: asyncpg.Pool) -> InterviewStore:
    return InterviewStore(store_pool)


@pytest.fixture
def user_store(store_pool: asyncpg.Pool) -> UserStore:
    return UserStore(store_pool)


async def new_guest(users: UserStore) -> User:
    """A fresh guest account, the cheapest real owner an interview can have."""
    return await users.create_user(email=None, password_hash=None, is_guest=True)


@pytest.fixture
async def owner(user_store: UserStore) -> User:
    """A guest user of its own for one test, to own the interviews it creates."""
    return await new_guest(user_store)
