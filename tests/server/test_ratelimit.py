"""Rate limits at the HTTP edge: which address is counted, and 429s from a real server.

In-process tests drive the middleware around a stub app; the server tests run
`mockline serve` with its default limits, once counting in memory and once as two
servers sharing one Redis (as when scaled out).
"""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from signaling.middleware import SecurityConfig
from signaling.middleware.ratelimit import RateLimitMiddleware, client_address
from signaling.middleware.ratelimit_backends import MemoryBackend
from signaling.middleware.rates import RATE_LIMITS

from server_process import Server, running_server

SIGNIN = "/api/auth/signin"


async def _ok(_: Request) -> PlainTextResponse:
    return PlainTextResponse("ok")


def stub_app(config: SecurityConfig, backend: MemoryBackend | None = None) -> Starlette:
    app = Starlette(
        routes=[Route(SIGNIN, _ok, methods=["POST"]), Route("/other", _ok, methods=["POST"])]
    )
    app.add_middleware(RateLimitMiddleware, backend=backend or MemoryBackend(), config=config)
    return app


def config(**overrides: object) -> SecurityConfig:
    values: dict[str, object] = {
        "rate_limit_multiplier": 1.0,
        "trust_proxy_headers": False,
        "proxy_hops": 1,
    }
    values.update(overrides)
    return SecurityConfig.model_validate(values)


def statuses(client: TestClient, n: int, forwarded_for: list[str] | None = None) -> list[int]:
    out = []
    for i in range(n):
        headers = {"X-Forwarded-For": forwarded_for[i]} if forwarded_for else {}
        out.append(client.post(SIGNIN, headers=headers).status_code)
    return out


def test_forwarded_for_is_ignored_unless_trusted() -> None:
    with TestClient(stub_app(config())) as client:
        spoofed = [f"203.0.113.{i}" for i in range(11)]
        assert statuses(client, 11, spoofed) == [200] * 10 + [429]


def test_behind_a_trusted_proxy_each_client_is_counted_apart() -> None:
    with TestClient(stub_app(config(trust_proxy_headers=True))) as client:
        # The proxy appends the address it saw; what the client put before it is ignored.
        assert statuses(client, 11, [f"10.0.0.{i}, 198.51.100.7" for i in range(11)])[-1] == 429
        assert statuses(client, 1, ["198.51.100.8"]) == [200]


def test_client_address_picks_the_entry_of_the_outermost_proxy() -> None:
    scope = {
        "type": "http",
        "client": ("10.1.1.1", 5000),
        "headers": [(b"x-forwarded-for", b"1.1.1.1, 2.2.2.2"), (b"x-forwarded-for", b"3.3.3.3")],
    }
    assert client_address(scope, trust_proxy_headers=False) == "10.1.1.1"
    assert client_address(scope, trust_proxy_headers=True) == "3.3.3.3"
    assert client_address(scope, trust_proxy_headers=True, proxy_hops=2) == "2.2.2.2"
    assert client_address(scope, trust_proxy_headers=True, proxy_hops=9) == "1.1.1.1"


