"""`Database`: the store's one entry point at start-up, owning server, pool and migrations.

With ``settings.database_url`` set it connects there; without it, it starts an embedded
PostgreSQL whose data lives in ``settings.data_dir / "postgres"``, and supervises it
(`supervisor.EmbeddedSupervisor`: restarted when it dies). `probe` answers whether the
database is reachable right now (readiness).
"""

from __future__ import annotations

import logging

import asyncpg

from agent.settings import Settings
from agent.store.availability import DatabaseProbe
from agent.store.embedded import EmbeddedPostgres
from agent.store.interviews import InterviewStore
from agent.store.migrate import apply_migrations
from agent.store.pool import create_pool
from agent.store.supervisor import EmbeddedSupervisor
from agent.store.users import UserStore

logger = logging.getLogger(__name__)


class Database:
    """A migrated connection pool, the `InterviewStore` over it, and the server if we run one."""

    def __init__(
        self, pool: asyncpg.Pool, dsn: str, embedded: EmbeddedPostgres | None = None
    ) -> None:
        self._pool = pool
        self._embedded = embedded
        self._store = InterviewStore(pool)
        self._users = UserStore(pool)
        self.probe = DatabaseProbe(dsn)
        self.supervisor = EmbeddedSupervisor(embedded) if embedded is not None else None

    @classmethod
    async def start(cls, settings: Settings) -> Database:
        """Connect (starting the embedded server if needed) and apply pending migrations."""
        embedded: EmbeddedPostgres | None = None
        if settings.database_url:
            dsn = settings.database_url
            logger.info("using the database from DATABASE_URL")
        else:
            embedded = await EmbeddedPostgres.start(settings.data_dir / "postgres")
            dsn = embedded.dsn
        try:
            pool = await create_pool(dsn)
        except BaseException:
            if embedded is not None:
                await embedded.aclose()
            raise
        database = cls(pool, dsn, embedded)
        try:
            applied = await apply_migrations(pool)
        except BaseException:
            await database.aclose()
            raise
        logger.info("database ready (%d migrations applied now)", len(applied))
        if database.supervisor is not None:
            database.supervisor.start()
        return database

    @property
    def pool(self) -> asyncpg.Pool:
        return self._pool

    @property
    def store(self) -> InterviewStore:
        return self._store

    @property
    def users(self) -> UserStore:
        return self._users

    async def aclose(self) -> None:
        """Close the pool, then stop the embedded server if this process started one."""
        if self.supervisor is not None:
            await self.supervisor.aclose()  # a stop on purpose is not a death to recover from
        try:
            await self._pool.close()
        finally:
            if self._embedded is not None:
                embedded, self._embedded = self._embedded, None
                await embedded.aclose()
