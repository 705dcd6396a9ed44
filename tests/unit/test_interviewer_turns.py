"""The turn sets of tests/data/turns: every turn that is not an answer gets the move its class
expects, and every real answer that uses the same words is taken as an answer."""

from __future__ import annotations

import json

import pytest

from agent.interviewer.interviewer import Interviewer
from agent.interviewer.setup import InterviewSetup, Length

from paths import REPO

SETS = ("fresh", "fresh2", "fresh3")
"""Every set that has been tuned on (each was a check set first; its file says what it gave)."""
NOT_AN_ANSWER = {"inform", "offer_guess", "clarify", "encourage", "skip", "steer_back", "redirect"}
CASES = [
    pytest.param(turn, tuple(spec["expect"]), id=f"{kept}-{name}-{n}")
    for kept in SETS
    for name, spec in json.loads((REPO / "tests" / "data" / "turns" / f"{kept}.json").read_text())[
        "classes"
    ].items()
    for n, turn in enumerate(spec["turns"])
]


def first_move(turn: str) -> str:
    setup = InterviewSetup.model_validate(
        {"role": "backend_engineer", "level": "mid", "interview_type": "technical",
         "length": Length(value=4)}
    )  # fmt: skip
    iv = Interviewer.create(setup, seed=3)
    iv.reply(None)
    iv.reply(turn)
    return iv.last_directive.move


@pytest.mark.parametrize(("turn", "expect"), CASES)
def test_each_turn_gets_the_move_of_its_class(turn: str, expect: tuple[str, ...]) -> None:
    move = first_move(turn)
    if expect:
        assert move in expect
    else:
        assert move not in NOT_AN_ANSWER
