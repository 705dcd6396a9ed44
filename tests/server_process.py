"""Runs `mockline serve` as a real subprocess against a fresh PostgreSQL database."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx

ADMIN_DSN = os.environ.get("MOCKLINE_TEST_ADMIN_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _dsn_for(database: str) -> str:
    base, _, _ = ADMIN_DSN.rpartition("/")
    return f"{base}/{database}"


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(ADMIN_DSN)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextmanager
def fresh_database() -> Iterator[str]:
    """A new, empty database for one test session; dropped afterwards."""
    name = f"mockline_test_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield _dsn_for(name)
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    database_url: str

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def running_server(tmp: Path, database_url: str, **env_overrides: str) -> Iterator[Server]:
    port = free_port()
    log_path = tmp / f"server-{port}.log"
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "MOCKLINE_DATA_DIR": str(tmp / "data"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(env_overrides)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "signaling.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    server = Server(f"http://127.0.0.1:{port}", proc, log_path, database_url)
    try:
        _wait_healthy(server, timeout=180)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.alive():
            raise RuntimeError(f"server exited during start-up:\n{server.log_text()[-4000:]}")
        try:
            if httpx.get(f"{server.url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"server not healthy in {timeout}s:\n{server.log_text()[-4000:]}")
