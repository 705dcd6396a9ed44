"""The later untouched relevance check sets (``tests/data/relevance/untouched2``, ``untouched3``,
``untouched4``, ``untouched5``, the last two for behavioural and HR questions only, and
``untouched6``, ``untouched7`` and ``untouched8``):
well formed, tied to real questions of their type, balanced, new material, loaded apart so no
fit reads them, and the floor the live interviewer keeps on each. ``untouched2`` also asks
only questions that no other relevance set asks."""

from __future__ import annotations

from collections import Counter

import pytest

from agent.interviewer.analysis import REDIRECTED, assess
from agent.interviewer.bank import QUESTION_TYPES

from relevance_set import Item, check_balanced, check_well_formed, load_items, raw_items, said

MIN_PER_LABEL = 12
MIN_QUESTIONS = 8
# The sets written before each check set, by folder ("" is the first set).
EARLIER = {
    "untouched2": ("", "extra/", "calibration2/", "untouched/"),
    "untouched3": ("", "extra/", "calibration2/", "untouched/", "untouched2/"),
    "untouched4": ("", "extra/", "calibration2/", "untouched/", "untouched2/", "untouched3/"),
    "untouched5": (
        "", "extra/", "calibration2/", "calibration3/", "calibration4/",
        "untouched/", "untouched2/", "untouched3/", "untouched4/",
    ),
    "untouched6": (
        "", "extra/", "calibration2/", "calibration3/", "calibration4/", "calibration5/",
        "calibration6/", "calibration7/", "untouched/", "untouched2/", "untouched3/", "untouched4/",
        "untouched5/",
    ),
    "untouched7": (
        "", "extra/", "calibration2/", "calibration3/", "calibration4/", "calibration5/",
        "calibration6/", "calibration7/", "calibration8/", "untouched/", "untouched2/",
        "untouched3/", "untouched4/", "untouched5/", "untouched6/",
    ),
    "untouched8": (
        "", "extra/", "calibration2/", "calibration3/", "calibration4/", "calibration5/",
        "calibration6/", "calibration7/", "calibration8/", "calibration9/", "untouched/",
        "untouched2/", "untouched3/", "untouched4/", "untouched5/", "untouched6/", "untouched7/",
    ),
}  # fmt: skip
# The question types each check set covers.
KINDS = {
    "untouched2": QUESTION_TYPES,
    "untouched3": QUESTION_TYPES,
    "untouched4": ("behavioral", "hr"),
    "untouched5": ("behavioral", "hr"),
    "untouched6": QUESTION_TYPES,
    "untouched7": QUESTION_TYPES,
    "untouched8": QUESTION_TYPES,
}
# (on kept, off redirected) floors, a little under what tests/bench/bench_relevance.py prints,
# so a change that loses ground fails. untouched2: 75/76 kept, 36/75 redirected on 2026-12-04;
# 53 % once the wording read questions to the employer and more ways of declining (12-05); 56 %
# with the question field (12-06); 63 % once generalities offered as an answer were evasive.
# untouched3: 143/150 kept, 88/150 redirected when written (12-06); 142/150 and 99/150 with the
# question field; 143/150 and 106/150 with the story themes and the generalities. untouched4:
# 53/60 kept, 31/60 redirected when written (12-06); 53/60 and 35/60 with both.
# With the answer memory (12-06): untouched2 76/76 and 53/75, untouched3 142/150 and 113/150,
# untouched4 53/60 and 42/60; untouched5, written just before, 81/88 kept and 38/88
# redirected without it, 81/88 and 44/88 with it. With calibration5 remembered too and
# declining to give one example read as a generality: untouched2 76/76 and 56/75, untouched3
# 142/150 and 112/150, untouched4 51/60 and 42/60, untouched5 81/88 and 51/88. With stories
# from private life read as such: untouched4 51/60 and 43/60, untouched5 80/88 and 55/88.
# With calibration6 remembered (answers to the knowledge questions the memory lacked):
# untouched2 76/76 and 57/75, untouched3 142/150 and 122/150. With off-topic turns that sound
# like this question's answers no rivals, the cut at 99.5 % and the model's guard: untouched2
# 76/76 and 55/75, untouched3 142/150 and 121/150, untouched4 51/60 and 41/60, untouched5
# 80/88 and 49/88. untouched6, written just before the answer register, 99/100 kept and
# 60/100 redirected without it. With the register and calibration7 remembered: untouched2
# 76/76 and 61/75, untouched3 142/150 and 122/150, untouched4 53/60 and 44/60, untouched5
# 79/88 and 56/88, untouched6 99/100 and 62/100. With musing read as a generality:
# untouched2 76/76 and 62/75, untouched3 142/150 and 127/150, untouched4 53/60 and 48/60,
# untouched5 79/88 and 58/88, untouched6 99/100 and 66/100. With an answer that sounds like
# its question's answers kept: untouched2 76/76 and 61/75, untouched3 143/150 and 127/150,
# untouched4 53/60 and 47/60, untouched5 83/88 and 58/88, untouched6 100/100 and 66/100.
# untouched7, written just before the questions put back and the turns that tell no story,
# 100/100 kept and 86/100 redirected without them. With them and calibration8 remembered
# (the register not fitted on answers meant for another question): untouched2 76/76 and
# 61/75, untouched3 143/150 and 132/150, untouched4 54/60 and 47/60, untouched5 82/88 and
# 60/88, untouched6 100/100 and 70/100, untouched7 100/100 and 87/100.
# untouched8, written just before calibration9 and the substance reading, 98/100 kept and
# 76/100 redirected without them; 98/100 and 83/100 with calibration9 remembered. With the
# substance reading too (12-07): untouched2 76/76 and 62/75, untouched3 140/150 and
# 135/150, untouched4 54/60 and 49/60, untouched5 82/88 and 65/88, untouched6 100/100 and
# 73/100, untouched7 100/100 and 91/100, untouched8 97/100 and 86/100.
FLOORS = {
    "untouched2": (0.95, 0.78),
    "untouched3": (0.93, 0.86),
    "untouched4": (0.85, 0.76),
    "untouched5": (0.92, 0.7),
    "untouched6": (0.97, 0.7),
    "untouched7": (0.97, 0.88),
    "untouched8": (0.95, 0.83),
}
CASES = [(folder, kind) for folder in sorted(FLOORS) for kind in KINDS[folder]]


