"""How fast the interviewer speaks: the steps slower or faster the candidate asked for, and
the speaking speed each step means (a factor of the voice's own speed).

The interview state keeps the step (``pace``, 0 until asked); the call speaks at its speed.
"""

from __future__ import annotations

from .state import InterviewState

_SPEEDS = {-2: 0.66, -1: 0.8, 0: 1.0, 1: 1.2}
SLOWEST = min(_SPEEDS)
FASTEST = max(_SPEEDS)


def within(step: int) -> int:
    """``step``, or the end it lies beyond."""
    return max(SLOWEST, min(FASTEST, step))


def pace_of(state: InterviewState) -> int:
    """The step the interview speaks at now (0: the voice's own speed)."""
    return within(state.get("pace", 0))


def speed(step: int) -> float:
    """The speaking speed of ``step`` (steps beyond the ends are the ends)."""
    return _SPEEDS[within(step)]
