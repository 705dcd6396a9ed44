"""The third calibration set (``tests/data/relevance/calibration3``, behavioural stories only):
well formed, tied to real behavioural questions, balanced over every question, no answer given
twice or taken from another relevance set, and loaded as a split of its own that the fit does
not read (`relevance_set` says why)."""

from __future__ import annotations

from collections import Counter

from agent.interviewer.bank import QUESTION_TYPES, load_bank

from relevance_set import check_balanced, check_well_formed, load_items, raw_items, said

KIND = "behavioral"
OTHERS = ("", "extra/", "calibration2/", "untouched/", "untouched2/", "untouched3/", "untouched4/")


def _items() -> list[dict[str, str]]:
    return raw_items(f"calibration3/{KIND}.json")


def test_every_item_names_a_behavioural_question_and_a_label() -> None:
    check_well_formed(_items(), KIND)


def test_every_behavioural_question_has_answers_on_and_off_it() -> None:
    stories = {q.id for q in load_bank().questions if q.type == KIND}
    check_balanced(_items(), min_per_label=100, min_questions=len(stories))
    labels = Counter((item["q"], item["label"]) for item in _items())
    assert all(labels[(q, "on")] >= 2 and labels[(q, "off")] >= 1 for q in stories)


def test_no_answer_appears_twice_or_in_another_relevance_set() -> None:
    mine = [said(item["a"]) for item in _items()]
    assert [a for a, n in Counter(mine).items() if n > 1] == []
    others = {
        said(item["a"])
        for folder in OTHERS
        for kind in QUESTION_TYPES
        for item in raw_items(f"{folder}{kind}.json")
    }
    # Positions only, so a failure never prints a check set's text.
    assert [n for n, answer in enumerate(mine) if answer in others] == []


def test_the_loader_keeps_it_in_a_split_of_its_own_that_no_fit_reads() -> None:
    loaded = [i for i in load_items() if i.folder == "calibration3"]
    assert len(loaded) == len(_items())
    assert all(i.later and not i.held_out and not i.untouched for i in loaded)
