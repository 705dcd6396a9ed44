"""Accounts over the real server: sign-up/in, guests and claiming, token rotation, sign-out,
privacy settings, export, deletion, and isolation between users on every endpoint."""

from __future__ import annotations

import asyncio
import io
import json
import re
import zipfile
from typing import Any

import asyncpg
import httpx
import pytest

from auth_helpers import Account, guest, signup
from server_process import Server

SETUP = {"role": "data_analyst", "level": "mid", "interview_type": "behavioral"}


def _create_interview(server: Server, account: Account) -> str:
    resp = httpx.post(f"{server.url}/api/interviews", json=SETUP, headers=account.headers)
    assert resp.status_code == 201, resp.text
    return str(resp.json()["id"])


def test_signup_signin_and_wrong_password(server: Server) -> None:
    account = signup(server.url)
    me = httpx.get(f"{server.url}/api/me", headers=account.headers).json()
    assert me["email"] == account.email and me["is_guest"] is False
    assert me["store_audio"] is False  # audio is opt-in
    ok = httpx.post(
        f"{server.url}/api/auth/signin",
        json={"email": account.email.upper(), "password": account.password},
    )
    assert ok.status_code == 200 and ok.json()["user"]["id"] == account.user_id
    bad = httpx.post(
        f"{server.url}/api/auth/signin", json={"email": account.email, "password": "nope-nope-nope"}
    )
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "invalid_credentials"
    unknown = httpx.post(
        f"{server.url}/api/auth/signin",
        json={"email": "x" + account.email, "password": "whatever1"},
    )
    assert unknown.status_code == 401 and unknown.json() == bad.json()


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"email": "not-an-email", "password": "long enough pw"}, 400, "invalid_request"),
        ({"email": "short@example.org", "password": "short"}, 400, "weak_password"),
        ({"email": "a@b.co", "password": "x" * 300}, 400, "invalid_request"),
    ],
)
def test_signup_rejects_bad_input(
    server: Server, body: dict[str, str], status: int, code: str
) -> None:
    resp = httpx.post(f"{server.url}/api/auth/signup", json=body)
    assert resp.status_code == status and resp.json()["error"]["code"] == code


def test_duplicate_email_is_409(server: Server) -> None:
    account = signup(server.url)
    resp = httpx.post(
        f"{server.url}/api/auth/signup",
        json={"email": account.email.upper(), "password": "another password"},
    )
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "email_taken"


def test_requests_without_a_valid_token_are_401(server: Server) -> None:
    for headers in ({}, {"Authorization": "Bearer forged"}, {"Authorization": "Basic abc"}):
        resp = httpx.get(f"{server.url}/api/interviews", headers=headers)
        assert resp.status_code == 401 and resp.json()["error"]["code"] == "unauthorized"


