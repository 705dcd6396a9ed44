"""Organisations for tests: `mockline org` against a running server's database, admins who
accepted their invitation, students with embed tokens, and a reported interview."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jwt

from auth_helpers import Account, signup
from server_process import Server

SET_SETUP = {
    "role": "backend_engineer",
    "level": "junior",
    "interview_type": "technical",
    "length": {"unit": "questions", "value": 1},
}
ANSWER = (
    "I built a REST API in Python with PostgreSQL. I measured slow queries, added indexes and "
    "tests, and the p95 latency fell from 800 to 120 milliseconds."
)


@dataclass(frozen=True)
class Org:
    id: str
    server_key: str
    invitation: str
    origins: tuple[str, ...]


def org_cli(server: Server, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.update({"DATABASE_URL": server.database_url, "MOCKLINE_DATA_DIR": str(data_dir(server))})
    return subprocess.run(
        [sys.executable, "-m", "signaling.cli", "org", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def data_dir(server: Server) -> Path:
    return server.log_path.parent / "data"


def _fields(stdout: str) -> dict[str, str]:
    return dict(
        line.split(": ", 1)
        for line in stdout.splitlines()
        if ": " in line and " " not in line.split(":")[0]
    )


def create_org(
    server: Server, *origins: str, name: str = "Test College", quota: int | None = None
) -> Org:
    args = ["create", name, *[a for o in origins for a in ("--origin", o)]]
    if quota is not None:
        args += ["--daily-quota", str(quota)]
    done = org_cli(server, *args)
    assert done.returncode == 0, done.stderr
    fields = _fields(done.stdout)
    invitation = fields["admin_invitation"].split("#invite=", 1)[1]
    return Org(fields["org_id"], fields["server_key"], invitation, origins)


def rotate_key(server: Server, org: Org) -> str:
    done = org_cli(server, "key", "rotate", org.id)
    assert done.returncode == 0, done.stderr
    return _fields(done.stdout)["server_key"]


def make_admin(server: Server, org: Org) -> Account:
    admin = signup(server.url)
    resp = httpx.post(
        f"{server.url}/api/org-invitations/accept",
        json={"invitation": org.invitation},
        headers=admin.headers,
    )
    assert resp.status_code == 200, resp.text
    return admin


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def mint(
    server: Server, org_id: str, key: str, student: str | None = None, **extra: str
) -> httpx.Response:
    body = {"student_id": student or f"s-{uuid.uuid4().hex[:8]}", "name": "Asha Rao", **extra}
    return httpx.post(
        f"{server.url}/api/orgs/{org_id}/embed-tokens", json=body, headers=bearer(key)
    )


def student_token(server: Server, org: Org, student: str | None = None) -> str:
    resp = mint(server, org.id, org.server_key, student)
    assert resp.status_code == 200, resp.text
    token: str = resp.json()["token"]
    return token


def add_set(server: Server, org: Org, admin: Account, **extra: Any) -> dict[str, Any]:
    body = {"name": "Backend practice", "setup": SET_SETUP, **extra}
    resp = httpx.post(f"{server.url}/api/orgs/{org.id}/sets", json=body, headers=admin.headers)
    assert resp.status_code == 201, resp.text
    created: dict[str, Any] = resp.json()
    return created


def reported_interview(server: Server, org: Org, token: str, set_id: str) -> str:
    """A typed interview from the set, answered once, ended, with its report generated."""
    base = f"{server.url}/api"
    assert httpx.post(f"{base}/orgs/{org.id}/notice", headers=bearer(token)).status_code == 204
    resp = httpx.post(f"{base}/orgs/{org.id}/sets/{set_id}/interviews", headers=bearer(token))
    assert resp.status_code == 201, resp.text
    interview_id: str = resp.json()["id"]
    assert httpx.post(f"{base}/interviews/{interview_id}/open", headers=bearer(token)).is_success
    msg = httpx.post(
        f"{base}/interviews/{interview_id}/messages",
        json={"text": ANSWER},
        headers=bearer(token),
        timeout=60,
    )
    assert msg.is_success, msg.text
    assert httpx.post(f"{base}/interviews/{interview_id}/end", headers=bearer(token)).is_success
    report = httpx.get(
        f"{base}/interviews/{interview_id}/report", headers=bearer(token), timeout=120
    )
    assert report.status_code == 200, report.text
    return interview_id


def forged_embed_token(server: Server, claims: dict[str, Any]) -> str:
    """An embed token signed with the server's own secret (its data folder), e.g. expired."""
    secret = (data_dir(server) / "jwt_secret").read_bytes()
    now = int(time.time())
    return jwt.encode({"typ": "embed", "iat": now, **claims}, secret, "HS256")
