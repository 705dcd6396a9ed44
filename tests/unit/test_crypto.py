"""agent/store/crypto.py: sealing with the key ring, tamper detection, rotation, loading."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest
from pydantic import SecretStr

from agent.settings import Settings
from agent.store import crypto
from agent.store.crypto import (
    KEY_FILE_NAME,
    DecryptionError,
    KeyRing,
    KeyRingError,
    UnknownKeyIdError,
    generate_key_spec,
    load_key_ring,
    parse_key_ring,
    sealed_kid,
)

CONTEXT = b"user-1\x00openai"
SECRET = b"sk-proj-0123456789abcdefghijklmnopqrstuvwxyz"


def _b64(key: bytes) -> str:
    return base64.b64encode(key).decode()


def _secret(value: str | None) -> SecretStr | None:
    return None if value is None else SecretStr(value)


def _ring(*kids: str) -> KeyRing:
    return parse_key_ring(
        ",".join(f"{kid}:{_b64(bytes([i + 1]) * 32)}" for i, kid in enumerate(kids))
    )


def test_seal_round_trips_with_the_current_key() -> None:
    ring = _ring("k1", "k0")
    sealed = ring.seal(SECRET, CONTEXT)
    assert sealed.kid == "k1" == ring.current_kid
    assert sealed_kid(sealed.blob) == "k1"
    assert SECRET not in sealed.blob
    assert ring.open(sealed.blob, CONTEXT) == SECRET


def test_every_seal_uses_a_fresh_nonce() -> None:
    ring = _ring("k1")
    first, second = ring.seal(SECRET, CONTEXT), ring.seal(SECRET, CONTEXT)
    assert first.blob != second.blob
    header = 2 + len("k1")
    assert first.blob[header : header + 12] != second.blob[header : header + 12]


@pytest.mark.parametrize("position", [0, 1, 2, 4, 6, 10, 20, -17, -1])
def test_any_flipped_byte_fails_to_open(position: int) -> None:
    ring = _ring("k1")
    blob = bytearray(ring.seal(SECRET, CONTEXT).blob)
    blob[position] ^= 0x01
    with pytest.raises(DecryptionError):
        ring.open(bytes(blob), CONTEXT)


@pytest.mark.parametrize("cut", [0, 1, 3, 4 + 12, 4 + 12 + 15])
def test_truncated_values_fail_to_open(cut: int) -> None:
    ring = _ring("k1")
    blob = ring.seal(SECRET, CONTEXT).blob
    with pytest.raises(DecryptionError):
        ring.open(blob[:cut], CONTEXT)


def test_another_context_fails_to_open() -> None:
    ring = _ring("k1")
    blob = ring.seal(SECRET, b"user-1\x00openai").blob
    for other in (b"user-2\x00openai", b"user-1\x00gemini", b""):
        with pytest.raises(DecryptionError, match="authentication"):
            ring.open(blob, other)


def test_relabelling_the_kid_fails_even_with_the_right_key_bytes() -> None:
    # Two ids for the same key bytes: the header is authenticated, so the label matters.
    key = _b64(os.urandom(32))
    ring = parse_key_ring(f"k1:{key},k2:{key}")
    blob = ring.seal(SECRET, CONTEXT).blob
    relabelled = blob.replace(b"k1", b"k2", 1)
    with pytest.raises(DecryptionError):
        ring.open(relabelled, CONTEXT)


def test_unknown_kid_is_a_clear_error() -> None:
    blob = _ring("old").seal(SECRET, CONTEXT).blob
    with pytest.raises(UnknownKeyIdError, match="'old'") as caught:
        _ring("new").open(blob, CONTEXT)
    assert caught.value.kid == "old"
    assert "MOCKLINE_SECRET_KEYS" in str(caught.value)


def test_rotation_ring_reads_old_values_and_seals_new_ones() -> None:
    old_ring = parse_key_ring(f"k1:{_b64(b'a' * 32)}")
    blob = old_ring.seal(SECRET, CONTEXT).blob

    rotating = parse_key_ring(f"k2:{_b64(b'b' * 32)},k1:{_b64(b'a' * 32)}")
    assert rotating.open(blob, CONTEXT) == SECRET
    resealed = rotating.seal(rotating.open(blob, CONTEXT), CONTEXT)
    assert resealed.kid == "k2"

    after = parse_key_ring(f"k2:{_b64(b'b' * 32)}")
    assert after.open(resealed.blob, CONTEXT) == SECRET
    with pytest.raises(UnknownKeyIdError):
        after.open(blob, CONTEXT)


def test_parse_accepts_urlsafe_base64_and_newlines() -> None:
    key = bytes(range(200, 232))
    ring = parse_key_ring(f" a:{base64.urlsafe_b64encode(key).decode()} \n b:{_b64(key)}\n")
    assert ring.kids == ("a", "b")
    assert ring.keys["a"] == ring.keys["b"] == key


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "empty"),
        (" , ", "empty"),
        (_b64(b"x" * 32), "kid:base64key"),
        (f"k1:{_b64(b'x' * 16)}", "16 bytes"),
        ("k1:not*base64!", "not valid base64"),
        (f"k1:{_b64(b'x' * 32)},k1:{_b64(b'y' * 32)}", "twice"),
        (f"bad kid:{_b64(b'x' * 32)}", "key id"),
        (f":{_b64(b'x' * 32)}", "key id"),
    ],
)
def test_malformed_rings_are_refused(spec: str, message: str) -> None:
    with pytest.raises(KeyRingError, match=message) as caught:
        parse_key_ring(spec)
    assert _b64(b"x" * 32) not in str(caught.value)


def test_ring_repr_hides_key_bytes() -> None:
    key = os.urandom(32)
    ring = parse_key_ring(f"k1:{_b64(key)}")
    assert "k1" in repr(ring)
    assert _b64(key) not in repr(ring) and repr(key) not in repr(ring)


def test_generated_specs_parse() -> None:
    ring = parse_key_ring(generate_key_spec("k9"))
    assert ring.current_kid == "k9" and len(ring.keys["k9"]) == 32
    with pytest.raises(KeyRingError):
        generate_key_spec("no:colons")


def test_settings_keys_come_first(tmp_path: Path) -> None:
    spec = f"new:{_b64(b'n' * 32)},old:{_b64(b'o' * 32)}"
    ring = load_key_ring(Settings(secret_keys=SecretStr(spec), data_dir=tmp_path))
    assert ring.kids == ("new", "old") and ring.current_kid == "new"
    assert not (tmp_path / KEY_FILE_NAME).exists()


@pytest.mark.parametrize("secret_keys", [None, "", "  "])
def test_unset_keys_are_generated_once_in_a_private_file(
    tmp_path: Path, secret_keys: str | None
) -> None:
    data_dir = tmp_path / "data"
    ring = load_key_ring(Settings(secret_keys=_secret(secret_keys), data_dir=data_dir))
    path = data_dir / KEY_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in data_dir.iterdir()] == [KEY_FILE_NAME]  # no temporary left behind
    assert parse_key_ring(path.read_text()).keys == ring.keys

    blob = ring.seal(SECRET, CONTEXT).blob
    # Another process (no cache) on the same data dir reads the same key back.
    crypto._cached_ring.cache_clear()
    again = load_key_ring(Settings(secret_keys=_secret(secret_keys), data_dir=data_dir))
    assert again.open(blob, CONTEXT) == SECRET


def test_an_existing_key_file_is_used_as_is(tmp_path: Path) -> None:
    spec = generate_key_spec("mine")
    (tmp_path / KEY_FILE_NAME).write_text(spec + "\n")
    ring = load_key_ring(Settings(data_dir=tmp_path))
    assert ring.current_kid == "mine"
    assert ring.keys == parse_key_ring(spec).keys