@pytest.mark.parametrize(("folder", "kind"), CASES)
def test_every_item_names_a_question_of_its_type_and_a_label(folder: str, kind: str) -> None:
    check_well_formed(raw_items(f"{folder}/{kind}.json"), kind)


@pytest.mark.parametrize(("folder", "kind"), CASES)
def test_each_type_is_balanced_over_enough_questions(folder: str, kind: str) -> None:
    # untouched7 and untouched8 draw their questions at random from the whole bank, so they ask
    # fewer story ones.
    drawn = folder in ("untouched7", "untouched8")
    least = (MIN_QUESTIONS, MIN_QUESTIONS) if drawn else (MIN_PER_LABEL, MIN_QUESTIONS)
    check_balanced(raw_items(f"{folder}/{kind}.json"), *least)


def _earlier(folder: str) -> list[dict[str, str]]:
    return [
        item for kind in QUESTION_TYPES for earlier in EARLIER[folder]
        for item in raw_items(f"{earlier}{kind}.json")
    ]  # fmt: skip


def _mine(folder: str) -> list[dict[str, str]]:
    return [item for kind in KINDS[folder] for item in raw_items(f"{folder}/{kind}.json")]


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_its_answers_appear_in_no_earlier_relevance_set(folder: str) -> None:
    heard_before = {said(item["a"]) for item in _earlier(folder)}
    mine = _mine(folder)
    # Positions only, so a failure never prints the check set's text.
    assert [n for n, item in enumerate(mine) if said(item["a"]) in heard_before] == []
    assert not [a for a, n in Counter(said(i["a"]) for i in mine).items() if n > 1]


def test_the_second_set_asks_questions_no_earlier_set_asks() -> None:
    asked = {item["q"] for item in _earlier("untouched2")}
    assert [n for n, item in enumerate(_mine("untouched2")) if item["q"] in asked] == []


@pytest.fixture(scope="module")
def loaded() -> list[Item]:
    return load_items()


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_the_loader_marks_its_items_held_out_so_no_fit_reads_them(
    folder: str, loaded: list[Item]
) -> None:
    mine = [i for i in loaded if i.folder == folder]
    assert len(mine) == len(_mine(folder))
    # bench_relevance.fit trains on ``not i.held_out`` only; the held-out floors skip untouched.
    assert all(i.held_out and i.untouched and not i.fresh and not i.later for i in mine)


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_the_live_interviewer_keeps_its_floor_on_each_check_set(
    folder: str, loaded: list[Item]
) -> None:
    mine = [i for i in loaded if i.folder == folder]
    kept = [assess(i.answer, i.context()).kind not in REDIRECTED for i in mine]
    on = [k for i, k in zip(mine, kept, strict=True) if i.on]
    off = [not k for i, k in zip(mine, kept, strict=True) if not i.on]
    rates = (sum(on) / len(on), sum(off) / len(off))
    assert rates[0] >= FLOORS[folder][0] and rates[1] >= FLOORS[folder][1], rates
