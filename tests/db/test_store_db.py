"""Database start-up: an external server from DATABASE_URL, or the embedded one on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.settings import Settings
from agent.store.db import Database
from agent.store.embedded import EmbeddedPostgresError


async def test_start_on_database_url_migrates_and_serves_the_store(
    empty_database_url: str, tmp_path: Path
) -> None:
    settings = Settings(database_url=empty_database_url, data_dir=tmp_path)
    database = await Database.start(settings)
    try:
        owner = await database.users.create_user(email=None, password_hash=None, is_guest=True)
        interview = await database.store.create_interview(
            owner_id=owner.id, role="backend_engineer", level="mid", interview_type="technical"
        )
        assert await database.store.get_interview(interview.id) == interview
        assert await database.users.get_user(owner.id) == owner
        assert await database.pool.fetchval("select count(*) from schema_migrations") >= 1
    finally:
        await database.aclose()
    await database.aclose()  # a second close is harmless
    assert not (tmp_path / "postgres").exists()


@pytest.mark.slow
async def test_embedded_server_keeps_data_across_restarts(tmp_path: Path) -> None:
    settings = Settings(database_url=None, data_dir=tmp_path / "data")

    first = await Database.start(settings)
    try:
        owner = await first.users.create_user(email=None, password_hash=None, is_guest=True)
        interview = await first.store.create_interview(
            owner_id=owner.id, role="backend_engineer", level="senior", interview_type="technical"
        )
        await first.store.add_turn(
            interview.id, speaker="interviewer", text="Hello.", started_at=0.0
        )
    finally:
        await first.aclose()
    assert (tmp_path / "data" / "postgres" / "PG_VERSION").exists()
    assert not (tmp_path / "data" / "postgres" / "postmaster.pid").exists()

    second = await Database.start(settings)
    try:
        assert await second.store.get_interview(interview.id) == interview
        assert await second.users.get_user(owner.id) == owner
        assert [t.text for t in await second.store.list_turns(interview.id)] == ["Hello."]
    finally:
        await second.aclose()


async def test_embedded_server_refuses_a_data_dir_with_whitespace(tmp_path: Path) -> None:
    settings = Settings(database_url=None, data_dir=tmp_path / "Application Support")
    with pytest.raises(EmbeddedPostgresError):
        await Database.start(settings)
