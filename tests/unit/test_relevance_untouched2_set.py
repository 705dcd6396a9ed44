"""The second untouched relevance check set (``tests/data/relevance/untouched2``): well formed,
tied to real questions of its type that no other relevance set asks, balanced, new material,
loaded apart so no fit reads it, and the floor the live interviewer keeps on it."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest

from agent.interviewer.analysis import REDIRECTED, assess
from agent.interviewer.bank import QUESTION_TYPES, load_bank

from relevance_set import DATA, Item, load_items

MIN_PER_LABEL = 12
MIN_QUESTIONS = 8
OTHER_SETS = ("", "extra/", "calibration2/", "untouched/")
# Measured by tests/bench/bench_relevance.py (untouched2: 75/76 kept, 36/75 redirected on
# 2026-12-04); a floor a little under what it prints, so a change that loses ground fails.
ON_KEPT_FLOOR = 0.95
OFF_REDIRECTED_FLOOR = 0.45


def _items(path_name: str) -> list[dict[str, Any]]:
    path = DATA / path_name
    if not path.exists():
        return []
    items: list[dict[str, Any]] = json.loads(path.read_text())["items"]
    return items


def _said(answer: str) -> str:
    """An answer as heard: case, spacing and end punctuation do not make it new."""
    return re.sub(r"\s+", " ", answer.lower()).strip(" .?!")


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_every_item_names_a_question_of_its_type_and_a_label(kind: str) -> None:
    bank = {q.id: q for q in load_bank().questions}
    for item in _items(f"untouched2/{kind}.json"):
        assert set(item) <= {"q", "label", "a", "follow_up"}, item
        question = bank.get(item["q"])
        assert question is not None, item["q"]
        assert question.type == kind, item["q"]
        assert item["label"] in ("on", "off"), item
        assert item["a"].strip(), item
        if "follow_up" in item:
            assert item["follow_up"] in question.follow_ups, item


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_each_type_is_balanced_over_enough_questions(kind: str) -> None:
    items = _items(f"untouched2/{kind}.json")
    labels = Counter(item["label"] for item in items)
    assert labels["on"] >= MIN_PER_LABEL and labels["off"] >= MIN_PER_LABEL, labels
    assert len({item["q"] for item in items}) >= MIN_QUESTIONS


def test_its_questions_and_answers_appear_in_no_other_relevance_set() -> None:
    others = [
        item for kind in QUESTION_TYPES for folder in OTHER_SETS for item in _items(f"{folder}{kind}.json")
    ]  # fmt: skip
    asked = {item["q"] for item in others}
    said = {_said(item["a"]) for item in others}
    mine = [item for kind in QUESTION_TYPES for item in _items(f"untouched2/{kind}.json")]
    # Positions only, so a failure never prints the check set's text.
    assert [n for n, item in enumerate(mine) if item["q"] in asked] == []
    assert [n for n, item in enumerate(mine) if _said(item["a"]) in said] == []
    assert not [a for a, n in Counter(_said(i["a"]) for i in mine).items() if n > 1]


@pytest.fixture(scope="module")
def untouched2() -> list[Item]:
    return [i for i in load_items() if i.folder == "untouched2"]


def test_the_loader_marks_its_items_held_out_so_no_fit_reads_them(untouched2: list[Item]) -> None:
    expected = sum(len(_items(f"untouched2/{kind}.json")) for kind in QUESTION_TYPES)
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
