"""`LiveFeed`: what a running call says, for anyone watching the interview elsewhere.

A candidate on the phone may keep a browser tab open on the interview: the tab shows the
call's live captions and states. The session (`session.InterviewSession`) publishes each
event it sends to its transport; `GET /api/interviews/{id}/live` streams them to the tab.

- `MemoryLiveFeed`: one process (the embedded server: its calls and its pages share it).
- `RedisLiveFeed` (`live_redis`): a fleet, where the call runs on a LiveKit worker and the
  tab talks to a web server; one Redis channel per interview.

Publishing never blocks a call: a watcher that falls behind loses its oldest events (the
transcript is stored anyway and the page reloads it at the end).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from typing import Any, Protocol
from uuid import UUID

Message = dict[str, Any]

WATCH_BACKLOG = 256
"""Events a slow watcher may be behind before its oldest are dropped."""
MAX_WATCHERS = 3
"""Pages watching one interview at once in one process."""


class LiveFeed(Protocol):
    def publish(self, interview_id: UUID, message: Message) -> None:
        """Hands one event of the interview's call to its watchers; never blocks."""

    def watch(self, interview_id: UUID) -> contextlib.AbstractAsyncContextManager[Watch]:
        """A subscription to the interview's events from now on, closed on exit."""

    async def aclose(self) -> None: ...


class Watch:
    """One watcher's events, in order; `next` waits for the next one."""

    def __init__(self, backlog: int = WATCH_BACKLOG) -> None:
        self._queue: asyncio.Queue[Message] = asyncio.Queue(maxsize=backlog)
        self.dropped = 0

    def put(self, message: Message) -> None:
        if self._queue.full():
            self._queue.get_nowait()
            self.dropped += 1
        self._queue.put_nowait(message)

    async def next(self, timeout_s: float | None = None) -> Message | None:
        """The next event, or None when ``timeout_s`` passed without one."""
        try:
            return await asyncio.wait_for(self._queue.get(), timeout_s)
        except TimeoutError:
            return None


class MemoryLiveFeed:
    """Watchers in this process."""

    def __init__(self) -> None:
        self._watches: dict[UUID, set[Watch]] = {}

    def publish(self, interview_id: UUID, message: Message) -> None:
        for watch in self._watches.get(interview_id, ()):
            watch.put(message)

    @contextlib.asynccontextmanager
    async def watch(self, interview_id: UUID) -> AsyncIterator[Watch]:
        watch = Watch()
        self._watches.setdefault(interview_id, set()).add(watch)
        try:
            yield watch
        finally:
            watches = self._watches.get(interview_id)
            if watches is not None:
                watches.discard(watch)
                if not watches:
                    del self._watches[interview_id]

    def watching(self, interview_id: UUID) -> int:
        return len(self._watches.get(interview_id, ()))

    async def aclose(self) -> None:
        self._watches.clear()


class WatcherCount:
    """Open streams per interview in this process. A stream is counted from `enter` until
    it is left; one whose response never started (the client went away first, so its
    generator never ran and cannot leave) stops counting after `start_within_s`."""

    def __init__(self, limit: int = MAX_WATCHERS, *, start_within_s: float = 30.0) -> None:
        self.limit = limit
        self._start_within_s = start_within_s
        self._open: dict[UUID, dict[object, float | None]] = {}
        """Per interview: each stream's entry time while not started, None once started."""

    def enter(self, interview_id: UUID) -> object | None:
        """A ticket for one more stream, or None when the interview has its limit."""
        now = time.monotonic()
        streams = self._open.setdefault(interview_id, {})
        for ticket, entered in list(streams.items()):
            if entered is not None and now - entered > self._start_within_s:
                del streams[ticket]
        if len(streams) >= self.limit:
            return None
        ticket = object()
        streams[ticket] = now
        return ticket

    def started(self, interview_id: UUID, ticket: object) -> None:
        streams = self._open.get(interview_id)
        if streams is not None and ticket in streams:
            streams[ticket] = None

    def leave(self, interview_id: UUID, ticket: object) -> None:
        streams = self._open.get(interview_id)
        if streams is None:
            return
        streams.pop(ticket, None)
        if not streams:
            del self._open[interview_id]
