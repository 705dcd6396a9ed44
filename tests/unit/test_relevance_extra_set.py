"""The extra relevance set (``tests/data/relevance/extra``): well formed, tied to real questions
of its type, balanced over enough questions, no answer given twice, and loaded as its own split,
which neither the current fit nor any test's floor reads (`relevance_set` says why)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from agent.interviewer.bank import QUESTION_TYPES

from relevance_set import DATA, check_balanced, check_well_formed, load_items, raw_items, said

EXTRA = DATA / "extra"
MIN_PER_LABEL = 40
MIN_QUESTIONS = 18


def _items(kind: str) -> list[dict[str, Any]]:
    return raw_items(f"extra/{kind}.json")


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_every_item_names_a_question_of_its_type_and_a_label(kind: str) -> None:
    check_well_formed(_items(kind), kind)


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_each_type_is_balanced_over_enough_questions(kind: str) -> None:
    check_balanced(_items(kind), MIN_PER_LABEL, MIN_QUESTIONS)


def test_no_answer_appears_twice_in_the_extra_set() -> None:
    counts = Counter(said(item["a"]) for kind in QUESTION_TYPES for item in _items(kind))
    assert [answer for answer, n in counts.items() if n > 1] == []


def test_no_extra_answer_repeats_one_from_the_other_relevance_sets() -> None:
    others = {
        said(it["a"])
        for kind in QUESTION_TYPES
        for path in (DATA / f"{kind}.json", DATA / "untouched" / f"{kind}.json")
        if path.exists()
        for it in json.loads(path.read_text())["items"]
    }
    # Reports positions only, so a failure never shows the other sets' text (the untouched check
    # set must stay unseen by whoever writes calibration material).
    shared = [
        f"{kind}[{n}]"
        for kind in QUESTION_TYPES
        for n, item in enumerate(_items(kind))
        if said(item["a"]) in others
    ]
    assert shared == []


def test_the_loader_keeps_extra_items_in_a_split_of_their_own() -> None:
    expected = Counter(
        (kind, it["q"], it.get("follow_up"), it["a"], it["label"] == "on")
        for kind in QUESTION_TYPES
        for it in _items(kind)
    )
    loaded = [
        i for i in load_items() if (i.kind, i.question_id, i.follow_up, i.answer, i.on) in expected
    ]
    assert len(loaded) == sum(expected.values())
    # bench_relevance.fit skips ``extra``; the floor tests read held-out items only.
    assert all(i.extra and not i.held_out and not i.fresh and not i.untouched for i in loaded)
    assert not any(i.extra for i in load_items() if (i.kind, i.question_id, i.follow_up,
                                                     i.answer, i.on) not in expected)  # fmt: skip
