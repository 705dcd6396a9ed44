"""Versioned SQL migrations: ``migrations/NNNN_name.sql`` applied in order, each exactly once.

Every process applies pending migrations on start. A session-level advisory lock makes
concurrent starters take turns: the first applies, the rest find nothing left to do. Each
migration and its ``schema_migrations`` row commit in one transaction, so a failed migration
leaves no trace and is retried on the next start.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

import asyncpg

logger = logging.getLogger(__name__)

# Any fixed bigint works; this one is b"mockline" read as a big-endian integer.
MIGRATION_LOCK_KEY = int.from_bytes(b"mockline", "big")

_FILE_NAME = re.compile(r"^(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.sql$")

_CREATE_LEDGER = """
create table if not exists schema_migrations (
    version    integer primary key,
    name       text not null,
    applied_at timestamptz not null default now()
)
"""


class MigrationError(RuntimeError):
    """The migrations directory is malformed (bad file name, duplicate version)."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """The migrations shipped in ``agent/store/migrations``, ordered by version."""
    found: dict[int, Migration] = {}
    for entry in (files("agent.store") / "migrations").iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = _FILE_NAME.match(entry.name)
        if match is None:
            raise MigrationError(f"migration file name must look like 0001_name.sql: {entry.name}")
        version = int(match["version"])
        if version in found:
            raise MigrationError(f"two migrations share version {version}")
        found[version] = Migration(version, match["name"], entry.read_text(encoding="utf-8"))
    return [found[version] for version in sorted(found)]


async def apply_migrations(
    pool: asyncpg.Pool, migrations: Sequence[Migration] | None = None
) -> list[int]:
    """Apply the pending ``migrations`` (default: the shipped ones); return the versions applied.

    Safe to call from several processes at once and to call again: already applied versions
    are skipped. A migration that fails raises, and neither it nor its ledger row is kept.
    """
    pending_source = load_migrations() if migrations is None else list(migrations)
    async with pool.acquire() as conn:
        await conn.execute("select pg_advisory_lock($1)", MIGRATION_LOCK_KEY)
        try:
            await conn.execute(_CREATE_LEDGER)
            rows = await conn.fetch("select version from schema_migrations")
            applied_before = {int(row["version"]) for row in rows}
            _warn_unknown(applied_before, pending_source)
            applied_now: list[int] = []
            for migration in pending_source:
                if migration.version in applied_before:
                    continue
                async with conn.transaction():
                    await conn.execute(migration.sql)
                    await conn.execute(
                        "insert into schema_migrations (version, name) values ($1, $2)",
                        migration.version,
                        migration.name,
                    )
                logger.info("applied migration %04d_%s", migration.version, migration.name)
                applied_now.append(migration.version)
            return applied_now
        finally:
            await conn.execute("select pg_advisory_unlock($1)", MIGRATION_LOCK_KEY)


def _warn_unknown(applied: set[int], known: Sequence[Migration]) -> None:
    unknown = sorted(applied - {migration.version for migration in known})
    if unknown:
        # A newer build migrated this database; running older code against it may misbehave.
        logger.warning("database has migrations this build does not know: %s", unknown)
