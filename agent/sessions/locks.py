"""`InterviewLocks`: one `asyncio.Lock` per interview, for as long as it is in use."""

from __future__ import annotations

import asyncio
from uuid import UUID
from weakref import WeakValueDictionary


class InterviewLocks:
    """A lock lives as long as someone holds or awaits it; idle interviews cost nothing."""

    def __init__(self) -> None:
        self._locks: WeakValueDictionary[UUID, asyncio.Lock] = WeakValueDictionary()

    def __call__(self, interview_id: UUID) -> asyncio.Lock:
        found = self._locks.get(interview_id)
        if found is None:
            found = self._locks[interview_id] = asyncio.Lock()
        return found
