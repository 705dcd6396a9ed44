"""Failed sign-ins are delayed per account, not only per address, and the real user is not
locked out: a real server with the production limits, behind a (trusted) proxy, so each
request can come from another address."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from auth_helpers import Account, signup
from server_process import Server, running_server

SIGNIN = "/api/auth/signin"
ATTACKERS = 30


@pytest.fixture(scope="module")
def proxied_server(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[Server]:
    with running_server(
        tmp_path_factory.mktemp("throttle"),
        database_url,
        MOCKLINE_RATE_LIMIT_MULTIPLIER="1",
        MOCKLINE_TRUST_PROXY_HEADERS="true",
    ) as server:
        yield server
        assert server.alive()


def _address() -> str:
    return f"198.51.100.{uuid.uuid4().int % 250 + 1}, 203.0.113.{uuid.uuid4().int % 250 + 1}"


def _signin(
    server: Server, email: str, password: str, address: str, device_token: str = ""
) -> httpx.Response:
    return httpx.post(
        f"{server.url}{SIGNIN}",
        json={"email": email, "password": password},
        headers={"X-Forwarded-For": address},
        cookies={"mockline_device": device_token} if device_token else None,
    )


def _spray(server: Server, email: str, attempts: int) -> list[httpx.Response]:
    """Wrong passwords for one account, each from an address of its own."""
    return [
        _signin(server, email, f"wrong password {n}", f"203.0.113.{n + 1}") for n in range(attempts)
    ]


def _assert_delayed(resp: httpx.Response) -> int:
    assert resp.status_code == 429, resp.text
    assert resp.json()["error"]["code"] == "signin_delayed"
    retry_after = int(resp.headers["Retry-After"])
    assert 1 <= retry_after <= 15 * 60
    return retry_after


def test_many_addresses_hit_the_per_account_limit(proxied_server: Server) -> None:
    victim: Account = signup(proxied_server.url)
    answers = _spray(proxied_server, victim.email, ATTACKERS)
    statuses = [resp.status_code for resp in answers]
    assert statuses[:5] == [401] * 5, "the first failures are free"
    assert set(statuses) <= {401, 429}
    delayed = [resp for resp in answers if resp.status_code == 429]
    assert len(delayed) >= ATTACKERS // 2, f"the per-account limit did not hold: {statuses}"
    for resp in delayed:
        _assert_delayed(resp)
    # Every address was used once: the per-address limit (10 a minute) never applied.
    assert all(resp.json()["error"]["code"] != "rate_limited" for resp in delayed)


def test_a_burst_from_many_addresses_gets_the_free_tries_only(proxied_server: Server) -> None:
    victim: Account = signup(proxied_server.url)

    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=proxied_server.url, timeout=60) as client:
            return await asyncio.gather(
                *(
                    client.post(
                        SIGNIN,
                        json={"email": victim.email, "password": f"guess {n}"},
                        headers={"X-Forwarded-For": f"198.18.0.{n + 1}"},
                    )
                    for n in range(ATTACKERS)
                )
            )

    statuses = [resp.status_code for resp in asyncio.run(burst())]
    # Attempts are admitted one at a time per account: the five free tries, and at most
    # the odd one more if the burst outlasted the first delay (1 s, then 2 s).
    assert 5 <= statuses.count(401) <= 7, statuses
    assert statuses.count(429) == ATTACKERS - statuses.count(401)


def _attack_until_delayed_for(server: Server, email: str, seconds: int) -> None:
    """Wrong passwords from fresh addresses until the account is delayed that long (so what
    the test does next certainly falls inside the delay)."""
    for n in range(400):
        resp = _signin(server, email, "wrong password", f"192.0.2.{n % 250 + 1}, 10.9.{n}.1")
        if resp.status_code == 429 and int(resp.headers["Retry-After"]) >= seconds:
            return
        time.sleep(0.05)
    raise AssertionError("the account was never delayed")


def test_the_victim_is_not_locked_out(proxied_server: Server) -> None:
    victim: Account = signup(proxied_server.url)
    assert victim.device_token, "sign-up trusts the browser that chose the password"
    _attack_until_delayed_for(proxied_server, victim.email, seconds=3)
    new_browser = _signin(proxied_server, victim.email, victim.password, _address())
    retry_after = _assert_delayed(new_browser)  # the right password waits like any other

    # From a browser the victim used before: straight in, while the account is delayed.
    known = _signin(proxied_server, victim.email, victim.password, _address(), victim.device_token)
    assert known.status_code == 200, known.text
    assert known.json()["user"]["id"] == victim.user_id
    # That browser's own typo is its own failure, not a 429 from the attack.
    typo = _signin(proxied_server, victim.email, "typo", _address(), victim.device_token)
    assert typo.status_code == 401

    # From a new browser: in once the delay has passed (it is bounded, not a lockout).
    time.sleep(retry_after)
    later = _signin(proxied_server, victim.email, victim.password, _address())
    assert later.status_code == 200, later.text


def test_unknown_emails_are_delayed_alike(proxied_server: Server) -> None:
    """The delay must not tell which emails have accounts."""
    unknown = f"nobody-{uuid.uuid4().hex[:10]}@example.org"
    statuses = [resp.status_code for resp in _spray(proxied_server, unknown, 12)]
    assert statuses[:5] == [401] * 5 and 429 in statuses[5:]
