"""Shared fixtures: a fresh PostgreSQL database and a real `mockline serve` process; tests
under tests/db and tests/server fail on unowned asyncio tasks (`task_leaks`)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))
# numpy's BLAS threads oversubscribe this 2-core machine (tests, server and browser share it).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from paths import ARTIFACTS, REPO
from redis_server import redis_for_tests
from server_process import Server, fresh_database, running_server

pytest_plugins = ["store_fixtures", "sip_fixtures", "task_leaks"]


@pytest.fixture(scope="session")
def database_url(postgres_admin_dsn: str) -> Iterator[str]:
    with fresh_database() as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with redis_for_tests() as url:
        yield url


@pytest.fixture(scope="session")
def widget_bundle() -> None:
    """Rebuilds widget.js from its sources when esbuild is installed (setup.sh's `npm ci`)."""
    if (REPO / "node_modules" / ".bin" / "esbuild").exists():
        subprocess.run([str(REPO / "scripts" / "build_widget.sh")], check=True, timeout=120)


@pytest.fixture(scope="session")
def server(
    tmp_path_factory: pytest.TempPathFactory, database_url: str, widget_bundle: None
) -> Iterator[Server]:
    # The suite signs up many users from one address; the rate-limit tests run their own server.
    tmp = tmp_path_factory.mktemp("server")
    with running_server(tmp, database_url, MOCKLINE_RATE_LIMIT_MULTIPLIER="100") as srv:
        yield srv
        assert srv.alive(), "the server died during the tests"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
