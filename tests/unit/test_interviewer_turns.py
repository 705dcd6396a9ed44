"""The turn sets of tests/data/turns: every turn that is not an answer gets the move its class
expects, and every real answer that uses the same words is taken as an answer."""

from __future__ import annotations

import json
from typing import Any

import pytest

from opened_interview import NOT_AN_ANSWER, first_move
from paths import REPO

SETS = (
    "fresh",
    "fresh2",
    "fresh3",
    "fresh4",
    "fresh5",
    "fresh6",
    "fresh7",
    "fresh8",
    "fresh9",
    "attacks",
    "attacks2",
)
"""Every set that has been tuned on (each was a check set first; its file says what it gave)."""
_KNOWN = pytest.mark.xfail(strict=True, reason="a known miss, listed in the set's file")
"""A turn a set lists under ``known_misses``: still wrong, and the test says when it is not."""


def _cases() -> list[Any]:
    out = []
    for kept in SETS:
        data = json.loads((REPO / "tests" / "data" / "turns" / f"{kept}.json").read_text())
        known = set(data.get("known_misses", []))
        for name, spec in data["classes"].items():
            for n, turn in enumerate(spec["turns"]):
                marks = [_KNOWN] if turn in known else []
                expect = tuple(spec["expect"])
                out.append(pytest.param(turn, expect, id=f"{kept}-{name}-{n}", marks=marks))
    return out


CASES = _cases()


@pytest.mark.parametrize(("turn", "expect"), CASES)
def test_each_turn_gets_the_move_of_its_class(turn: str, expect: tuple[str, ...]) -> None:
    move = first_move(turn)
    if expect:
        assert move in expect
    else:
        assert move not in NOT_AN_ANSWER
