"""/api/me/keys on a real server: the key goes in once and never comes back out.

Every response a test sees and the server's log are searched for the raw keys it stored, and
the database rows for their plaintext; only the server's own key ring recovers a key.
"""

from __future__ import annotations

import io
import stat
import uuid
import zipfile
from collections.abc import AsyncIterator, Iterator
from uuid import UUID

import asyncpg
import httpx
import pytest

from agent.settings import Settings
from agent.store.crypto import KEY_FILE_NAME, load_key_ring
from agent.store.llm_keys import KeyStore, mask_key

from auth_helpers import Account, guest, signup
from server_process import Server

# Response bodies and raw keys of the running test, searched by `_no_raw_key_leaves`.
_SEEN: list[bytes] = []
_RAW_KEYS: list[str] = []


def _api_key() -> str:
    key = f"sk-apitest-{uuid.uuid4().hex}{uuid.uuid4().hex}"
    _RAW_KEYS.append(key)
    return key


def _seen(resp: httpx.Response) -> httpx.Response:
    _SEEN.append(resp.content)
    return resp


def _error(resp: httpx.Response, status: int, code: str) -> dict[str, str]:
    assert resp.status_code == status, resp.text
    error: dict[str, str] = resp.json()["error"]
    assert error["code"] == code and error["message"]
    return error


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, event_hooks={"response": [_read_and_keep]}) as c:
        yield c


def _read_and_keep(resp: httpx.Response) -> None:
    resp.read()
    _seen(resp)


@pytest.fixture(autouse=True)
def _no_raw_key_leaves(server: Server) -> Iterator[None]:
    """After each test: no raw key it stored is in a response it saw or in the server log."""
    _SEEN.clear()
    _RAW_KEYS.clear()
    yield
    log = server.log_text()
    for key in _RAW_KEYS:
        assert not any(key.encode() in body for body in _SEEN), "a response carried a raw key"
        assert key not in log, "the server log carries a raw key"
        assert key[11:] not in log  # nor its random part alone


@pytest.fixture(scope="module")
def account(server: Server) -> Account:
    """A full account, shared: sign-up is rate limited, so the other tests use guests."""
    return signup(server.url)


@pytest.fixture
async def db(server: Server) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(server.database_url)
    try:
        yield conn
    finally:
        await conn.close()


def _put(client: httpx.Client, account: Account, provider: str, **body: str) -> httpx.Response:
    return client.put(f"/api/me/keys/{provider}", json=body, headers=account.headers)


def test_put_list_and_delete(client: httpx.Client, server: Server) -> None:
    account = guest(server.url)
    api_key = _api_key()
    resp = _put(client, account, "openai", api_key=f"  {api_key}\n", model="gpt-4o-mini")
    assert resp.status_code == 200, resp.text
    out = resp.json()
    assert set(out) == {"provider", "base_url", "model", "hint", "created_at", "updated_at"}
    assert (out["provider"], out["base_url"], out["model"]) == ("openai", None, "gpt-4o-mini")
    assert out["hint"] == mask_key(api_key) == f"sk-…{api_key[-4:]}"

    other_key = _api_key()
    resp = _put(
        client,
        account,
        "openai_compatible",
        api_key=other_key,
        base_url="http://127.0.0.1:11434/v1",
        model="llama3.1",
    )
    assert resp.status_code == 200, resp.text

    listed = client.get("/api/me/keys", headers=account.headers)
    assert listed.status_code == 200
    assert [k["provider"] for k in listed.json()] == ["openai", "openai_compatible"]
    assert listed.json()[0] == out

    replaced = _put(client, account, "openai", api_key=_api_key())
    assert replaced.status_code == 200
    assert replaced.json()["created_at"] == out["created_at"]
    assert replaced.json()["model"] is None and replaced.json()["hint"] != out["hint"]

    assert client.get("/api/me", headers=account.headers).status_code == 200  # searched too
    resp = client.delete("/api/me/keys/openai", headers=account.headers)
    assert resp.status_code == 204 and resp.content == b""
    _error(client.delete("/api/me/keys/openai", headers=account.headers), 404, "not_found")
    listed = client.get("/api/me/keys", headers=account.headers)
    assert [k["provider"] for k in listed.json()] == ["openai_compatible"]


def test_unknown_providers_and_missing_auth(client: httpx.Client, account: Account) -> None:
    _error(_put(client, account, "mistral", api_key=_api_key()), 404, "not_found")
    _error(client.delete("/api/me/keys/mistral", headers=account.headers), 404, "not_found")
    _error(client.put("/api/me/keys/openai", json={"api_key": _api_key()}), 401, "unauthorized")
    _error(client.get("/api/me/keys"), 401, "unauthorized")
    _error(client.delete("/api/me/keys/openai"), 401, "unauthorized")


