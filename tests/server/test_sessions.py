"""Sessions over a real server and PostgreSQL: a replayed refresh token ends its whole
family, and sign-out and account deletion revoke access tokens before they expire, in
this server's memory or, with Redis, on every server."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import jwt
import pytest

from auth_helpers import Account, signup
from server_process import Server, running_server

SIGNED_OUT = "You have signed out; sign in again."


def _me(server: Server, access_token: str) -> httpx.Response:
    return httpx.get(f"{server.url}/api/me", headers={"Authorization": f"Bearer {access_token}"})


def _assert_signed_out(resp: httpx.Response) -> None:
    assert resp.status_code == 401, resp.text
    assert resp.json()["error"] == {"code": "unauthorized", "message": SIGNED_OUT}


def _refresh(server: Server, refresh_token: str) -> httpx.Response:
    return httpx.post(f"{server.url}/api/auth/refresh", json={"refresh_token": refresh_token})


def _signin(server: Server, account: Account) -> dict[str, str]:
    resp = httpx.post(
        f"{server.url}/api/auth/signin",
        json={"email": account.email, "password": account.password},
    )
    assert resp.status_code == 200, resp.text
    body: dict[str, str] = resp.json()
    return body


def test_a_replayed_refresh_token_ends_its_whole_family(server: Server) -> None:
    victim = signup(server.url)
    other_session = _signin(server, victim)
    # The attacker has a copy of the victim's refresh token and rotates it first.
    stolen = _refresh(server, victim.refresh_token)
    assert stolen.status_code == 200
    attacker_refresh, attacker_access = (
        stolen.json()["refresh_token"],
        stolen.json()["access_token"],
    )
    assert _me(server, attacker_access).status_code == 200

    replay = _refresh(server, victim.refresh_token)  # the victim's copy comes back
    assert replay.status_code == 401
    assert "used elsewhere" in replay.json()["error"]["message"]
    assert "mockline_refresh=;" in replay.headers["set-cookie"]

    assert _refresh(server, attacker_refresh).status_code == 401, "the newer token lives on"
    _assert_signed_out(_me(server, attacker_access))
    _assert_signed_out(_me(server, victim.access_token))
    # Another sign-in of the same account is another family, untouched.
    assert _me(server, other_session["access_token"]).status_code == 200
    assert _refresh(server, other_session["refresh_token"]).status_code == 200


def test_logout_revokes_the_access_token(server: Server) -> None:
    account = signup(server.url)
    assert _me(server, account.access_token).status_code == 200
    out = httpx.post(
        f"{server.url}/api/auth/logout",
        json={"refresh_token": account.refresh_token},
        headers=account.headers,
    )
    assert out.status_code == 204
    _assert_signed_out(_me(server, account.access_token))
    assert _refresh(server, account.refresh_token).status_code == 401


def test_logout_by_cookie_alone_revokes_the_sessions_access_tokens(server: Server) -> None:
    account = signup(server.url)
    rotated = _refresh(server, account.refresh_token).json()
    # A browser signs out with its refresh cookie; its older access token is of the session.
    out = httpx.post(
        f"{server.url}/api/auth/logout", cookies={"mockline_refresh": rotated["refresh_token"]}
    )
    assert out.status_code == 204
    _assert_signed_out(_me(server, rotated["access_token"]))
    _assert_signed_out(_me(server, account.access_token))


def test_account_deletion_revokes_every_access_token(server: Server) -> None:
    account = signup(server.url)
    elsewhere = _signin(server, account)
    assert httpx.delete(f"{server.url}/api/me", headers=account.headers).status_code == 204
    _assert_signed_out(_me(server, account.access_token))
    _assert_signed_out(_me(server, elsewhere["access_token"]))


# -- several servers sharing Redis ----------------------------------------------------------

SECRET = "shared-test-secret-" * 3


@pytest.fixture(scope="module")
def servers_sharing_redis(
    tmp_path_factory: pytest.TempPathFactory, database_url: str, redis_url: str
) -> Iterator[tuple[Server, Server]]:
    env = {
        "MOCKLINE_REDIS_URL": redis_url,
        "MOCKLINE_JWT_SECRET": SECRET,
        "MOCKLINE_RATE_LIMIT_MULTIPLIER": "100",
    }
    tmp: Path = tmp_path_factory.mktemp("redis-sessions")
    (tmp / "a").mkdir()
    (tmp / "b").mkdir()
    with (
        running_server(tmp / "a", database_url, **env) as a,
        running_server(tmp / "b", database_url, **env) as b,
    ):
        yield a, b


def test_logout_on_one_server_revokes_the_token_on_another(
    servers_sharing_redis: tuple[Server, Server],
) -> None:
    a, b = servers_sharing_redis
    account = signup(a.url)
    assert _me(b, account.access_token).status_code == 200
    out = httpx.post(
        f"{a.url}/api/auth/logout",
        json={"refresh_token": account.refresh_token},
        headers=account.headers,
    )
    assert out.status_code == 204
    _assert_signed_out(_me(b, account.access_token))


def test_access_tokens_without_an_id_are_refused(
    servers_sharing_redis: tuple[Server, Server],
) -> None:
    a, _ = servers_sharing_redis
    account = signup(a.url)
    now = int(time.time())
    claims = {"sub": account.user_id, "typ": "access", "iat": now, "exp": now + 600}
    without_id = jwt.encode({**claims, "sid": str(uuid.uuid4())}, SECRET, "HS256")
    without_session = jwt.encode({**claims, "jti": uuid.uuid4().hex}, SECRET, "HS256")
    assert (
        _me(a, jwt.encode({**claims, "jti": "x", "sid": "y"}, SECRET, "HS256")).status_code == 200
    )
    for token in (without_id, without_session):
        resp = _me(a, token)
        assert resp.status_code == 401 and resp.json()["error"]["code"] == "unauthorized"
