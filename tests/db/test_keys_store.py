"""agent/store/llm_keys.py against a real PostgreSQL: encryption at rest, owners, rotation."""

from __future__ import annotations

import base64
import logging
import uuid
from uuid import UUID

import asyncpg
import pytest

from agent.store.crypto import DecryptionError, UnknownKeyIdError, parse_key_ring
from agent.store.llm_keys import (
    MASKED,
    DecryptedKey,
    KeyOwnerNotFoundError,
    KeyRotationError,
    KeyStore,
    Provider,
    mask_key,
)
from agent.store.users import UserStore

KEY_A = base64.b64encode(b"A" * 32).decode()
KEY_B = base64.b64encode(b"B" * 32).decode()
RING_A = parse_key_ring(f"ka:{KEY_A}")


def _api_key() -> str:
    return f"sk-test-{uuid.uuid4().hex}{uuid.uuid4().hex}"


async def _user(pool: asyncpg.Pool) -> UUID:
    user = await UserStore(pool).create_user(email=None, password_hash=None, is_guest=True)
    return user.id


@pytest.fixture
def keys(store_pool: asyncpg.Pool) -> KeyStore:
    return KeyStore(store_pool, RING_A)


def test_hints_show_at_most_seven_characters() -> None:
    assert mask_key("sk-proj-abcdefghijklmnop1234") == "sk-…1234"
    assert mask_key("0123456789abcdef") == "012…cdef"
    assert mask_key("0123456789abcde") == MASKED
    assert mask_key("x") == MASKED


def test_decrypted_key_repr_hides_the_key() -> None:
    decrypted = DecryptedKey("openai", "sk-very-secret-value", None, "gpt-4o-mini")
    assert "sk-very-secret-value" not in repr(decrypted)
    assert "sk-very-secret-value" not in str(decrypted)


async def test_put_lists_a_hint_and_decrypts_for_the_owner(
    keys: KeyStore, store_pool: asyncpg.Pool
) -> None:
    user_id, api_key = await _user(store_pool), _api_key()
    stored = await keys.put(
        user_id, "openai_compatible", api_key, base_url="https://llm.example/v1", model="m"
    )
    assert stored.hint == mask_key(api_key) and api_key not in stored.model_dump_json()
    assert (stored.provider, stored.base_url, stored.model) == (
        "openai_compatible",
        "https://llm.example/v1",
        "m",
    )

    assert await keys.list_for_user(user_id) == [stored]
    decrypted = await keys.get_decrypted(user_id, "openai_compatible")
    assert decrypted == DecryptedKey("openai_compatible", api_key, "https://llm.example/v1", "m")
    assert await keys.get_decrypted(user_id, "openai") is None


async def test_put_again_replaces_the_key_and_keeps_created_at(
    keys: KeyStore, store_pool: asyncpg.Pool
) -> None:
    user_id, first_key, second_key = await _user(store_pool), _api_key(), _api_key()
    first = await keys.put(user_id, "gemini", first_key, model="gemini-2.0-flash")
    second = await keys.put(user_id, "gemini", second_key)
    assert second.created_at == first.created_at and second.updated_at >= first.updated_at
    assert (second.hint, second.model) == (mask_key(second_key), None)
    assert [k.provider for k in await keys.list_for_user(user_id)] == ["gemini"]
    decrypted = await keys.get_decrypted(user_id, "gemini")
    assert decrypted is not None and decrypted.api_key == second_key


async def test_the_database_holds_no_plaintext(keys: KeyStore, store_pool: asyncpg.Pool) -> None:
    user_id, api_key = await _user(store_pool), _api_key()
    await keys.put(user_id, "anthropic", api_key)
    row = await store_pool.fetchrow(
        "select key_ciphertext, key_id, hint, k::text as whole from llm_keys k where user_id = $1",
        user_id,
    )
    assert row is not None
    assert api_key.encode() not in bytes(row["key_ciphertext"])
    assert api_key not in row["whole"] and api_key.encode().hex() not in row["whole"]
    assert row["key_id"] == "ka" and row["hint"] == mask_key(api_key)


async def test_ciphertext_moved_to_another_row_does_not_decrypt(
    keys: KeyStore, store_pool: asyncpg.Pool
) -> None:
    owner, other = await _user(store_pool), await _user(store_pool)
    await keys.put(owner, "openai", _api_key())
    await keys.put(other, "openai", _api_key())
    await keys.put(owner, "gemini", _api_key())
    copy = """update llm_keys set key_ciphertext =
                (select key_ciphertext from llm_keys where user_id = $1 and provider = 'openai')
              where user_id = $2 and provider = $3"""
    await store_pool.execute(copy, owner, other, "openai")  # another user's row
    await store_pool.execute(copy, owner, owner, "gemini")  # the same user, another provider
    with pytest.raises(DecryptionError):
        await keys.get_decrypted(other, "openai")
    with pytest.raises(DecryptionError):
        await keys.get_decrypted(owner, "gemini")
    assert await keys.get_decrypted(owner, "openai") is not None


