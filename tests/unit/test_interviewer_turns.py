"""The turn sets of tests/data/turns: every turn that is not an answer gets the move its class
expects, and every real answer that uses the same words is taken as an answer."""

from __future__ import annotations

import json

import pytest

from opened_interview import NOT_AN_ANSWER, first_move
from paths import REPO

SETS = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5")
"""Every set that has been tuned on (each was a check set first; its file says what it gave)."""
CASES = [
    pytest.param(turn, tuple(spec["expect"]), id=f"{kept}-{name}-{n}")
    for kept in SETS
    for name, spec in json.loads((REPO / "tests" / "data" / "turns" / f"{kept}.json").read_text())[
        "classes"
    ].items()
    for n, turn in enumerate(spec["turns"])
]


@pytest.mark.parametrize(("turn", "expect"), CASES)
def test_each_turn_gets_the_move_of_its_class(turn: str, expect: tuple[str, ...]) -> None:
    move = first_move(turn)
    if expect:
        assert move in expect
    else:
        assert move not in NOT_AN_ANSWER
