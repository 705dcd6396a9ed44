"""What a fleet of servers and workers agrees on: which interview has a call, who makes a report.

Everything here is a *lease*: a key held by one owner (a server process, a LiveKit job) for
a few seconds at a time and renewed by a heartbeat while it is held. A holder that dies stops
renewing and its lease expires, so nothing stays locked after a crash. A holder that only
stalled past its expiry (a starved CPU) takes its lease back at its next heartbeat, unless
someone else took it or it was evicted meanwhile; a holder whose lease was taken away is told,
and stops. Eviction leaves a tombstone for the rest of a TTL: the key is free for anyone but
the evicted holder.

- `CallPresence`: "a call is already active for this interview", whichever server or worker
  runs it. A call claims it before it starts and releases it when it ends; text mode and the
  call-token route ask whether it is held. Evicting it hangs the call up where it runs.
- `SingleFlight`: at most one holder of a key at a time across the fleet, the others wait
  (one report generation per interview).

The leases live in a `LeaseStore`: `MemoryLeases` in this process (one embedded server), or
`presence_redis.RedisLeases` shared by every process that uses the same Redis.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
from collections.abc import AsyncIterator, Callable
from typing import Protocol
from uuid import UUID

log = logging.getLogger(__name__)

CALL_TTL_S = 6.0
"""How long a call's presence outlives its last heartbeat (a dead worker's calls free up)."""
REPORT_TTL_S = 30.0
"""How long a report generation's lease outlives its last heartbeat."""


def process_owner(kind: str) -> str:
    """A name for this process as a lease owner: unique across the fleet."""
    return f"{kind}:{socket.gethostname()}:{os.getpid()}"


class LeaseStore(Protocol):
    """Keys with one owner and an expiry. Every operation is atomic."""

    async def acquire(self, key: str, owner: str, ttl_s: float) -> bool:
        """Takes ``key`` for ``owner`` unless someone else holds it."""
        ...

    async def renew(self, key: str, owner: str, ttl_s: float) -> bool:
        """Extends ``owner``'s hold, or takes it back when it expired and is still free;
        False when someone else took it or ``owner`` was evicted."""
        ...

    async def release(self, key: str, owner: str | None = None) -> bool:
        """Drops the key if ``owner`` holds it (any owner when None); True when dropped."""
        ...

    async def evict(self, key: str, owner: str | None, ttl_s: float) -> bool:
        """Takes the key from ``owner`` (its holder, whoever it is, when None) so that the
        evicted holder can neither renew nor take it back for ``ttl_s``; True when it was
        held. Anyone else may acquire it at once."""
        ...

    async def holder(self, key: str) -> str | None: ...

    async def aclose(self) -> None: ...


EVICTED = "~evicted:"
"""The value of an evicted lease's tombstone, before the evicted owner."""


def live_holder(value: str | None) -> str | None:
    """A stored lease value's holder: None for a tombstone."""
    return None if value is None or value.startswith(EVICTED) else value


