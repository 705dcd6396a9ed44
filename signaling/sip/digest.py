"""SIP digest authentication (RFC 3261 §22, RFC 2617 MD5, qop "auth" or none) for INVITEs
from addresses outside the trunks' ranges, when credentials are configured.

Nonces are stateless: a timestamp and its HMAC under a per-process key, valid for
`NONCE_TTL_S`, so a challenge costs no memory (an INVITE flood cannot fill any table).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from aiosipua import SipRequest, parse_auth

NONCE_TTL_S = 300
REALM = "mockline"


def _md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


class DigestGate:
    def __init__(self, username: str, password: str) -> None:
        self._username = username
        self._password = password
        self._key = secrets.token_bytes(32)

    def _nonce(self, stamp: int) -> str:
        mac = hmac.new(self._key, str(stamp).encode(), hashlib.sha256).hexdigest()[:32]
        return f"{stamp:x}.{mac}"

    def _nonce_fresh(self, nonce: str) -> bool:
        stamp_hex, _, _ = nonce.partition(".")
        try:
            stamp = int(stamp_hex, 16)
        except ValueError:
            return False
        fresh = 0 <= time.time() - stamp <= NONCE_TTL_S
        return fresh and hmac.compare_digest(nonce, self._nonce(stamp))

    def challenge(self) -> str:
        """A WWW-Authenticate value."""
        nonce = self._nonce(int(time.time()))
        return f'Digest realm="{REALM}", nonce="{nonce}", algorithm=MD5, qop="auth"'

    def verify(self, request: SipRequest) -> bool:
        raw = request.get_header("authorization")
        if not raw or len(raw) > 2048:
            return False
        try:
            creds = parse_auth(raw, credentials=True)
        except Exception:
            return False
        if creds.scheme.lower() != "digest":
            return False
        params = {k.lower(): v for k, v in creds.params.items()}

        def get(name: str) -> str:
            return params.get(name, "")

        if get("username") != self._username or get("realm") != REALM:
            return False
        nonce = get("nonce")
        if not self._nonce_fresh(nonce):
            return False
        ha1 = _md5(f"{self._username}:{REALM}:{self._password}")
        ha2 = _md5(f"{request.method}:{get('uri')}")
        qop = get("qop")
        if qop == "auth":
            expected = _md5(f"{ha1}:{nonce}:{get('nc')}:{get('cnonce')}:auth:{ha2}")
        else:
            expected = _md5(f"{ha1}:{nonce}:{ha2}")
        return hmac.compare_digest(expected, get("response").lower())
