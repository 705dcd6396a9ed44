"""Whether PostgreSQL can be reached: which errors mean "it cannot", and a cheap probe.

An outage is the driver failing to connect or losing its connection (refused, reset, closed
in the middle of a query, a connect timeout), the server saying it is shutting down,
crashed or still starting, or too many connections. A socket error (``OSError``, which
includes ``TimeoutError``) counts only when it was raised inside asyncpg: the same error
from a file or another service is not the database's. `is_unavailable` follows explicit
causes (``raise ... from``) and exception groups, so an outage a caller wrapped is still one.
"""

from __future__ import annotations

import asyncio
import re
import time
from types import TracebackType

import asyncpg

# Handlers for these catch every outage error (and some that are not: `is_unavailable` decides).
OUTAGE_ERROR_TYPES: tuple[type[Exception], ...] = (
    asyncpg.PostgresConnectionError,
    asyncpg.OperatorInterventionError,
    asyncpg.InsufficientResourcesError,
    asyncpg.InterfaceError,
    OSError,
)

# Class 57P (shutting down, crashed, starting up) and 53300 (too many connections); 57014
# (a cancelled statement) is an OperatorInterventionError that is not an outage.
_SERVER_UNAVAILABLE: tuple[type[Exception], ...] = (
    asyncpg.PostgresConnectionError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
)
# InterfaceError also says "another operation is in progress", which is a bug, not an outage.
_CLOSED = re.compile(r"connection (is|was) closed|pool is closing|pool is closed")

PROBE_TIMEOUT_S = 1.0
PROBE_CACHE_S = 1.0


def _raised_in_asyncpg(tb: TracebackType | None) -> bool:
    while tb is not None:
        if str(tb.tb_frame.f_globals.get("__name__", "")).startswith("asyncpg"):
            return True
        tb = tb.tb_next
    return False


def _is_outage(exc: BaseException) -> bool:
    if isinstance(exc, _SERVER_UNAVAILABLE):
        return True
    if isinstance(exc, asyncpg.InterfaceError):
        return _CLOSED.search(str(exc)) is not None
    if isinstance(exc, OSError):
        return _raised_in_asyncpg(exc.__traceback__)
    return False


def is_unavailable(exc: BaseException) -> bool:
    """True when ``exc`` (or what it wraps) says the database cannot be reached right now."""
    pending: list[BaseException] = [exc]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if _is_outage(current):
            return True
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        if current.__cause__ is not None:
            pending.append(current.__cause__)
    return False


class DatabaseProbe:
    """``select 1`` on a fresh connection with a short timeout: what readiness asks.

    A fresh connection, not one from the pool, so that a pool busy with slow requests is not
    mistaken for a database that is down. Answers are reused for `cache_s` and concurrent
    callers share one probe, so a readiness endpoint polled hard costs one connection a
    second at most.
    """

    def __init__(
        self, dsn: str, *, timeout_s: float = PROBE_TIMEOUT_S, cache_s: float = PROBE_CACHE_S
    ) -> None:
        self._dsn = dsn
        self._timeout_s = timeout_s
        self._cache_s = cache_s
        self._lock = asyncio.Lock()
        self._checked_at = -float("inf")
        self._problem: str | None = None

    async def check(self) -> str | None:
        """None when the database answers; else what went wrong (an error type, no URL)."""
        async with self._lock:
            if time.monotonic() - self._checked_at >= self._cache_s:
                self._problem = await self._probe()
                self._checked_at = time.monotonic()
            return self._problem

    async def _probe(self) -> str | None:
        try:
            async with asyncio.timeout(2 * self._timeout_s):
                conn = await asyncpg.connect(self._dsn, timeout=self._timeout_s)
                try:
                    await conn.fetchval("select 1", timeout=self._timeout_s)
                finally:
                    await conn.close(timeout=self._timeout_s)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            # The URL may hold a password: only the error's type is reported.
            return type(exc).__name__
        return None