@pytest.mark.parametrize(
    "body",
    [
        {"api_key": "   "},
        {"api_key": "sk-" + "x" * 510},
        {"api_key": "sk-with space-inside-0123456789"},
        {"api_key": "sk-line\r\nX-Injected: 1"},
        {"api_key": "sk-valid-0123456789abcdef", "base_url": "ftp://llm.example/v1"},
        {"api_key": "sk-valid-0123456789abcdef", "base_url": "javascript:alert(1)"},
        {"api_key": "sk-valid-0123456789abcdef", "base_url": "https://u:p@llm.example/v1"},
        {"api_key": "sk-valid-0123456789abcdef", "base_url": "https://" + "a" * 510},
        {"api_key": "sk-valid-0123456789abcdef", "model": "m" * 129},
        {"api_key": "sk-valid-0123456789abcdef", "extra": "field"},
        {},
    ],
)
def test_bad_bodies_are_400_without_echoing_the_key(
    client: httpx.Client, account: Account, body: dict[str, str]
) -> None:
    error = _error(_put(client, account, "openai", **body), 400, "invalid_request")
    if "api_key" in body and body["api_key"].strip():
        assert body["api_key"].strip() not in str(error)


def test_openai_compatible_needs_a_base_url(client: httpx.Client, account: Account) -> None:
    _error(_put(client, account, "openai_compatible", api_key=_api_key()), 400, "invalid_request")


async def test_key_is_encrypted_at_rest_with_the_servers_ring(
    client: httpx.Client, account: Account, server: Server, db: asyncpg.Connection
) -> None:
    api_key = _api_key()
    assert _put(client, account, "anthropic", api_key=api_key).status_code == 200
    row = await db.fetchrow(
        "select key_ciphertext, k::text as whole from llm_keys k "
        "where user_id = $1 and provider = 'anthropic'",
        UUID(account.user_id),
    )
    assert row is not None
    assert api_key.encode() not in bytes(row["key_ciphertext"])
    assert api_key not in row["whole"] and api_key.encode().hex() not in row["whole"]

    # The server generated its ring once, privately, in its data folder; with it (and only
    # with it) the row opens, for the interviewer to use.
    data_dir = server.log_path.parent / "data"
    assert stat.S_IMODE((data_dir / KEY_FILE_NAME).stat().st_mode) == 0o600
    pool = await asyncpg.create_pool(server.database_url, min_size=1, max_size=1)
    try:
        keys = KeyStore(pool, load_key_ring(Settings(data_dir=data_dir)))
        decrypted = await keys.get_decrypted(UUID(account.user_id), "anthropic")
    finally:
        await pool.close()
    assert decrypted is not None and decrypted.api_key == api_key


async def test_another_user_cannot_see_overwrite_or_delete(
    client: httpx.Client, server: Server, db: asyncpg.Connection
) -> None:
    owner, intruder = guest(server.url), guest(server.url)
    assert _put(client, owner, "gemini", api_key=_api_key()).status_code == 200
    before = await db.fetchrow(
        "select key_ciphertext, hint from llm_keys where user_id = $1", UUID(owner.user_id)
    )

    assert client.get("/api/me/keys", headers=intruder.headers).json() == []
    _error(client.delete("/api/me/keys/gemini", headers=intruder.headers), 404, "not_found")
    assert _put(client, intruder, "gemini", api_key=_api_key()).status_code == 200
    assert len(client.get("/api/me/keys", headers=intruder.headers).json()) == 1

    after = await db.fetchrow(
        "select key_ciphertext, hint from llm_keys where user_id = $1", UUID(owner.user_id)
    )
    assert before is not None and after == before
    owned = client.get("/api/me/keys", headers=owner.headers).json()
    assert [k["hint"] for k in owned] == [before["hint"]]


async def test_deleting_the_account_deletes_its_keys(
    client: httpx.Client, server: Server, db: asyncpg.Connection
) -> None:
    account = guest(server.url)
    assert _put(client, account, "openai", api_key=_api_key()).status_code == 200
    assert _put(client, account, "gemini", api_key=_api_key()).status_code == 200
    export = client.get("/api/me/export", headers=account.headers)
    if export.status_code == 200:
        with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
            _SEEN.extend(archive.read(name) for name in archive.namelist())
    user_id = UUID(account.user_id)
    assert await db.fetchval("select count(*) from llm_keys where user_id = $1", user_id) == 2
    assert client.delete("/api/me", headers=account.headers).status_code == 204
    assert await db.fetchval("select count(*) from llm_keys where user_id = $1", user_id) == 0
