"""The later calibration sets (``tests/data/relevance/calibration3``: behavioural stories;
``calibration4``: evasions, small talk and weak attempts on questions of every type;
``calibration5``: private life, evasion and the news against weak attempts, for stories;
``calibration6``: answers and off-topic turns to the knowledge questions the memory lacked;
``calibration7``: weak attempts against evasions, hobbies, the news, small talk and private
life, on every question of the bank; ``calibration8``: questions put back to the interviewer
and answers meant for another question, on every question of the bank; ``calibration9``:
polite evasions and hobbies or the news against genuine attempts, on every question;
``development`` to ``development3``: questions put back, polite evasions and off-topic turns
against genuine attempts, on every question, material the rules were tuned on but kept out of
the memory): well formed, tied to real questions of their type, balanced over their questions, no answer given
twice or taken from another relevance set, and loaded as splits of their own that the fit
does not read (`relevance_set` says why)."""

from __future__ import annotations

from collections import Counter

import pytest

from agent.interviewer.bank import QUESTION_TYPES, load_bank

from relevance_set import check_balanced, check_well_formed, load_items, raw_items, said

KINDS = {
    "calibration3": ("behavioral",),
    "calibration4": QUESTION_TYPES,
    "calibration5": ("behavioral", "hr"),
    "calibration6": ("technical", "system_design", "case_study"),
    "calibration7": QUESTION_TYPES,
    "calibration8": QUESTION_TYPES,
    "calibration9": QUESTION_TYPES,
    "development": QUESTION_TYPES,
    "development2": QUESTION_TYPES,
    "development3": QUESTION_TYPES,
}
CASES = [(folder, kind) for folder, kinds in KINDS.items() for kind in kinds]
OTHERS = (
    "", "extra/", "calibration2/",
    "untouched/", "untouched2/", "untouched3/", "untouched4/", "untouched5/",
    "untouched6/", "untouched7/", "untouched8/",
)  # fmt: skip


def _items(folder: str, kind: str) -> list[dict[str, str]]:
    return raw_items(f"{folder}/{kind}.json")


@pytest.mark.parametrize(("folder", "kind"), CASES)
def test_every_item_names_a_question_of_its_type_and_a_label(folder: str, kind: str) -> None:
    check_well_formed(_items(folder, kind), kind)


@pytest.mark.parametrize(("folder", "kind"), CASES)
def test_each_question_has_turns_on_and_off_it(folder: str, kind: str) -> None:
    items = _items(folder, kind)
    if folder == "calibration8" and kind not in ("behavioral", "hr"):
        # Off-topic turns only, two of different classes per knowledge question.
        classes = Counter((item["q"], item["label"], item.get("class")) for item in items)
        assert {label for _, label, _ in classes} == {"off"}
        assert all(n == 1 for n in classes.values()) and len(classes) == len(items)
        return
    check_balanced(items, min_per_label=20, min_questions=12)
    labels = Counter((item["q"], item["label"]) for item in items)
    # calibration7 gives each knowledge question one attempt, as it asks every one of them;
    # calibration8 each story question one, beside its two off-topic turns.
    knowledge = kind not in ("behavioral", "hr")
    one_each = (folder in ("calibration7", "calibration9") and knowledge) or (
        folder in ("calibration8", "development", "development2", "development3")
    )
    least_on = 1 if one_each else 2
    assert all(labels[(q, "on")] >= least_on and labels[(q, "off")] >= 1 for q, _ in labels)


def test_the_story_set_covers_every_behavioural_question() -> None:
    stories = {q.id for q in load_bank().questions if q.type == "behavioral"}
    assert {item["q"] for item in _items("calibration3", "behavioral")} == stories


def test_no_answer_appears_twice_or_in_another_relevance_set() -> None:
    mine = [said(item["a"]) for folder, kind in CASES for item in _items(folder, kind)]
    assert [a for a, n in Counter(mine).items() if n > 1] == []
    others = {
        said(item["a"])
        for folder in OTHERS
        for kind in QUESTION_TYPES
        for item in raw_items(f"{folder}{kind}.json")
    }
    # Positions only, so a failure never prints a check set's text.
    assert [n for n, answer in enumerate(mine) if answer in others] == []


@pytest.mark.parametrize("folder", sorted(KINDS))
def test_the_loader_keeps_it_in_a_split_of_its_own_that_no_fit_reads(folder: str) -> None:
    loaded = [i for i in load_items() if i.folder == folder]
    assert len(loaded) == sum(len(_items(folder, kind)) for kind in KINDS[folder])
    if folder.startswith("development"):  # held out of the memory, yet no check set
        assert all(i.held_out and not i.untouched for i in loaded)
    else:
        assert all(i.later and not i.held_out and not i.untouched for i in loaded)
