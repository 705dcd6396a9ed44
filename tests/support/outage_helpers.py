"""Helpers for the outage tests: a typed interview driven over HTTP, the embedded
PostgreSQL's postmaster, and waiting for a server's readiness to change."""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

from auth_helpers import Account
from server_process import Server

SETUP = {
    "role": "backend_engineer",
    "level": "mid",
    "interview_type": "technical",
    "length": {"unit": "questions", "value": 5},
}
# Distinct answers, so each can be found (exactly once) in the transcript afterwards.
ANSWER = (
    "Answer {n}: in my last role I owned the ingestion service. I measured the slow path "
    "first, compared two designs and their trade-offs, shipped the simpler one behind a "
    "flag, and p99 latency fell from 800 to 120 milliseconds."
)


@dataclass
class TypedInterview:
    """One typed interview of `account` on `server`; `acknowledged` holds every answer the
    server confirmed with a 200."""

    server: Server
    account: Account
    id: str = ""
    acknowledged: list[str] = field(default_factory=list)

    def create_and_open(self) -> None:
        created = self._post("/api/interviews", SETUP)
        assert created.status_code == 201, created.text
        self.id = str(created.json()["id"])
        opened = self._post(f"/api/interviews/{self.id}/open")
        assert opened.status_code == 200, opened.text

    def send(self, text: str) -> httpx.Response:
        resp = self._post(f"/api/interviews/{self.id}/messages", {"text": text})
        if resp.status_code == 200:
            self.acknowledged.append(text)
        return resp

    def send_until_accepted(self, text: str, attempts: int = 20) -> dict[str, Any]:
        """Sends as a client honouring Retry-After would, while the server answers 503."""
        for _ in range(attempts):
            resp = self.send(text)
            if resp.status_code != 503:
                assert resp.status_code == 200, resp.text
                reply: dict[str, Any] = resp.json()
                return reply
            time.sleep(min(float(resp.headers.get("Retry-After", "1")), 1.0))
        raise AssertionError("the server kept answering 503")

    def candidate_texts(self) -> list[str]:
        got = httpx.get(
            f"{self.server.url}/api/interviews/{self.id}", headers=self.account.headers, timeout=30
        )
        assert got.status_code == 200, got.text
        return [t["text"] for t in got.json()["turns"] if t["speaker"] == "candidate"]

    def _post(self, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        return httpx.post(
            f"{self.server.url}{path}", json=body, headers=self.account.headers, timeout=60
        )


def postmaster_pid(pgdata: Path) -> int:
    return int((pgdata / "postmaster.pid").read_text().split()[0])


def kill_postmaster(pgdata: Path, sig: signal.Signals = signal.SIGKILL) -> int:
    """Sends ``sig`` to the postmaster and waits until it is gone; returns its pid."""
    pid = postmaster_pid(pgdata)
    os.kill(pid, sig)
    deadline = time.monotonic() + 30
    while _running(pid):
        assert time.monotonic() < deadline, "the postmaster did not go away"
        time.sleep(0.05)
    return pid


def _running(pid: int) -> bool:
    try:
        status: str = psutil.Process(pid).status()
    except psutil.NoSuchProcess:
        return False
    return bool(status != psutil.STATUS_ZOMBIE)


def wait_for_readiness(server: Server, reason: str | None, timeout: float = 60) -> httpx.Response:
    """Polls ``/readyz`` until it is ready (``reason=None``) or 503 with this reason."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        resp = httpx.get(f"{server.url}/readyz", timeout=10)
        body = resp.json()
        last = f"{resp.status_code} {body}"
        if reason is None and resp.status_code == 200:
            return resp
        if reason is not None and resp.status_code == 503 and body.get("reason") == reason:
            return resp
        time.sleep(0.2)
    raise AssertionError(f"/readyz never reached {reason or 'ready'}; last: {last}")