def test_ipv6_clients_are_counted_by_their_64_prefix() -> None:
    def addr(ip: str) -> str:
        return client_address({"type": "http", "client": (ip, 1), "headers": []}, False)

    assert addr("2001:db8:1:2:aaaa::1") == addr("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert addr("2001:db8:1:3::1") != addr("2001:db8:1:2::1")
    assert addr("::ffff:192.0.2.1") == "192.0.2.1"


def test_multiplier_scales_every_limit() -> None:
    with TestClient(stub_app(config(rate_limit_multiplier=2))) as client:
        assert statuses(client, 21) == [200] * 20 + [429]


def test_unlimited_routes_are_not_counted() -> None:
    with TestClient(stub_app(config())) as client:
        assert {client.post("/other").status_code for _ in range(50)} == {200}


class ClosingBackend(MemoryBackend):
    closed = False

    async def aclose(self) -> None:
        self.closed = True


def test_backend_is_closed_when_the_app_shuts_down() -> None:
    backend = ClosingBackend()
    with TestClient(stub_app(config(), backend)):
        assert not backend.closed
    assert backend.closed


# --- a real server -------------------------------------------------------------------------


def assert_rate_limited(resp: httpx.Response) -> None:
    assert resp.status_code == 429, resp.text
    assert resp.json()["error"]["code"] == "rate_limited"
    assert resp.json()["error"]["message"]
    assert 1 <= int(resp.headers["Retry-After"]) <= 60
    assert resp.headers["X-Content-Type-Options"] == "nosniff", "security headers on 429s too"


def new_email() -> str:
    return f"rl-{uuid.uuid4().hex[:10]}@example.org"


def signup(url: str) -> httpx.Response:
    body = {"email": new_email(), "password": "correct horse battery"}
    return httpx.post(f"{url}/api/auth/signup", json=body)


@pytest.fixture(scope="module")
def limited_server(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[Server]:
    """A server with the production limits, counting in its own memory."""
    with running_server(
        tmp_path_factory.mktemp("ratelimit"), database_url, MOCKLINE_RATE_LIMIT_MULTIPLIER="1"
    ) as server:
        yield server
        assert server.alive()


def test_sign_in_is_limited_per_address(limited_server: Server) -> None:
    url = limited_server.url

    def wrong() -> dict[str, str]:
        # An email each, so the per-account delay (test_signin_throttle.py) stays out of it.
        return {"email": new_email(), "password": "not the password"}

    async def burst(n: int) -> list[httpx.Response]:
        # At once: one at a time, each slowed by password hashing, the bucket would refill.
        async with httpx.AsyncClient(timeout=60) as client:
            return await asyncio.gather(
                *(client.post(f"{url}{SIGNIN}", json=wrong()) for _ in range(n))
            )

    count = RATE_LIMITS[("POST", SIGNIN)].count
    answers = asyncio.run(burst(count + 1))
    assert sorted(resp.status_code for resp in answers) == [401] * count + [429]
    assert_rate_limited(next(resp for resp in answers if resp.status_code == 429))

    assert httpx.get(f"{url}/api/options").status_code == 200
    assert httpx.post(f"{url}/api/auth/guest").status_code == 201
    assert signup(url).status_code == 201


def test_sign_up_is_limited_per_address(limited_server: Server) -> None:
    url = limited_server.url
    for _ in range(RATE_LIMITS[("POST", "/api/auth/signup")].count):
        assert signup(url).status_code in (201, 429)
    assert_rate_limited(signup(url))
    assert httpx.get(f"{url}/healthz").status_code == 200


@pytest.fixture
def servers_sharing_redis(
    tmp_path: Path, database_url: str, redis_url: str
) -> Iterator[tuple[Server, Server]]:
    env = {
        "MOCKLINE_REDIS_URL": redis_url,
        "MOCKLINE_RATE_LIMIT_KEY_PREFIX": f"mockline-test:{uuid.uuid4().hex}",
        "MOCKLINE_RATE_LIMIT_MULTIPLIER": "1",
    }
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        running_server(tmp_path / "a", database_url, **env) as a,
        running_server(tmp_path / "b", database_url, **env) as b,
    ):
        yield a, b


def test_servers_sharing_redis_share_one_limit(
    servers_sharing_redis: tuple[Server, Server],
) -> None:
    a, b = servers_sharing_redis
    count = RATE_LIMITS[("POST", "/api/auth/signup")].count
    results = [signup(server.url).status_code for server in [a, b] * count][:count]
    assert results == [201] * count
    assert_rate_limited(signup(a.url))
    assert_rate_limited(signup(b.url))
    assert httpx.post(f"{b.url}/api/auth/guest").status_code == 201


def test_unreachable_redis_fails_open_with_a_warning(tmp_path: Path, database_url: str) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead_redis = f"redis://127.0.0.1:{s.getsockname()[1]}/0"
    with running_server(tmp_path, database_url, MOCKLINE_REDIS_URL=dead_redis) as server:
        assert [httpx.post(f"{server.url}/api/auth/guest").status_code for _ in range(3)] == [
            201
        ] * 3
        log = server.log_text()
    assert "rate limits: Redis unreachable" in log
    assert dead_redis not in log
