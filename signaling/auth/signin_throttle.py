"""Failed sign-ins per account: a progressive delay, and no lockout an attacker can use.

The per-address rate limit (`middleware.rates`) does not stop one account being guessed
from many addresses, so failures are also counted per account. After `FREE_FAILURES`
failures in a row, the account's next attempt must wait `FIRST_DELAY_S`, doubling with
every further failure up to `MAX_DELAY_S` (1 s, 2 s, 4 s ... 15 min). An attempt that comes
too early is refused with 429 and ``Retry-After`` *without* checking the password, so a
guesser spread over any number of addresses gets a handful of tries an hour at most.
Attempts are admitted one at a time per account and counted as failures as they are
admitted (`agent.store.signin_failures`), so a burst sent at once gets one try, not one per
request; a right password takes its count back. Counts are forgotten `FORGET_AFTER_S` after
the last failure.

Why not a lockout, and why the delay alone is not enough: whoever can make an account's
sign-ins fail can keep it delayed, and a delay kept at its maximum is a lockout the
attacker controls (fail once each time the window reopens and the real user never gets a
turn). So the delay does not apply to a browser that has proved itself: every successful
sign-in (and sign-up, and claiming a guest account) gives the browser a device token (a
signed, httpOnly cookie naming the account). A sign-in that presents a valid device token
for the account it signs in to is counted under that browser's own key instead of the
account's: the account's delay never touches it, and failures from that browser (someone
at the user's unlocked computer) delay only that browser. The real user therefore always
gets in from a browser they used before, however hard the account is attacked; from a new
browser they wait out the delay like anyone else. An attacker cannot get a device token
without the password.

Counting works the same for emails that have no account, and a device token only counts
for the account it names, so neither the delay nor the answer says which emails exist.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from uuid import UUID

from agent.store.signin_failures import Backoff, SignInFailureStore

from .tokens import DeviceGrant

FREE_FAILURES = 5
FIRST_DELAY_S = 1.0
MAX_DELAY_S = 15 * 60.0
FORGET_AFTER_S = 3600.0
BACKOFF = Backoff(FREE_FAILURES, FIRST_DELAY_S, MAX_DELAY_S, FORGET_AFTER_S)


def _key(*parts: str) -> bytes:
    return hashlib.sha256("\0".join(parts).encode()).digest()


@dataclass(frozen=True, slots=True)
class SignInAttempt:
    """One sign-in: whose account it targets and whether it comes from a trusted browser."""

    key: bytes
    trusted_browser: bool

    @classmethod
    def of(cls, email: str, user_id: UUID | None, device: DeviceGrant | None) -> SignInAttempt:
        account = email.strip().lower()
        if device is not None and user_id is not None and device.user_id == user_id:
            return cls(_key("device", account, device.device_id), trusted_browser=True)
        return cls(_key("account", account), trusted_browser=False)


class SignInThrottle:
    def __init__(self, store: SignInFailureStore) -> None:
        self._store = store

    async def admit(self, attempt: SignInAttempt) -> int:
        """0 when the attempt may check its password now (it counts as a failure unless it
        `succeeded`); else the whole seconds it must still wait."""
        return math.ceil(await self._store.admit(attempt.key, BACKOFF))

    async def succeeded(self, attempt: SignInAttempt) -> None:
        """A trusted browser starts afresh; for the account, only this attempt is taken
        back: the real user signing in must not hand an attacker a fresh set of tries."""
        if attempt.trusted_browser:
            await self._store.clear(attempt.key)
        else:
            await self._store.forgive(attempt.key)

    async def purge(self) -> int:
        return await self._store.purge(forget_after_s=FORGET_AFTER_S)
