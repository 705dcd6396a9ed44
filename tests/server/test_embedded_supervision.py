"""The embedded PostgreSQL is supervised: `mockline serve` without ``DATABASE_URL`` restarts
it when its postmaster dies, and a typed interview goes on with nothing acknowledged lost; a
crash loop ends in a clear error that ``/readyz`` reports."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from auth_helpers import signup
from outage_helpers import (
    ANSWER,
    TypedInterview,
    kill_postmaster,
    postmaster_pid,
    wait_for_readiness,
)
from server_process import Server, running_server


@pytest.fixture(scope="module")
def embedded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("supervised"), None) as server:
        yield server
        assert server.alive(), "the server died with its database"


def _pgdata(server: Server) -> Path:
    return server.data_dir / "postgres"


def _wait_for_new_postmaster(pgdata: Path, old_pid: int, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid = postmaster_pid(pgdata)
        except (FileNotFoundError, ValueError, IndexError):
            pid = old_pid  # between the old file's removal and the new one's writing
        if pid != old_pid:
            return pid
        time.sleep(0.1)
    raise AssertionError("the embedded PostgreSQL was never restarted")


def test_killed_postmaster_is_restarted_and_the_interview_goes_on(
    embedded_server: Server,
) -> None:
    account = signup(embedded_server.url)
    interview = TypedInterview(embedded_server, account)
    interview.create_and_open()
    assert interview.send(ANSWER.format(n=1)).status_code == 200

    pgdata = _pgdata(embedded_server)
    killed = kill_postmaster(pgdata)
    restarted = _wait_for_new_postmaster(pgdata, killed)
    ready = wait_for_readiness(embedded_server, None)
    assert ready.json()["checks"]["database"] == "ok"
    interview.send_until_accepted(ANSWER.format(n=2))

    said = interview.candidate_texts()
    assert interview.acknowledged == [ANSWER.format(n=1), ANSWER.format(n=2)]
    for text in interview.acknowledged:
        assert said.count(text) == 1, "an acknowledged answer was lost or duplicated"
    # A new typed interview works from start to answer on the restarted server.
    fresh = TypedInterview(embedded_server, account)
    fresh.create_and_open()
    assert fresh.send(ANSWER.format(n=3)).status_code == 200
    assert fresh.candidate_texts() == [ANSWER.format(n=3)]
    log = embedded_server.log_text()
    assert f"embedded postgres (pid {killed}) died; restarting it" in log
    assert f"embedded postgres restarted (pid {restarted})" in log
    assert "Answer 1" not in log and account.email not in log, "personal data in the log"


def test_a_crash_loop_ends_in_a_clear_error(embedded_server: Server) -> None:
    pgdata = _pgdata(embedded_server)
    config = pgdata / "postgresql.conf"
    hidden = config.rename(pgdata / "postgresql.conf.hidden-by-test")  # every restart fails
    try:
        kill_postmaster(pgdata)
        failed = wait_for_readiness(embedded_server, "database_failed", timeout=120)
    finally:
        hidden.rename(config)
    body = failed.json()
    assert body["checks"]["database"] == "failed"
    assert "no longer restarted" in body["message"] and str(pgdata / "log") in body["message"]
    assert "Retry-After" not in failed.headers, "it does not pass by waiting"
    assert httpx.get(f"{embedded_server.url}/healthz").status_code == 200
    resp = httpx.post(f"{embedded_server.url}/api/auth/guest", timeout=10)
    assert resp.status_code == 503 and resp.json()["error"]["code"] == "database_unavailable"
    log = embedded_server.log_text()
    assert "embedded postgres failed 5 times within 60 s; giving up" in log
    assert "configuration file" not in log, "PostgreSQL's own log was copied into ours"
