"""Migrations: first apply, re-apply, concurrent appliers, rollback, upgrading old data."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from agent.store.migrate import Migration, apply_migrations, load_migrations
from agent.store.pool import create_pool

EXPECTED_TABLES = {
    "schema_migrations",
    "organisations",
    "users",
    "interviews",
    "turns",
    "refresh_tokens",
    "llm_keys",
    "resumes",
    "interview_checkpoints",
    "answer_evaluations",
    "interview_reports",
    "signin_failures",
    "org_invitations",
    "org_daily_usage",
    "practice_sets",
    "org_audit_log",
    "org_server_keys",
    "org_interviews",
    "dial_in_pins",
}


async def _tables(pool: asyncpg.Pool) -> set[str]:
    rows = await pool.fetch("select tablename from pg_tables where schemaname = 'public'")
    return {row["tablename"] for row in rows}


async def _ledger(pool: asyncpg.Pool) -> list[tuple[int, str]]:
    rows = await pool.fetch("select version, name from schema_migrations order by version")
    return [(row["version"], row["name"]) for row in rows]


async def _advisory_locks_held(pool: asyncpg.Pool) -> int:
    count: int = await pool.fetchval(
        "select count(*) from pg_locks join pg_database on pg_database.oid = pg_locks.database"
        " where locktype = 'advisory' and datname = current_database()"
    )
    return count


def test_shipped_migrations_are_numbered_from_one() -> None:
    migrations = load_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == "initial"


async def test_apply_then_reapply_is_a_no_op(empty_database_url: str) -> None:
    pool = await create_pool(empty_database_url)
    try:
        versions = [m.version for m in load_migrations()]
        assert await apply_migrations(pool) == versions
        assert await _tables(pool) == EXPECTED_TABLES
        ledger = await _ledger(pool)

        assert await apply_migrations(pool) == []
        assert await _ledger(pool) == ledger
        assert await _advisory_locks_held(pool) == 0
    finally:
        await pool.close()


async def test_two_pools_applying_at_once_apply_each_migration_once(
    empty_database_url: str,
) -> None:
    first = await create_pool(empty_database_url)
    second = await create_pool(empty_database_url)
    try:
        applied = await asyncio.gather(apply_migrations(first), apply_migrations(second))
        versions = [m.version for m in load_migrations()]
        assert sorted(applied[0] + applied[1]) == versions
        assert [version for version, _ in await _ledger(first)] == versions
    finally:
        await first.close()
        await second.close()


async def test_failed_migration_leaves_no_trace_and_later_ones_wait(
    empty_database_url: str,
) -> None:
    good = Migration(1, "good", "create table good (id int)")
    bad = Migration(2, "bad", "create table half_done (id int); select 1 / 0")
    pool = await create_pool(empty_database_url)
    try:
        with pytest.raises(asyncpg.DivisionByZeroError):
            await apply_migrations(pool, [good, bad])
        assert await _ledger(pool) == [(1, "good")]
        assert await _tables(pool) == {"schema_migrations", "good"}

        fixed = Migration(2, "bad", "create table half_done (id int)")
        assert await apply_migrations(pool, [good, fixed]) == [2]
    finally:
        await pool.close()


async def _owner_id_is_nullable(pool: asyncpg.Pool) -> bool:
    nullable: str = await pool.fetchval(
        "select is_nullable from information_schema.columns"
        " where table_name = 'interviews' and column_name = 'owner_id'"
    )
    return nullable == "YES"


async def test_accounts_migration_gives_ownerless_interviews_one_guest_owner(
    empty_database_url: str,
) -> None:
    pool = await create_pool(empty_database_url)
    try:
        assert await apply_migrations(pool, [m for m in load_migrations() if m.version == 1]) == [1]
        assert await _owner_id_is_nullable(pool)
        orphans = [
            await pool.fetchval(
                "insert into interviews (role, level, interview_type)"
                " values ('backend_engineer', $1, 'technical') returning id",
                level,
            )
            for level in ("junior", "senior")
        ]
        await pool.execute(
            "insert into turns (interview_id, seq, speaker, text, started_at)"
            " values ($1, 1, 'interviewer', 'Hello.', 0.0)",
            orphans[0],
        )
        owner_before = await pool.fetchval("insert into users default values returning id")
        owned = await pool.fetchval(
            "insert into interviews (owner_id, role, level, interview_type)"
            " values ($1, 'backend_engineer', 'mid', 'technical') returning id",
            owner_before,
        )

        assert 2 in await apply_migrations(pool)

        assert not await _owner_id_is_nullable(pool)
        rows = await pool.fetch(
            "select i.id, i.owner_id, u.is_guest from interviews i join users u"
            " on u.id = i.owner_id"
        )
        owners = {row["id"]: row["owner_id"] for row in rows}
        assert set(owners) == {*orphans, owned}
        assert owners[owned] == owner_before
        new_owner = owners[orphans[0]]
        assert owners[orphans[1]] == new_owner and new_owner != owner_before
        assert all(row["is_guest"] for row in rows)
        assert await pool.fetchval("select count(*) from users") == 2
        turns = await pool.fetchval(
            "select count(*) from turns where interview_id = $1", orphans[0]
        )
        assert turns == 1
        with pytest.raises(asyncpg.NotNullViolationError):
            await pool.execute(
                "insert into interviews (role, level, interview_type) values ('r', 'l', 't')"
            )
    finally:
        await pool.close()


async def test_accounts_migration_creates_no_user_when_nothing_is_ownerless(
    empty_database_url: str,
) -> None:
    pool = await create_pool(empty_database_url)
    try:
        await apply_migrations(pool)
        assert await pool.fetchval("select count(*) from users") == 0
    finally:
        await pool.close()
