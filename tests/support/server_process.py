"""Runs `mockline serve` as a real subprocess against a fresh PostgreSQL database.

`running_server` returns once ``/readyz`` answers 200 (database reachable, models loaded).
When it stops, its log must show no unowned asyncio task (`task_leaks`).
With ``database_url=None`` the server starts its own embedded PostgreSQL under its data
folder, as `mockline serve` does without ``DATABASE_URL``; `Server.database_url` is then that
server's URL, read from its ``postmaster.pid``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from pg_admin import fresh_database

__all__ = [
    "Server",
    "embedded_database_url",
    "free_port",
    "fresh_database",
    "running_server",
    "serving",
    "wait_ready",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    database_url: str
    data_dir: Path

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def running_server(tmp: Path, database_url: str | None, **env_overrides: str) -> Iterator[Server]:
    with serving(tmp, database_url, env_overrides) as server:
        yield server


@contextmanager
def serving(
    tmp: Path,
    database_url: str | None,
    env_overrides: dict[str, str],
    *,
    port: int | None = None,
    args: tuple[str, ...] = (),
    source: Path | None = None,
) -> Iterator[Server]:
    """`mockline serve` on ``port`` (a free one by default) with extra ``args``; ``source``:
    another checkout whose code is served (a benchmark's "before")."""
    port = port or free_port()
    log_path = tmp / f"server-{port}.log"
    data_dir = tmp / "data"
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update({"MOCKLINE_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"})
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    env.update(env_overrides)
    if source is not None:
        env["PYTHONPATH"] = str(source.resolve())
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "signaling.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=source,
        )
    server = Server(f"http://127.0.0.1:{port}", proc, log_path, database_url or "", data_dir)
    try:
        wait_ready(server, timeout=180)
        if database_url is None:
            server.database_url = embedded_database_url(data_dir / "postgres")
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    # Only when the block went well: an error in flight is the one to see. Imported here so
    # that pytest loads `task_leaks` as a plugin first (and rewrites its asserts).
    from task_leaks import assert_no_task_leaks

    assert_no_task_leaks(server.log_text(), f"the log of the server on port {port}")


def embedded_database_url(pgdata: Path) -> str:
    """The URL of the embedded PostgreSQL running on ``pgdata`` (its socket, from its pid file)."""
    lines = (pgdata / "postmaster.pid").read_text().splitlines()
    socket_dir, port = lines[4].strip(), lines[3].strip() or "5432"
    return f"postgresql://postgres@/postgres?host={socket_dir}&port={port}"


def wait_ready(server: Server, timeout: float) -> None:
    """Waits until ``/readyz`` answers 200; raises with the log's tail if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.alive():
            raise RuntimeError(f"server exited:\n{server.log_text()[-4000:]}")
        try:
            status = httpx.get(f"{server.url}/readyz", timeout=5).status_code
            if status == 404:  # an older server (a benchmark's "before"): liveness only
                status = httpx.get(f"{server.url}/healthz", timeout=5).status_code
            if status == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"server not ready in {timeout}s:\n{server.log_text()[-4000:]}")
