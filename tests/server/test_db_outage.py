"""A database outage over a real server: readiness says so, every route that needs the
database answers 503 ``database_unavailable`` with ``Retry-After`` (fast, never a 500), and
everything works again once PostgreSQL is back, with nothing acknowledged lost.

The test runs a PostgreSQL of its own (`agent.store.embedded` on a temporary folder), so
stopping it harms no other test; the server reaches it through ``DATABASE_URL``.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from agent.store.embedded import EmbeddedPostgres

from auth_helpers import Account, signup
from outage_helpers import ANSWER, TypedInterview, kill_postmaster, wait_for_readiness
from server_process import Server, running_server


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[EmbeddedPostgres]:
    folder = Path(tempfile.mkdtemp(prefix="mockline-outage-pg-"))
    server = asyncio.run(EmbeddedPostgres.start(folder / "pgdata"))
    try:
        yield server
    finally:
        asyncio.run(server.aclose())
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def outage_server(
    tmp_path_factory: pytest.TempPathFactory, own_postgres: EmbeddedPostgres
) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("outage"), own_postgres.dsn) as server:
        yield server
        assert server.alive(), "the server died during the outage"


def _assert_unavailable(resp: httpx.Response) -> None:
    assert resp.status_code == 503, f"{resp.request.method} {resp.request.url}: {resp.text}"
    assert resp.json()["error"]["code"] == "database_unavailable"
    assert resp.json()["error"]["message"]
    assert 1 <= int(resp.headers["Retry-After"]) <= 60


def test_outage_is_503_with_retry_after_and_recovers(
    outage_server: Server, own_postgres: EmbeddedPostgres
) -> None:
    url = outage_server.url
    account: Account = signup(url)
    interview = TypedInterview(outage_server, account)
    interview.create_and_open()
    assert interview.send(ANSWER.format(n=1)).status_code == 200
    pgdata = Path(str(own_postgres.log_path)).parent

    kill_postmaster(pgdata, signal.SIGINT)  # PostgreSQL's "fast" shutdown, as pg_ctl stop
    down = wait_for_readiness(outage_server, "database_unavailable")
    assert int(down.headers["Retry-After"]) >= 1
    assert down.json()["checks"]["database"] == "unavailable"
    assert httpx.get(f"{url}/healthz").status_code == 200, "liveness does not need the database"

    # A client that sets no timeout of its own is still answered promptly (asyncpg alone
    # would wait 60 s for a connection); 10 s bounds the wait here.
    during = ANSWER.format(n="during the outage")
    checks = [
        interview.send(during),
        httpx.get(f"{url}/api/interviews", headers=account.headers, timeout=10),
        httpx.get(f"{url}/api/interviews/{interview.id}", headers=account.headers, timeout=10),
        httpx.get(f"{url}/api/me", headers=account.headers, timeout=10),
        httpx.post(
            f"{url}/api/auth/signin",
            json={"email": account.email, "password": account.password},
            timeout=10,
        ),
        httpx.post(f"{url}/api/auth/guest", timeout=10),
    ]
    for resp in checks:
        _assert_unavailable(resp)
    assert httpx.get(f"{url}/api/options").status_code == 200, "no database needed there"

    asyncio.run(own_postgres.restart())
    wait_for_readiness(outage_server, None)
    interview.send_until_accepted(ANSWER.format(n=2))

    said = interview.candidate_texts()
    assert interview.acknowledged == [ANSWER.format(n=1), ANSWER.format(n=2)]
    for text in interview.acknowledged:
        assert said.count(text) == 1, "an acknowledged answer was lost or duplicated"
    assert during not in said, "a refused answer was half-saved"
    log = outage_server.log_text()
    assert "database unavailable on POST" in log
    assert "Answer 1" not in log and account.email not in log, "personal data in the log"
    assert "internal_error" not in log and "Traceback" not in log
