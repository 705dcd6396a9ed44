"""The second untouched relevance check set (``tests/data/relevance/untouched2``): well formed,
tied to real questions of its type that no other relevance set asks, balanced, new material,
loaded apart so no fit reads it, and the floor the live interviewer keeps on it."""

from __future__ import annotations

from collections import Counter

import pytest

from agent.interviewer.analysis import REDIRECTED, assess
from agent.interviewer.bank import QUESTION_TYPES

from relevance_set import Item, check_balanced, check_well_formed, load_items, raw_items, said

MIN_PER_LABEL = 12
MIN_QUESTIONS = 8
OTHER_SETS = ("", "extra/", "calibration2/", "untouched/")
# Measured by tests/bench/bench_relevance.py (untouched2: 75/76 kept, 36/75 redirected on
# 2026-12-04; 53 % since the wording reads questions to the employer and more ways of
# declining, 2026-12-05); a floor a little under what it prints, so a change that loses ground
# fails.
ON_KEPT_FLOOR = 0.95
OFF_REDIRECTED_FLOOR = 0.5


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_every_item_names_a_question_of_its_type_and_a_label(kind: str) -> None:
    check_well_formed(raw_items(f"untouched2/{kind}.json"), kind)


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_each_type_is_balanced_over_enough_questions(kind: str) -> None:
    check_balanced(raw_items(f"untouched2/{kind}.json"), MIN_PER_LABEL, MIN_QUESTIONS)


def test_its_questions_and_answers_appear_in_no_other_relevance_set() -> None:
    others = [
        item for kind in QUESTION_TYPES for folder in OTHER_SETS for item in raw_items(f"{folder}{kind}.json")
    ]  # fmt: skip
    asked = {item["q"] for item in others}
    heard_before = {said(item["a"]) for item in others}
    mine = [item for kind in QUESTION_TYPES for item in raw_items(f"untouched2/{kind}.json")]
    # Positions only, so a failure never prints the check set's text.
    assert [n for n, item in enumerate(mine) if item["q"] in asked] == []
    assert [n for n, item in enumerate(mine) if said(item["a"]) in heard_before] == []
    assert not [a for a, n in Counter(said(i["a"]) for i in mine).items() if n > 1]


@pytest.fixture(scope="module")
def untouched2() -> list[Item]:
    return [i for i in load_items() if i.folder == "untouched2"]


def test_the_loader_marks_its_items_held_out_so_no_fit_reads_them(untouched2: list[Item]) -> None:
    expected = sum(len(raw_items(f"untouched2/{kind}.json")) for kind in QUESTION_TYPES)
    assert len(untouched2) == expected
    # bench_relevance.fit trains on ``not i.held_out`` only; the held-out floors skip untouched.
    assert all(i.held_out and i.untouched and not i.fresh and not i.later for i in untouched2)


def test_the_live_interviewer_keeps_its_floor_on_the_second_check_set(
    untouched2: list[Item],
) -> None:
    kept = [assess(i.answer, i.context()).kind not in REDIRECTED for i in untouched2]
    on = [k for i, k in zip(untouched2, kept, strict=True) if i.on]
    off = [not k for i, k in zip(untouched2, kept, strict=True) if not i.on]
    rates = (sum(on) / len(on), sum(off) / len(off))
    assert rates[0] >= ON_KEPT_FLOOR and rates[1] >= OFF_REDIRECTED_FLOOR, rates
