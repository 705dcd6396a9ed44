"""Interview time: the budget continues from the saved state, not from the wall clock."""

from __future__ import annotations

import pytest

from agent.interviewer.clock import AWAY_AFTER_S, continued_elapsed
from agent.interviewer.interviewer import Interviewer
from agent.interviewer.setup import InterviewSetup, Length
from agent.voice.brain import CallBrain


def test_thinking_time_counts_and_time_away_does_not() -> None:
    assert continued_elapsed(120.0, 1000.0, 1045.0) == 165.0
    assert continued_elapsed(120.0, 1000.0, 1000.0 + 3 * 3600) == 120.0 + AWAY_AFTER_S
    assert continued_elapsed(120.0, 1000.0, 990.0) == 120.0  # a clock step backwards
    assert continued_elapsed(None, 1000.0, 5000.0) == 0.0  # not started


def _timed(minutes: int) -> Interviewer:
    setup = InterviewSetup(
        role="backend_engineer",
        level="mid",
        interview_type="technical",
        length=Length(unit="minutes", value=minutes),
    )
    return Interviewer.create(setup, seed=3)


def test_the_clock_starts_with_the_opening() -> None:
    iv = _timed(10)
    assert iv.elapsed_s is None
    iv.resume(elapsed_s=0.0)
    assert iv.elapsed_s == 0.0
    iv.resume(elapsed_s=50.0)  # a welcome back does not move the clock
    assert iv.elapsed_s == 0.0


@pytest.mark.parametrize("away_s", [60.0, 24 * 3600.0])
def test_a_call_after_time_away_still_has_time_for_questions(away_s: float) -> None:
    iv = _timed(10)
    iv.reply(None, elapsed_s=0.0)
    iv.reply("Let me think.", elapsed_s=200.0)
    brain = CallBrain(iv, saved_at=1_000.0)
    at = brain.elapsed_at(1_000.0 + away_s)
    assert at == 200.0 + min(away_s, AWAY_AFTER_S)
    reply = iv.reply("I would use a queue and retries.", elapsed_s=at)
    assert not iv.finished, reply  # 10 minutes, about 8 used at most: no "we're at time"
