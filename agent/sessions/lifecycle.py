"""An interview's status and the only moves it can make: the one state machine of its life.

```
created --started--> active --completed--> completed
   |                   |  ^
   |                   |  +--resumed-- (a later call, typing again, after a restart)
   +-----failed--------+--failed-----> failed
```

Statuses only move forward, so a late "failed" from a dropped call can never overwrite an
interview the candidate completed, and completing twice changes nothing. A dropped call or
a server restart leaves the interview ``active``: pausing is not a status, it is the absence
of an attached channel, and the next call or typed message resumes it.

`apply` makes a move in the store as one guarded update (`InterviewStore.move_status`) with
the statuses this table allows it from, so two processes racing on one interview agree too.
Nothing else writes an interview's status.
"""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID

from agent.store.interviews import InterviewStore
from agent.store.models import Interview, InterviewStatus


class LifeEvent(StrEnum):
    STARTED = "started"
    """A channel opened the interview (a call joined, the first typed message)."""
    COMPLETED = "completed"
    """The interviewer closed it, or the candidate ended it."""
    FAILED = "failed"
    """It cannot go on (its state is unreadable)."""


TERMINAL: frozenset[InterviewStatus] = frozenset({"completed", "failed"})
"""Statuses an interview never leaves: it takes no more calls or messages."""

_TARGET: dict[LifeEvent, InterviewStatus] = {
    LifeEvent.STARTED: "active",
    LifeEvent.COMPLETED: "completed",
    LifeEvent.FAILED: "failed",
}

_ALLOWED_FROM: dict[LifeEvent, tuple[InterviewStatus, ...]] = {
    LifeEvent.STARTED: ("created", "active"),
    LifeEvent.COMPLETED: ("created", "active"),
    LifeEvent.FAILED: ("created", "active"),
}


def target(event: LifeEvent) -> InterviewStatus:
    """The status ``event`` moves an interview to."""
    return _TARGET[event]


def allowed_from(event: LifeEvent) -> tuple[InterviewStatus, ...]:
    """The statuses from which ``event`` moves the interview; from any other it stays put."""
    return _ALLOWED_FROM[event]


def next_status(current: InterviewStatus, event: LifeEvent) -> InterviewStatus:
    """Where an interview in ``current`` is after ``event`` (itself when the move is refused)."""
    return _TARGET[event] if current in _ALLOWED_FROM[event] else current


def is_finished(status: InterviewStatus) -> bool:
    return status in TERMINAL


async def apply(store: InterviewStore, interview_id: UUID, event: LifeEvent) -> Interview | None:
    """Moves the stored interview by ``event`` (a refused move leaves it as it is); returns it
    as it now stands, or None when there is no such interview."""
    return await store.move_status(interview_id, _TARGET[event], allowed_from=_ALLOWED_FROM[event])