class MemoryLeases:
    """Leases in this process's memory: right for one server on its own."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._held: dict[str, tuple[str, float]] = {}

    def _current(self, key: str) -> str | None:
        entry = self._held.get(key)
        if entry is None:
            return None
        if entry[1] <= self._clock():
            del self._held[key]
            return None
        return entry[0]

    def _set(self, key: str, value: str, ttl_s: float) -> None:
        self._held[key] = (value, self._clock() + ttl_s)

    async def acquire(self, key: str, owner: str, ttl_s: float) -> bool:
        current = live_holder(self._current(key))
        if current is not None and current != owner:
            return False
        self._set(key, owner, ttl_s)
        return True

    async def renew(self, key: str, owner: str, ttl_s: float) -> bool:
        current = self._current(key)
        if current is not None and current != owner:
            return False
        self._set(key, owner, ttl_s)
        return True

    async def release(self, key: str, owner: str | None = None) -> bool:
        current = live_holder(self._current(key))
        if current is None or (owner is not None and current != owner):
            return False
        del self._held[key]
        return True

    async def evict(self, key: str, owner: str | None, ttl_s: float) -> bool:
        current = live_holder(self._current(key))
        if current is not None and owner in (None, current):
            self._set(key, EVICTED + current, ttl_s)
            return True
        if self._current(key) is None and owner is not None:
            self._set(key, EVICTED + owner, ttl_s)
        return False

    async def holder(self, key: str) -> str | None:
        return live_holder(self._current(key))

    async def aclose(self) -> None:
        self._held.clear()


class Lease:
    """One held key, renewed every third of its TTL until released. When a renewal finds the
    key gone or someone else's, ``on_lost`` is called once and the heartbeat stops."""

    def __init__(
        self,
        store: LeaseStore,
        key: str,
        owner: str,
        ttl_s: float,
        on_lost: Callable[[], None] | None = None,
    ) -> None:
        self.key = key
        self.owner = owner
        self._store = store
        self._ttl_s = ttl_s
        self._on_lost = on_lost
        self.lost = False
        self._task = asyncio.create_task(self._heartbeat(), name=f"lease-{key}")

    async def _heartbeat(self) -> None:
        interval = self._ttl_s / 3
        last_ok = time.monotonic()
        while True:
            await asyncio.sleep(interval)
            try:
                held = await self._store.renew(self.key, self.owner, self._ttl_s)
            except Exception as exc:  # the store blipped: the lease is still ours until it expires
                log.warning("lease %s not renewed (%s)", self.key, type(exc).__name__)
                held = time.monotonic() - last_ok < self._ttl_s
            else:
                last_ok = time.monotonic()
            if not held:
                self.lost = True
                log.warning("lease %s was lost", self.key)
                if self._on_lost is not None:
                    self._on_lost()
                return

    async def release(self) -> None:
        """Stops renewing and drops the key if it is still ours (idempotent)."""
        if self._task.done() and self.lost:
            return
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        if not self.lost:
            self.lost = True
            try:
                await self._store.release(self.key, self.owner)
            except Exception as exc:  # it expires on its own
                log.warning("lease %s not released (%s)", self.key, type(exc).__name__)


class CallPresence:
    """Which interviews have a call running somewhere in the fleet."""

    def __init__(self, store: LeaseStore, owner: str, *, ttl_s: float = CALL_TTL_S) -> None:
        self.store = store
        self.owner = owner
        self._ttl_s = ttl_s

    @staticmethod
    def key(interview_id: UUID) -> str:
        return f"mockline:call:{interview_id}"

    async def claim(
        self, interview_id: UUID, on_lost: Callable[[], None] | None = None
    ) -> Lease | None:
        """The interview's call presence for this owner, or None when a call runs elsewhere."""
        key = self.key(interview_id)
        if not await self.store.acquire(key, self.owner, self._ttl_s):
            return None
        return Lease(self.store, key, self.owner, self._ttl_s, on_lost)

    async def active(self, interview_id: UUID) -> bool:
        return await self.store.holder(self.key(interview_id)) is not None

    async def holder(self, interview_id: UUID) -> str | None:
        return await self.store.holder(self.key(interview_id))

    async def evict(self, interview_id: UUID, owner: str | None = None) -> bool:
        """Frees the interview's presence (only ``owner``'s when given): its holder notices at
        its next heartbeat and hangs up, and cannot take it back."""
        return await self.store.evict(self.key(interview_id), owner, self._ttl_s)


class SingleFlight:
    """At most one holder of a key across the fleet; the others wait for it to finish."""

    def __init__(
        self,
        store: LeaseStore,
        owner: str,
        *,
        prefix: str,
        ttl_s: float = REPORT_TTL_S,
        poll_s: float = 0.25,
    ) -> None:
        self._store = store
        self._owner = owner
        self._prefix = prefix
        self._ttl_s = ttl_s
        self._poll_s = poll_s

    @contextlib.asynccontextmanager
    async def hold(self, name: str) -> AsyncIterator[None]:
        """Waits until no one else holds ``name``, then holds it for the block."""
        key = f"{self._prefix}:{name}"
        # Polled: the holder may be another process, which no local event can tell about.
        while not await self._store.acquire(key, self._owner, self._ttl_s):  # noqa: ASYNC110
            await asyncio.sleep(self._poll_s)
        lease = Lease(self._store, key, self._owner, self._ttl_s)
        try:
            yield
        finally:
            await lease.release()


def memory_presence(owner: str | None = None) -> CallPresence:
    """Presence for one process on its own (embedded mode without Redis, tests)."""
    return CallPresence(MemoryLeases(), owner or process_owner("local"))
