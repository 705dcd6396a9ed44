"""`SignInFailureStore`: failed sign-ins counted per key, with the database's clock.

A key is an opaque hash chosen by the caller (`signaling.auth.signin_throttle`: the
account's normalised email, or it and a trusted browser); this module never sees an email.
A count is forgotten once its last failure is `forget_after_s` old, so the next failure
starts again at one.
"""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg


@dataclass(frozen=True, slots=True)
class FailureCount:
    failures: int
    since_last_s: float
    """Seconds since the last failure, by the database's clock (servers agree on it)."""


class SignInFailureStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, key_hash: bytes, *, forget_after_s: float) -> FailureCount | None:
        record = await self._pool.fetchrow(
            """select failures, extract(epoch from now() - last_failed_at)::float8 as since
               from signin_failures where key_hash = $1""",
            key_hash,
        )
        if record is None or record["since"] >= forget_after_s:
            return None
        return FailureCount(record["failures"], record["since"])

    async def record_failure(self, key_hash: bytes, *, forget_after_s: float) -> int:
        """Counts one failure; returns the count (1 when the previous ones were forgotten)."""
        failures: int = await self._pool.fetchval(
            """insert into signin_failures as f (key_hash, failures, last_failed_at)
               values ($1, 1, now())
               on conflict (key_hash) do update set
                   failures = case
                       when f.last_failed_at < now() - make_interval(secs => $2) then 1
                       else f.failures + 1 end,
                   last_failed_at = now()
               returning failures""",
            key_hash,
            forget_after_s,
        )
        return failures

    async def clear(self, key_hash: bytes) -> None:
        await self._pool.execute("delete from signin_failures where key_hash = $1", key_hash)

    async def purge(self, *, forget_after_s: float) -> int:
        """Deletes counts whose last failure is older than ``forget_after_s``; returns how many."""
        result = await self._pool.execute(
            "delete from signin_failures where last_failed_at < now() - make_interval(secs => $1)",
            forget_after_s,
        )
        return int(result.split()[-1])
