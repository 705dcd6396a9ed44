"""`DigestGate`: what a trunk's MD5 digest answer must get right to be let in."""

from __future__ import annotations

import hashlib
import time

import pytest
from aiosipua import SipRequest, parse_auth

from signaling.sip import digest
from signaling.sip.digest import REALM, DigestGate

URI = "sip:+15550100@203.0.113.5:5060"


def _md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def _nonce(gate: DigestGate) -> str:
    nonce: str = parse_auth(gate.challenge()).params["nonce"]
    return nonce


def _request(
    nonce: str,
    *,
    user: str = "trunk",
    password: str = "s3cret",
    realm: str = REALM,
    method: str = "INVITE",
    qop: bool = True,
    scheme: str = "Digest",
    upper: bool = False,
) -> SipRequest:
    """An INVITE answering the challenge as a client computes it (RFC 2617)."""
    ha1 = _md5(f"{user}:{realm}:{password}")
    ha2 = _md5(f"{method}:{URI}")
    if qop:
        response = _md5(f"{ha1}:{nonce}:00000001:abcdef:auth:{ha2}")
        extra = ', qop=auth, nc=00000001, cnonce="abcdef"'
    else:
        response = _md5(f"{ha1}:{nonce}:{ha2}")
        extra = ""
    if upper:
        response = response.upper()
    request = SipRequest(method="INVITE", uri=URI)
    request.headers.set_single(
        "Authorization",
        f'{scheme} username="{user}", realm="{realm}", nonce="{nonce}", uri="{URI}", '
        f'response="{response}", algorithm=MD5{extra}',
    )
    return request


@pytest.fixture
def gate() -> DigestGate:
    return DigestGate("trunk", "s3cret")


def test_the_challenge_offers_md5_with_qop_auth(gate: DigestGate) -> None:
    challenge = parse_auth(gate.challenge())
    assert challenge.scheme == "Digest"
    assert challenge.params["realm"] == REALM
    assert challenge.params["qop"] == "auth" and challenge.params["algorithm"] == "MD5"


@pytest.mark.parametrize("qop", [True, False])
def test_a_right_answer_is_let_in(gate: DigestGate, qop: bool) -> None:
    assert gate.verify(_request(_nonce(gate), qop=qop))
    assert gate.verify(_request(_nonce(gate), upper=True))


@pytest.mark.parametrize(
    "change",
    [
        {"password": "guess"},
        {"user": "other"},
        {"realm": "elsewhere"},
        {"method": "REGISTER"},  # an answer computed for another method
        {"scheme": "Basic"},
    ],
)
def test_a_wrong_answer_is_refused(gate: DigestGate, change: dict[str, str]) -> None:
    assert not gate.verify(_request(_nonce(gate), **change))  # type: ignore[arg-type]


def test_nonces_are_the_gate_own_and_fresh(
    gate: DigestGate, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = DigestGate("trunk", "s3cret")  # another process: another key
    assert not gate.verify(_request(_nonce(other)))
    assert not gate.verify(_request("12345678.forged"))
    assert not gate.verify(_request("not-hex.x"))
    nonce = _nonce(gate)
    later = time.time() + digest.NONCE_TTL_S + 5
    monkeypatch.setattr("signaling.sip.digest.time.time", lambda: later)
    assert not gate.verify(_request(nonce)), "a stale nonce was accepted"
    assert gate.verify(_request(_nonce(gate)))


def test_missing_or_outsized_credentials_are_refused(gate: DigestGate) -> None:
    assert not gate.verify(SipRequest(method="INVITE", uri=URI))
    request = _request(_nonce(gate))
    header = request.get_header("authorization") or ""
    request.headers.set_single("Authorization", header + ", x=" + "a" * 3000)
    assert not gate.verify(request)
    broken = SipRequest(method="INVITE", uri=URI)
    broken.headers.set_single("Authorization", 'Digest username="trunk, realm=')
    assert not gate.verify(broken)
