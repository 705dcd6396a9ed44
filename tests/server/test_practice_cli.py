"""`mockline practice`: a typed interview in a real subprocess, stored in a real database."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from server_process import fresh_database

ANSWER = (
    "I owned that project. I measured the bottleneck, weighed a cache against a read replica, "
    "chose the replica for consistency, and cut the page load from three seconds to half a second."
)
_SAVED = re.compile(r"Interview ([0-9a-f-]{36}) is saved")


@pytest.fixture(scope="module")
def database_url(postgres_admin_dsn: str) -> Iterator[str]:
    with fresh_database() as url:
        yield url


def _practice(
    database_url: str, data_dir: Path, stdin: str, *args: str
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DATABASE_URL=database_url, MOCKLINE_DATA_DIR=str(data_dir))
    env.pop("MOCKLINE_LLM_API_KEY", None)
    return subprocess.run(
        [sys.executable, "-m", "signaling.cli", "practice", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )


async def _stored(database_url: str, interview_id: str) -> dict[str, Any]:
    conn = await asyncpg.connect(database_url)
    try:
        row = await conn.fetchrow(
            "select i.status, i.owner_id, u.is_guest, i.setup::text as setup, "
            "i.profile is not null as has_profile, i.job_description "
            "from interviews i join users u on u.id = i.owner_id where i.id = $1::uuid",
            interview_id,
        )
        turns = await conn.fetch(
            "select speaker, text from turns where interview_id = $1::uuid order by seq",
            interview_id,
        )
    finally:
        await conn.close()
    assert row is not None
    return {**dict(row), "turns": [(t["speaker"], t["text"]) for t in turns]}


def test_a_whole_interview_in_the_terminal(database_url: str, tmp_path: Path) -> None:
    answers = "\n".join([ANSWER] * 12) + "\n"
    done = _practice(
        database_url,
        tmp_path,
        answers,
        "--role", "data_analyst", "--level", "junior", "--type", "behavioral",
        "--questions", "2", "--persona-name", "Robin", "--tone", "friendly",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    match = _SAVED.search(done.stdout)
    assert match, done.stdout
    stored = asyncio.run(_stored(database_url, match[1]))
    assert stored["status"] == "completed" and stored["is_guest"] is True
    assert '"name": "Robin"' in stored["setup"] and '"tone": "friendly"' in stored["setup"]
    speakers = [speaker for speaker, _ in stored["turns"]]
    assert speakers[0] == "interviewer" and speakers[-1] == "interviewer"
    assert speakers.count("candidate") < 12  # it finished before the input ran out
    for _, text in stored["turns"]:
        if _ == "interviewer":
            assert f"Robin: {text}" in done.stdout
    # The same data directory keeps the same local account.
    again = _practice(database_url, tmp_path, "quit\n", "--questions", "1")
    assert again.returncode == 0, again.stderr
    second = _SAVED.search(again.stdout)
    assert second
    assert asyncio.run(_stored(database_url, second[1]))["owner_id"] == stored["owner_id"]


def test_quit_and_end_of_input_end_the_interview(database_url: str, tmp_path: Path) -> None:
    done = _practice(database_url, tmp_path, f"{ANSWER}\nquit\n{ANSWER}\n", "--minutes", "30")
    assert done.returncode == 0, done.stderr
    match = _SAVED.search(done.stdout)
    assert match
    stored = asyncio.run(_stored(database_url, match[1]))
    assert stored["status"] == "completed"
    assert [s for s, _ in stored["turns"]] == ["interviewer", "candidate", "interviewer"]
    assert '"unit": "minutes"' in stored["setup"]
    eof = _practice(database_url, tmp_path, "", "--questions", "3")
    assert eof.returncode == 0 and _SAVED.search(eof.stdout)


def test_resume_and_job_description_ground_it(database_url: str, tmp_path: Path) -> None:
    resume = tmp_path / "cv.txt"
    resume.write_text(
        "Jane Doe\nBackend engineer\n\nSkills\nPython, PostgreSQL, Kafka\n", encoding="utf-8"
    )
    jd = tmp_path / "jd.txt"
    jd.write_text("Requirements\n- 3+ years of Python\n- Kafka in production\n", encoding="utf-8")
    done = _practice(database_url, tmp_path, "quit\n", "--resume", str(resume), "--jd", str(jd))
    assert done.returncode == 0, done.stderr
    match = _SAVED.search(done.stdout)
    assert match
    stored = asyncio.run(_stored(database_url, match[1]))
    assert stored["has_profile"] is True
    assert "Kafka in production" in stored["job_description"]


def test_bad_options_exit_2_with_a_reason(database_url: str, tmp_path: Path) -> None:
    unknown = _practice(database_url, tmp_path, "", "--role", "astronaut")
    assert unknown.returncode == 2 and "astronaut" in unknown.stderr
    too_long = tmp_path / "long.txt"
    too_long.write_text("x" * 20_001, encoding="utf-8")
    long_jd = _practice(database_url, tmp_path, "", "--jd", str(too_long))
    assert long_jd.returncode == 2 and "20,000" in long_jd.stderr
    both = _practice(database_url, tmp_path, "", "--questions", "3", "--minutes", "10")
    assert both.returncode == 2
    missing = _practice(database_url, tmp_path, "", "--resume", str(tmp_path / "nope.pdf"))
    assert missing.returncode == 2 and "resume" in missing.stderr
