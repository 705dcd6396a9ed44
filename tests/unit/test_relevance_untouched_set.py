"""The untouched relevance check set (``tests/data/relevance/untouched``): well formed, tied to
real questions of its type, balanced, new material, and loaded apart so no fit ever reads it."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest

from agent.interviewer.bank import QUESTION_TYPES, load_bank

from relevance_set import DATA, load_items

UNTOUCHED = DATA / "untouched"
MIN_PER_LABEL = 30
MIN_QUESTIONS = 12


def _items(path_name: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads((DATA / path_name).read_text())["items"]
    return items


def _said(answer: str) -> str:
    """An answer as heard: case, spacing and end punctuation do not make it new."""
    return re.sub(r"\s+", " ", answer.lower()).strip(" .?!")


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_every_item_names_a_question_of_its_type_and_a_label(kind: str) -> None:
    bank = {q.id: q for q in load_bank().questions}
    for item in _items(f"untouched/{kind}.json"):
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
    items = _items(f"untouched/{kind}.json")
    labels = Counter(item["label"] for item in items)
    assert labels["on"] >= MIN_PER_LABEL and labels["off"] >= MIN_PER_LABEL, labels
    assert len({item["q"] for item in items}) >= MIN_QUESTIONS


def test_no_untouched_answer_appears_twice_in_the_relevance_data() -> None:
    every = [
        _said(item["a"])
        for kind in QUESTION_TYPES
        for name in (f"{kind}.json", f"untouched/{kind}.json")
        for item in _items(name)
    ]
    counts = Counter(every)
    untouched = [_said(i["a"]) for kind in QUESTION_TYPES for i in _items(f"untouched/{kind}.json")]
    assert [answer for answer in untouched if counts[answer] > 1] == []


def test_the_loader_marks_untouched_items_held_out_so_no_fit_reads_them() -> None:
    items = load_items()
    untouched = [i for i in items if i.folder == "untouched"]
    expected = sum(len(_items(f"untouched/{kind}.json")) for kind in QUESTION_TYPES)
    assert len(untouched) == expected
    # bench_relevance.fit trains on ``not i.held_out`` only.
    assert all(i.held_out and not i.fresh for i in untouched)