async def test_owners_are_isolated_and_delete_reports_absence(
    keys: KeyStore, store_pool: asyncpg.Pool
) -> None:
    owner, other = await _user(store_pool), await _user(store_pool)
    await keys.put(owner, "openai", _api_key())
    assert await keys.list_for_user(other) == []
    assert await keys.get_decrypted(other, "openai") is None
    assert await keys.delete(other, "openai") is False
    assert await keys.delete(owner, "openai") is True
    assert await keys.delete(owner, "openai") is False
    assert await keys.get_decrypted(owner, "openai") is None


async def test_unknown_users_and_providers_are_refused(
    keys: KeyStore, store_pool: asyncpg.Pool
) -> None:
    with pytest.raises(KeyOwnerNotFoundError):
        await keys.put(uuid.uuid4(), "openai", _api_key())
    with pytest.raises(asyncpg.CheckViolationError):
        await keys.put(await _user(store_pool), "mistral", _api_key())  # type: ignore[arg-type]


async def test_deleting_the_user_deletes_their_keys(
    keys: KeyStore, store_pool: asyncpg.Pool
) -> None:
    user_id = await _user(store_pool)
    await keys.put(user_id, "openai", _api_key())
    await keys.put(user_id, "anthropic", _api_key())
    assert await UserStore(store_pool).delete_user(user_id)
    assert (
        await store_pool.fetchval("select count(*) from llm_keys where user_id = $1", user_id) == 0
    )


async def test_no_key_material_is_logged(
    keys: KeyStore, store_pool: asyncpg.Pool, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    user_id, api_key = await _user(store_pool), _api_key()
    await keys.put(user_id, "openai", api_key)
    await keys.get_decrypted(user_id, "openai")
    await keys.delete(user_id, "openai")
    assert caplog.records, "the store logs what it does"
    assert api_key not in caplog.text and api_key[-4:] not in caplog.text


async def test_rotate_reseals_every_key_with_the_new_kid(private_pool: asyncpg.Pool) -> None:
    old = KeyStore(private_pool, parse_key_ring(f"ka:{KEY_A}"))
    originals: dict[tuple[UUID, Provider], str] = {}
    providers: tuple[Provider, ...] = ("openai", "anthropic")
    for _ in range(3):
        user_id = await _user(private_pool)
        for provider in providers:
            originals[(user_id, provider)] = _api_key()
            await old.put(user_id, provider, originals[(user_id, provider)])
    before = {
        r["id"]: r["updated_at"]
        for r in await private_pool.fetch("select id, updated_at from llm_keys")
    }

    rotating = KeyStore(private_pool, parse_key_ring(f"kb:{KEY_B},ka:{KEY_A}"))
    user_id, provider = next(iter(originals))
    decrypted = await rotating.get_decrypted(user_id, provider)
    assert decrypted is not None and decrypted.api_key == originals[(user_id, provider)]

    assert await rotating.rotate(batch_size=4) == 6  # more than one batch
    assert await rotating.key_id_counts() == {"kb": 6}
    assert await rotating.rotate() == 0
    after = {
        r["id"]: r["updated_at"]
        for r in await private_pool.fetch("select id, updated_at from llm_keys")
    }
    assert after == before  # re-sealing is not the owner's update

    new_only = KeyStore(private_pool, parse_key_ring(f"kb:{KEY_B}"))
    for (user_id, provider), api_key in originals.items():
        decrypted = await new_only.get_decrypted(user_id, provider)
        assert decrypted is not None and decrypted.api_key == api_key


async def test_rotate_stops_on_a_key_it_cannot_read(private_pool: asyncpg.Pool) -> None:
    user_id = await _user(private_pool)
    await KeyStore(private_pool, parse_key_ring(f"ka:{KEY_A}")).put(user_id, "openai", _api_key())
    lost = KeyStore(private_pool, parse_key_ring(f"kb:{KEY_B}"))  # "ka" dropped before rotating
    with pytest.raises(KeyRotationError, match="'ka'") as caught:
        await lost.rotate()
    assert isinstance(caught.value.__cause__, UnknownKeyIdError)
    assert await lost.key_id_counts() == {"ka": 1}  # nothing half-done
