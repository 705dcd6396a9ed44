"""The untouched relevance check set (``tests/data/relevance/untouched``): well formed, tied to
real questions of its type, balanced, new material, and loaded apart so no fit ever reads it."""

from __future__ import annotations

from collections import Counter

import pytest

from agent.interviewer.bank import QUESTION_TYPES

from relevance_set import DATA, check_balanced, check_well_formed, load_items, raw_items, said

UNTOUCHED = DATA / "untouched"
MIN_PER_LABEL = 30
MIN_QUESTIONS = 12


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_every_item_names_a_question_of_its_type_and_a_label(kind: str) -> None:
    check_well_formed(raw_items(f"untouched/{kind}.json"), kind)


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_each_type_is_balanced_over_enough_questions(kind: str) -> None:
    check_balanced(raw_items(f"untouched/{kind}.json"), MIN_PER_LABEL, MIN_QUESTIONS)


def test_no_untouched_answer_appears_twice_in_the_relevance_data() -> None:
    every = [
        said(item["a"])
        for kind in QUESTION_TYPES
        for name in (f"{kind}.json", f"untouched/{kind}.json")
        for item in raw_items(name)
    ]
    counts = Counter(every)
    untouched = [
        said(i["a"]) for kind in QUESTION_TYPES for i in raw_items(f"untouched/{kind}.json")
    ]
    assert [answer for answer in untouched if counts[answer] > 1] == []


def test_the_loader_marks_untouched_items_held_out_so_no_fit_reads_them() -> None:
    items = load_items()
    untouched = [i for i in items if i.folder == "untouched"]
    expected = sum(len(raw_items(f"untouched/{kind}.json")) for kind in QUESTION_TYPES)
    assert len(untouched) == expected
    # bench_relevance.fit trains on ``not i.held_out`` only.
    assert all(i.held_out and not i.fresh for i in untouched)
