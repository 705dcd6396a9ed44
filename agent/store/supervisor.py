"""`EmbeddedSupervisor`: restarts the embedded PostgreSQL when its postmaster dies.

The postmaster is checked twice a second. When it has died, it is restarted after a
backoff that doubles with each failure (0.5 s, 1 s, 2 s, ...), a failure being a death or a
restart that did not come up. Five failures within a minute is a crash loop: the supervisor
stops trying and keeps a clear message in `failure`, which readiness reports, because
restarting a server that keeps dying only hides why. The connection pool needs nothing from
here: asyncpg replaces a connection that broke on its next use.

Log lines carry process ids and counts only, never the server's own log (which can quote
row data); the message names that file for a person to read.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable

from agent.store.embedded import EmbeddedPostgres

logger = logging.getLogger(__name__)

CHECK_EVERY_S = 0.5
FIRST_BACKOFF_S = 0.5
MAX_BACKOFF_S = 30.0
MAX_FAILURES = 5
FAILURE_WINDOW_S = 60.0


class EmbeddedSupervisor:
    def __init__(
        self,
        server: EmbeddedPostgres,
        *,
        check_every_s: float = CHECK_EVERY_S,
        max_failures: int = MAX_FAILURES,
        window_s: float = FAILURE_WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._server = server
        self._check_every_s = check_every_s
        self._max_failures = max_failures
        self._window_s = window_s
        self._clock = clock
        self._failures: deque[float] = deque()
        self._task: asyncio.Task[None] | None = None
        self.restarts = 0
        self.restarting = False
        self.failure: str | None = None
        """Set when the supervisor gave up; the server stays down until a person acts."""

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="embedded-postgres-supervisor")

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _run(self) -> None:
        while self.failure is None:
            await asyncio.sleep(self._check_every_s)
            if not self._server.alive():
                self.restarting = True
                try:
                    await self._recover()
                finally:
                    self.restarting = False

    async def _recover(self) -> None:
        logger.warning("embedded postgres (pid %s) died; restarting it", self._server.pid)
        while True:
            failures = self._count_failure()
            if failures >= self._max_failures:
                self._give_up(failures)
                return
            delay = min(FIRST_BACKOFF_S * 2 ** (failures - 1), MAX_BACKOFF_S)
            logger.warning(
                "restarting embedded postgres in %.1f s (failure %d of %d allowed in %.0f s)",
                delay,
                failures,
                self._max_failures - 1,
                self._window_s,
            )
            await asyncio.sleep(delay)
            try:
                await self._server.restart()
            except Exception as exc:  # counted as the next failure; the loop decides
                logger.warning("embedded postgres did not restart (%s)", type(exc).__name__)
                continue
            self.restarts += 1
            logger.warning("embedded postgres restarted (pid %s)", self._server.pid)
            return

    def _count_failure(self) -> int:
        now = self._clock()
        self._failures.append(now)
        while self._failures and self._failures[0] < now - self._window_s:
            self._failures.popleft()
        return len(self._failures)

    def _give_up(self, failures: int) -> None:
        self.failure = (
            f"the embedded PostgreSQL failed {failures} times within {self._window_s:.0f} s "
            "and is no longer restarted; read its log at "
            f"{self._server.log_path} and restart Mockline"
        )
        logger.error(
            "embedded postgres failed %d times within %.0f s; giving up (see %s)",
            failures,
            self._window_s,
            self._server.log_path,
        )
