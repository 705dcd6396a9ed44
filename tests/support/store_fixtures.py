"""Pytest fixtures for the store tests: throwaway databases on a real PostgreSQL server.

Loaded as a plugin (``pytest_plugins = ["store_fixtures"]``) so that the session database
is created once however many test modules use it. Every interview needs an owner: take the
``owner`` fixture, or `new_guest` for more than one. The server is the one `pg_admin`
finds or starts (``MOCKLINE_TEST_ADMIN_DSN``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import asyncpg
import pytest

from agent.store.interviews import InterviewStore
from agent.store.migrate import apply_migrations
from agent.store.models import User
from agent.store.pool import create_pool
from agent.store.users import UserStore

from pg_admin import create_database, drop_database, fresh_database, postgres_for_tests, unique_name


@pytest.fixture(scope="session")
def postgres_admin_dsn() -> Iterator[str]:
    """The test PostgreSQL server (`pg_admin`): the one named, a local one, or embedded."""
    with postgres_for_tests() as dsn:
        yield dsn


@pytest.fixture(scope="session")
def store_database_url(postgres_admin_dsn: str) -> Iterator[str]:
    """A database created for this test session, migrated by `store_pool`, dropped at the end."""
    with fresh_database() as url:
        yield url


@pytest.fixture
async def empty_database_url(postgres_admin_dsn: str) -> AsyncIterator[str]:
    """A database of its own for one test, with no migrations applied, dropped afterwards."""
    name = unique_name("mockline_test_empty")
    url = await create_database(name)
    try:
        yield url
    finally:
        await drop_database(name)


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
