"""`SignInFailureStore`: failed sign-ins counted per key, with the database's clock.

A key is an opaque hash chosen by the caller (`signaling.auth.signin_throttle`: the
account's normalised email, or it and a trusted browser); this module never sees an email.

`admit` decides and counts in one transaction, with the key's row locked: an attempt is let
through only when the `Backoff` allows one now, and is counted as a failure as it is let
through. Attempts sent at once are therefore decided one after another, so a burst from
many addresses gets one try per delay, not one each. An attempt that then turns out right
is taken back (`forgive`). A count is forgotten once its last failure is
``forget_after_s`` old.
"""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg


@dataclass(frozen=True, slots=True)
class Backoff:
    """After `free_failures` failures, each next attempt waits `first_delay_s` after the
    last failure, doubling with every further failure up to `max_delay_s`."""

    free_failures: int
    first_delay_s: float
    max_delay_s: float
    forget_after_s: float

    def delay_after(self, failures: int) -> float:
        if failures < self.free_failures:
            return 0.0
        doublings = min(failures - self.free_failures, 32)  # 2**32 s is past any cap
        return min(self.first_delay_s * float(2**doublings), self.max_delay_s)


_COUNT_ONE_MORE = """
update signin_failures set
    failures = case
        when last_failed_at < now() - make_interval(secs => $2) then 1
        else failures + 1 end,
    last_failed_at = now()
where key_hash = $1
"""


class SignInFailureStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def admit(self, key_hash: bytes, backoff: Backoff) -> float:
        """0 when this attempt may go ahead (it is counted as a failure until `forgive`n);
        else the seconds it must still wait (nothing is counted)."""
        async with self._pool.acquire() as conn, conn.transaction():
            # The row must exist to be locked: a burst on a fresh key would otherwise all
            # read "no failures" at once and all be let through.
            await conn.execute(
                """insert into signin_failures (key_hash, failures, last_failed_at)
                   values ($1, 0, now()) on conflict (key_hash) do nothing""",
                key_hash,
            )
            record = await conn.fetchrow(
                """select failures, extract(epoch from now() - last_failed_at)::float8 as since
                   from signin_failures where key_hash = $1 for update""",
                key_hash,
            )
            since: float = record["since"]
            if since < backoff.forget_after_s:
                wait = backoff.delay_after(record["failures"]) - since
                if wait > 0:
                    return wait
            await conn.execute(_COUNT_ONE_MORE, key_hash, backoff.forget_after_s)
        return 0.0

    async def forgive(self, key_hash: bytes) -> None:
        """Takes back the failure an admitted attempt was counted as (it was right)."""
        await self._pool.execute(
            "update signin_failures set failures = greatest(failures - 1, 0) where key_hash = $1",
            key_hash,
        )

    async def clear(self, key_hash: bytes) -> None:
        await self._pool.execute("delete from signin_failures where key_hash = $1", key_hash)

    async def purge(self, *, forget_after_s: float) -> int:
        """Deletes counts whose last failure is older than ``forget_after_s``; returns how many."""
        result = await self._pool.execute(
            "delete from signin_failures where last_failed_at < now() - make_interval(secs => $1)",
            forget_after_s,
        )
        return int(result.split()[-1])
