"""`mockline rotate-keys`, run as a real process: the rotation procedure of llm_keys.py."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import asyncpg

from agent.store.crypto import generate_key_spec, parse_key_ring
from agent.store.llm_keys import KeyStore
from agent.store.users import UserStore

OLD = generate_key_spec("k1")
NEW = generate_key_spec("k2")


async def _mockline(
    *args: str, database_url: str, secret_keys: str, data_dir: Path
) -> tuple[int, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "MOCKLINE_SECRET_KEYS": secret_keys,
            "MOCKLINE_DATA_DIR": str(data_dir),
        }
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "signaling.cli",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await proc.communicate()
    assert proc.returncode is not None
    return proc.returncode, output.decode()


async def test_rotate_keys_follows_the_documented_procedure(
    private_pool: asyncpg.Pool, empty_database_url: str, tmp_path: Path
) -> None:
    api_keys = [f"sk-cli-{i:02d}-0123456789abcdefghij" for i in range(3)]
    old_store = KeyStore(private_pool, parse_key_ring(OLD))
    for api_key in api_keys:
        user = await UserStore(private_pool).create_user(
            email=None, password_hash=None, is_guest=True
        )
        await old_store.put(user.id, "openai", api_key)

    # 1. The new key first, the old one after it; 2. rotate-keys.
    rc, output = await _mockline(
        "rotate-keys",
        database_url=empty_database_url,
        secret_keys=f"{NEW},{OLD}",
        data_dir=tmp_path,
    )
    assert rc == 0, output
    assert "re-encrypted 3 stored keys with key id 'k2'" in output
    assert "key id 'k2' seals 3 stored keys" in output and "'k1'" not in output
    assert not any(api_key in output for api_key in api_keys)

    # 3. With the old key dropped, every key still opens.
    new_store = KeyStore(private_pool, parse_key_ring(NEW))
    assert await new_store.key_id_counts() == {"k2": 3}
    user_ids = [r["user_id"] for r in await private_pool.fetch("select user_id from llm_keys")]
    opened = set()
    for user_id in user_ids:
        decrypted = await new_store.get_decrypted(user_id, "openai")
        assert decrypted is not None
        opened.add(decrypted.api_key)
    assert opened == set(api_keys)


async def test_rotate_keys_fails_clearly_when_an_old_key_is_missing(
    private_pool: asyncpg.Pool, empty_database_url: str, tmp_path: Path
) -> None:
    user = await UserStore(private_pool).create_user(email=None, password_hash=None, is_guest=True)
    await KeyStore(private_pool, parse_key_ring(OLD)).put(
        user.id, "gemini", "sk-cli-lost-0123456789abcdef"
    )
    rc, output = await _mockline(
        "rotate-keys", database_url=empty_database_url, secret_keys=NEW, data_dir=tmp_path
    )
    assert rc == 1
    assert "rotation stopped" in output and "'k1'" in output
    assert "sk-cli-lost" not in output

    rc, output = await _mockline(
        "rotate-keys", database_url=empty_database_url, secret_keys="k1:short", data_dir=tmp_path
    )
    assert rc == 2 and "malformed" in output


async def test_new_key_prints_a_usable_entry(empty_database_url: str, tmp_path: Path) -> None:
    rc, output = await _mockline(
        "rotate-keys",
        "--new-key",
        "k3",
        database_url=empty_database_url,
        secret_keys="",
        data_dir=tmp_path,
    )
    assert rc == 0
    assert parse_key_ring(output.strip().splitlines()[-1]).current_kid == "k3"
    assert list(tmp_path.iterdir()) == []  # touched nothing
