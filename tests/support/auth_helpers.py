"""Accounts for API tests: sign up a fresh user against a running server."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Account:
    user_id: str
    email: str
    password: str
    access_token: str
    refresh_token: str
    device_token: str = ""
    """The browser's device token from sign-up (spares it the failed-sign-in delay)."""

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


def signup(
    base_url: str, email: str | None = None, password: str = "correct horse battery"
) -> Account:
    email = email or f"user-{uuid.uuid4().hex[:10]}@example.org"
    resp = httpx.post(f"{base_url}/api/auth/signup", json={"email": email, "password": password})
    assert resp.status_code == 201, resp.text
    body = resp.json()
    return Account(
        body["user"]["id"],
        email,
        password,
        body["access_token"],
        body["refresh_token"],
        resp.cookies.get("mockline_device") or "",
    )


def guest(base_url: str) -> Account:
    resp = httpx.post(f"{base_url}/api/auth/guest")
    assert resp.status_code == 201, resp.text
    body = resp.json()
    return Account(body["user"]["id"], "", "", body["access_token"], body["refresh_token"])
