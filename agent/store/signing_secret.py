"""The server's signing secret: it signs the web tier's tokens and keys the dial-in PINs'
hashes (`dial_in.pin_pepper`), so every process of a deployment (web servers, LiveKit
workers) must share it: ``MOCKLINE_JWT_SECRET``, or one data folder.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from agent.settings import Settings


def load_signing_secret(settings: Settings) -> bytes:
    """The configured secret, or one generated once and kept (0600) in the data folder."""
    if settings.jwt_secret is not None:
        return settings.jwt_secret.get_secret_value().encode()
    path = Path(settings.data_dir) / "jwt_secret"
    if path.exists():
        return path.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_bytes(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(secret)
    return secret
