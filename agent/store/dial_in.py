"""`DialInStore`: the PINs that let a phone call join an interview (migration 0010).

A PIN is a short string of digits, bound to one interview; only a keyed hash of it is kept
(``pepper``: the caller's secret key), so a PIN typed on a keypad finds its interview by
hash, and the table alone gives nothing away. One PIN per interview at a time: issuing a
new one replaces the old one.

A fresh PIN is usable until ``ttl_s`` after it was issued. Each call it admits pushes its
expiry to ``resume_s`` from then, so a candidate who hangs up can call again with it. An
interview that has ended (completed, failed, deleted) takes its PIN with it: `redeem`
refuses and deletes a PIN whose interview is finished.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from uuid import UUID

import asyncpg

PIN_DIGITS = 8
"""10^8 PINs: with a few dozen live at once, a guess in a few million is right."""

_ISSUE = """
insert into dial_in_pins (interview_id, pin_hash, expires_at)
values ($1, $2, now() + make_interval(secs => $3))
on conflict (interview_id) do update set
    pin_hash = excluded.pin_hash,
    created_at = now(),
    expires_at = excluded.expires_at,
    used_at = null
"""

_REDEEM = """
update dial_in_pins p set
    used_at = now(),
    expires_at = greatest(p.expires_at, now() + make_interval(secs => $2))
from interviews i
where p.pin_hash = $1 and p.expires_at > now()
  and i.id = p.interview_id and i.status in ('created', 'active')
returning p.interview_id
"""

_FORGET_FINISHED = """
delete from dial_in_pins p using interviews i
where p.pin_hash = $1 and i.id = p.interview_id and i.status not in ('created', 'active')
"""


def pin_pepper(signing_secret: bytes) -> bytes:
    """The key PINs are hashed with, derived from the server's signing secret (processes
    that share a database share that secret: `signing_secret`)."""
    return hmac.new(signing_secret, b"mockline dial-in pin", hashlib.sha256).digest()


def new_pin(digits: int = PIN_DIGITS) -> str:
    return "".join(secrets.choice("0123456789") for _ in range(digits))


class DialInStore:
    def __init__(self, pool: asyncpg.Pool, pepper: bytes) -> None:
        self._pool = pool
        self._pepper = pepper

    def _hash(self, pin: str) -> bytes:
        return hmac.new(self._pepper, pin.encode(), hashlib.sha256).digest()

    async def issue(self, interview_id: UUID, ttl_s: float) -> str:
        """A new PIN for the interview (the old one, if any, stops working)."""
        for _ in range(5):  # a collision with another interview's live PIN: draw again
            pin = new_pin()
            try:
                await self._pool.execute(_ISSUE, interview_id, self._hash(pin), float(ttl_s))
            except asyncpg.UniqueViolationError:
                await self.purge_expired()
                continue
            return pin
        raise RuntimeError("could not draw an unused dial-in PIN")

    async def redeem(self, pin: str, resume_s: float) -> UUID | None:
        """The interview this PIN admits now, its expiry pushed to ``resume_s`` from now; None
        when no such PIN is live or its interview has ended (such a PIN is deleted)."""
        if not pin.isdigit() or len(pin) != PIN_DIGITS:
            return None
        pin_hash = self._hash(pin)
        found = await self._pool.fetchval(_REDEEM, pin_hash, float(resume_s))
        if found is None:
            await self._pool.execute(_FORGET_FINISHED, pin_hash)
            return None
        assert isinstance(found, UUID)
        return found

    async def forget(self, interview_id: UUID) -> None:
        await self._pool.execute("delete from dial_in_pins where interview_id = $1", interview_id)

    async def purge_expired(self) -> int:
        status = await self._pool.execute("delete from dial_in_pins where expires_at <= now()")
        return int(status.split()[-1])
