"""Encryption at rest for secrets the store keeps (users' LLM keys): AES-256-GCM, key ring.

A `KeyRing` holds named 32-byte keys. The first one encrypts; every one decrypts, which is
what makes rotation possible without downtime. It comes from ``settings.secret_keys``
(``"kid:base64key,kid2:base64key"``), or, when that is unset, from one key generated once and
kept (mode 0600) in ``settings.data_dir / "secret_keys"`` in the same format.

A sealed value is ``b"\\x01" | len(kid) | kid | nonce (12 random bytes) | ciphertext+tag``.
The header (version, kid) and a caller-chosen context (for LLM keys: user id and provider)
are the associated data, so a sealed value copied to another row or relabelled with another
kid fails to open.

Nothing here logs key material, plaintexts or ciphertexts.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from agent.settings import Settings

logger = logging.getLogger(__name__)

KEY_BYTES = 32
NONCE_BYTES = 12
FORMAT_VERSION = 1
KEY_FILE_NAME = "secret_keys"

_KID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class KeyRingError(ValueError):
    """The configured key ring is malformed (bad kid, bad base64, wrong key length...)."""


class DecryptionError(ValueError):
    """A sealed value cannot be opened: tampered, truncated, or bound to another context."""


class UnknownKeyIdError(DecryptionError):
    """A sealed value names a key id the ring does not hold (dropped too early?)."""

    def __init__(self, kid: str) -> None:
        super().__init__(
            f"no key with id {kid!r} in the key ring; add it back to MOCKLINE_SECRET_KEYS "
            "(after the current key) to read values sealed with it"
        )
        self.kid = kid


@dataclass(frozen=True, slots=True)
class Sealed:
    """A sealed value and the id of the key that sealed it."""

    blob: bytes
    kid: str


@dataclass(frozen=True, slots=True, repr=False)
class KeyRing:
    """Named AES-256-GCM keys; ``current_kid`` encrypts, all decrypt."""

    keys: Mapping[str, bytes]
    current_kid: str

    def __post_init__(self) -> None:
        if self.current_kid not in self.keys:
            raise KeyRingError("the current key id is not in the ring")
        for kid, key in self.keys.items():
            _check_kid(kid)
            if len(key) != KEY_BYTES:
                raise KeyRingError(f"key {kid!r} is {len(key)} bytes; it must be {KEY_BYTES}")

    def __repr__(self) -> str:  # never show key bytes, even in a traceback
        return f"KeyRing(kids={list(self.keys)!r}, current_kid={self.current_kid!r})"

    @property
    def kids(self) -> tuple[str, ...]:
        return tuple(self.keys)

    def seal(self, plaintext: bytes, context: bytes) -> Sealed:
        """Encrypt with the current key and a fresh random nonce, bound to ``context``."""
        header = _header(self.current_kid)
        nonce = os.urandom(NONCE_BYTES)
        ciphertext = AESGCM(self.keys[self.current_kid]).encrypt(nonce, plaintext, header + context)
        return Sealed(header + nonce + ciphertext, self.current_kid)

    def open(self, blob: bytes, context: bytes) -> bytes:
        """The plaintext of ``blob``; raises `DecryptionError` (or `UnknownKeyIdError`)."""
        kid, body = _split_header(blob)
        key = self.keys.get(kid)
        if key is None:
            raise UnknownKeyIdError(kid)
        if len(body) < NONCE_BYTES + 16:
            raise DecryptionError("sealed value is truncated")
        nonce, ciphertext = body[:NONCE_BYTES], body[NONCE_BYTES:]
        try:
            return AESGCM(key).decrypt(nonce, ciphertext, _header(kid) + context)
        except InvalidTag:
            raise DecryptionError(
                "sealed value failed authentication (tampered, or bound to another record)"
            ) from None


def sealed_kid(blob: bytes) -> str:
    """The key id named in a sealed value's header."""
    return _split_header(blob)[0]


def _check_kid(kid: str) -> None:
    if not _KID.match(kid):
        raise KeyRingError(f"key id {kid!r} must be 1-64 characters of A-Z a-z 0-9 _ . -")


def _header(kid: str) -> bytes:
    encoded = kid.encode("ascii")
    return bytes([FORMAT_VERSION, len(encoded)]) + encoded


def _split_header(blob: bytes) -> tuple[str, bytes]:
    if len(blob) < 2 or blob[0] != FORMAT_VERSION:
        raise DecryptionError("not a sealed value of a known format")
    end = 2 + blob[1]
    if len(blob) < end:
        raise DecryptionError("sealed value is truncated")
    try:
        kid = blob[2:end].decode("ascii")
    except UnicodeDecodeError:
        raise DecryptionError("sealed value has a malformed key id") from None
    return kid, blob[end:]


def _decode_key(kid: str, text: str) -> bytes:
    # Standard or URL-safe alphabet, padding required; anything else is a typo worth failing on.
    normalized = text.strip().replace("-", "+").replace("_", "/")
    try:
        key = base64.b64decode(normalized, validate=True)
    except (binascii.Error, ValueError):
        raise KeyRingError(f"key {kid!r} is not valid base64") from None
    if len(key) != KEY_BYTES:
        raise KeyRingError(f"key {kid!r} decodes to {len(key)} bytes; it must be {KEY_BYTES}")
    return key


def parse_key_ring(spec: str) -> KeyRing:
    """A ring from ``"kid:base64key,kid2:base64key"`` (commas or newlines); first encrypts."""
    keys: dict[str, bytes] = {}
    for entry in re.split(r"[,\n]", spec):
        entry = entry.strip()
        if not entry:
            continue
        kid, sep, encoded = entry.partition(":")
        kid = kid.strip()
        if not sep:
            raise KeyRingError("each key must look like kid:base64key")
        _check_kid(kid)
        if kid in keys:
            raise KeyRingError(f"key id {kid!r} appears twice")
        keys[kid] = _decode_key(kid, encoded)
    if not keys:
        raise KeyRingError("the key ring is empty")
    return KeyRing(keys, next(iter(keys)))


def generate_key_spec(kid: str | None = None) -> str:
    """A new ``kid:base64key`` entry, for an operator starting a rotation."""
    kid = kid or f"k{secrets.token_hex(4)}"
    _check_kid(kid)
    return f"{kid}:{base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode('ascii')}"


def _read_or_create_key_file(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written under a private name, then linked into place: a concurrent starter either
        # wins the link or reads the complete file the winner linked, never a partial one.
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(generate_key_spec(f"local-{secrets.token_hex(4)}") + "\n")
                f.flush()
                os.fsync(f.fileno())
            try:
                os.link(tmp, path)
                logger.info("generated the at-rest encryption key in %s", path)
            except FileExistsError:
                pass
        finally:
            tmp.unlink(missing_ok=True)
    return path.read_text(encoding="ascii")


@lru_cache(maxsize=4)
def _cached_ring(spec: str | None, data_dir: str) -> KeyRing:
    if spec is not None:
        return parse_key_ring(spec)
    return parse_key_ring(_read_or_create_key_file(Path(data_dir) / KEY_FILE_NAME))


def load_key_ring(settings: Settings) -> KeyRing:
    """The ring of ``settings`` (cached per configuration; the key file is read once)."""
    spec = settings.secret_keys.get_secret_value() if settings.secret_keys is not None else None
    # An empty MOCKLINE_SECRET_KEYS counts as unset rather than as an empty ring.
    return _cached_ring(spec if spec and spec.strip() else None, str(settings.data_dir))
