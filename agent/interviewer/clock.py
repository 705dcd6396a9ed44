"""Interview time: what a time-boxed interview's budget is measured in.

Wall time since the interview started would count a dropped call, a lunch break or the next
day against the candidate. Instead the time continues from the elapsed time saved with the
interviewer's state: the gap since that save counts in full up to `AWAY_AFTER_S` (time spent
thinking or typing), and no further (time spent away).
"""

from __future__ import annotations

# Longer than anyone thinks over one answer; a longer gap is time away from the interview.
AWAY_AFTER_S = 300.0


def continued_elapsed(elapsed_s: float | None, saved_at: float | None, now: float) -> float:
    """Interview seconds at ``now`` (epoch seconds), continuing from ``elapsed_s`` as of the
    save at ``saved_at``. With no elapsed time saved the interview's clock has not started."""
    if elapsed_s is None or saved_at is None:
        return 0.0
    return elapsed_s + min(max(now - saved_at, 0.0), AWAY_AFTER_S)