def test_guest_practises_then_claims_keeping_interviews(server: Server) -> None:
    visitor = guest(server.url)
    interview_id = _create_interview(server, visitor)
    email = f"claimed-{visitor.user_id[:8]}@example.org"
    resp = httpx.post(
        f"{server.url}/api/auth/claim",
        json={"email": email, "password": "a good password"},
        headers=visitor.headers,
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["user"]["is_guest"] is False and resp.json()["user"]["id"] == visitor.user_id
    signed_in = httpx.post(
        f"{server.url}/api/auth/signin", json={"email": email, "password": "a good password"}
    ).json()
    listed = httpx.get(
        f"{server.url}/api/interviews",
        headers={"Authorization": f"Bearer {signed_in['access_token']}"},
    ).json()
    assert [i["id"] for i in listed] == [interview_id]
    again = httpx.post(
        f"{server.url}/api/auth/claim",
        json={"email": "other@example.org", "password": "a good password"},
        headers=visitor.headers,
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "not_a_guest"


def test_refresh_rotates_and_logout_revokes(server: Server) -> None:
    account = signup(server.url)
    url = f"{server.url}/api/auth/refresh"
    first = httpx.post(url, json={"refresh_token": account.refresh_token})
    assert first.status_code == 200
    rotated = first.json()["refresh_token"]
    assert rotated != account.refresh_token
    # Browsers use the httpOnly cookie instead of the body.
    cookie = first.cookies.get("mockline_refresh")
    assert cookie == rotated
    assert "httponly" in first.headers["set-cookie"].lower()
    by_cookie = httpx.post(url, cookies={"mockline_refresh": rotated})
    assert by_cookie.status_code == 200
    latest = by_cookie.json()["refresh_token"]
    out = httpx.post(f"{server.url}/api/auth/logout", json={"refresh_token": latest})
    assert out.status_code == 204
    assert httpx.post(url, json={"refresh_token": latest}).status_code == 401
    # A spent refresh token is refused too (and ends its family: tests/server/test_sessions.py).
    replay = httpx.post(url, json={"refresh_token": account.refresh_token})
    assert replay.status_code == 401


def test_privacy_settings(server: Server) -> None:
    account = signup(server.url)
    url = f"{server.url}/api/me/settings"
    on = httpx.patch(
        url, json={"store_audio": True, "transcript_retention_days": 30}, headers=account.headers
    )
    assert on.status_code == 200
    assert on.json()["store_audio"] is True and on.json()["transcript_retention_days"] == 30
    kept = httpx.patch(url, json={"store_audio": False}, headers=account.headers).json()
    assert kept["transcript_retention_days"] == 30 and kept["store_audio"] is False
    cleared = httpx.patch(
        url, json={"transcript_retention_days": None}, headers=account.headers
    ).json()
    assert cleared["transcript_retention_days"] is None
    bad = httpx.patch(url, json={"transcript_retention_days": 0}, headers=account.headers)
    assert bad.status_code == 400


def test_export_contains_my_data_only(server: Server) -> None:
    mine, other = signup(server.url), signup(server.url)
    my_interview = _create_interview(server, mine)
    their_interview = _create_interview(server, other)
    cv = b"Jane Doe\nSkills: Python, PostgreSQL, Kafka\nBackend engineer, 5 years\n"
    upload = httpx.post(
        f"{server.url}/api/resumes",
        files={"file": ("jane.txt", cv, "text/plain")},
        headers=mine.headers,
    )
    assert upload.status_code == 201, upload.text
    resp = httpx.get(f"{server.url}/api/me/export", headers=mine.headers)
    assert resp.status_code == 200 and resp.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(resp.content))
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == mine.email
    assert [i["id"] for i in data["interviews"]] == [my_interview]
    assert [r["id"] for r in data["resumes"]] == [upload.json()["id"]]
    assert "Kafka" in data["resumes"][0]["text"]
    assert archive.read(f"resumes/{upload.json()['id']}-jane.txt") == cv
    assert their_interview not in resp.content.decode("latin-1")
    assert "password" not in archive.read("data.json").decode()


def test_delete_account_removes_everything(server: Server) -> None:
    account = signup(server.url)
    interview_id = _create_interview(server, account)
    assert httpx.delete(f"{server.url}/api/me", headers=account.headers).status_code == 204
    assert httpx.get(f"{server.url}/api/me", headers=account.headers).status_code == 401
    signin = httpx.post(
        f"{server.url}/api/auth/signin", json={"email": account.email, "password": account.password}
    )
    assert signin.status_code == 401
    refresh = httpx.post(
        f"{server.url}/api/auth/refresh", json={"refresh_token": account.refresh_token}
    )
    assert refresh.status_code == 401

    async def leftovers() -> list[int]:
        conn = await asyncpg.connect(server.database_url)
        try:
            counts = []
            for table, column in (
                ("users", "id"),
                ("interviews", "owner_id"),
                ("refresh_tokens", "user_id"),
            ):
                counts.append(
                    await conn.fetchval(
                        f"select count(*) from {table} where {column} = $1::uuid", account.user_id
                    )
                )
            counts.append(
                await conn.fetchval(
                    "select count(*) from turns where interview_id = $1::uuid", interview_id
                )
            )
            return counts
        finally:
            await conn.close()

    assert asyncio.run(leftovers()) == [0, 0, 0, 0]


# -- isolation over every endpoint -------------------------------------------------------------

# Request bodies that pass validation, so a route's ownership check is what answers.
BODIES: dict[tuple[str, str], Any] = {
    ("post", "/api/interviews/{interview_id}/offer"): "offer",
}


def _owned_ids(server: Server, owner: Account, paths: dict[str, Any]) -> dict[str, str]:
    ids = {"interview_id": _create_interview(server, owner)}
    if "/api/resumes" in paths:
        upload = httpx.post(
            f"{server.url}/api/resumes",
            files={
                "file": ("cv.txt", b"Jane Doe\nPython, SQL, Kafka\n5 years backend", "text/plain")
            },
            headers=owner.headers,
        )
        assert upload.status_code == 201, upload.text
        for name in {p for path in paths for p in re.findall(r"{(\w+)}", path) if "resume" in p}:
            ids[name] = str(upload.json()["id"])
    return ids


def test_no_endpoint_reveals_or_changes_another_users_data(server: Server) -> None:
    """Every route with an id in its path, called by another user, answers 404."""
    paths: dict[str, Any] = httpx.get(f"{server.url}/openapi.json").json()["paths"]
    owner, intruder = signup(server.url), signup(server.url)
    ids = _owned_ids(server, owner, paths)
    intruder_interview = _create_interview(server, intruder)
    checked = 0
    for path, operations in paths.items():
        params = re.findall(r"{(\w+)}", path)
        if not params or path.startswith("/api/me"):
            continue  # /api/me/... is always the caller's own namespace
        if path.startswith("/api/orgs/"):
            # Organisations' routes: walked one by one by another organisation's admin in
            # tests/server/test_orgs_api.py (test_admins_see_nothing_of_another_org).
            continue
        missing = [p for p in params if p not in ids]
        assert not missing, f"new endpoint {path}: teach this test an owned id for {missing}"
        url = server.url + path.format(**ids)
        for method in operations:
            body = BODIES.get((method, path))
            kwargs: dict[str, Any] = {"headers": intruder.headers}
            if body == "offer":
                token = httpx.post(
                    f"{server.url}/api/interviews/{intruder_interview}/call-token",
                    headers=intruder.headers,
                ).json()["token"]
                kwargs["json"] = {"sdp": "v=0\r\n", "type": "offer", "token": token}
            resp = httpx.request(method.upper(), url, **kwargs)
            assert resp.status_code == 404, (
                f"{method.upper()} {path}: {resp.status_code} {resp.text}"
            )
            checked += 1
    assert checked >= 5
    # The owner still has everything, untouched.
    got = httpx.get(f"{server.url}/api/interviews/{ids['interview_id']}", headers=owner.headers)
    assert got.status_code == 200 and got.json()["status"] == "created"
    # Lists and the export of the intruder show none of the owner's ids.
    for list_path in ("/api/interviews", "/api/resumes", "/api/me/keys", "/api/me/export"):
        if list_path.split("?")[0] not in paths and list_path != "/api/me/export":
            continue
        text = httpx.get(server.url + list_path, headers=intruder.headers).content.decode("latin-1")
        for owned in ids.values():
            assert owned not in text, f"{list_path} leaks {owned}"
