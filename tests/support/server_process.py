"""Runs `mockline serve` as a real subprocess against a fresh PostgreSQL database."""

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

__all__ = ["Server", "free_port", "fresh_database", "running_server"]


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
