"""The labelled relevance set (``tests/data/relevance``): candidate turns marked on or off topic.

Questions of each type alternate between a calibration split (what the thresholds were fitted
on, by ``tests/bench/bench_relevance.py --fit``) and a held-out split. Items with an explicit
``"split"`` keep it: ``"held_out"`` marks later material on questions of their own, written
before the calibration it tests was changed (reported apart as ``fresh``).

``untouched/<type>.json``, where present, is a check set written without sight of the classifier
or its results and never used to fit or tune anything: its items are ``untouched`` (and held out,
so no fit reads them), reported apart in the benchmark and kept out of any test's floor.
``calibration2/<type>.json`` is calibration material written on 2026-12-04 (varied on-topic
answers, weak ones included; chat about the job, private life in the question's words, evasions
worded as answers, answers to another question), on questions ``untouched2`` does not ask. Its
items are reported as ``calib2`` and, like ``extra``, not read by the fit yet: with the present
features, fitting on them moved the threshold so that more off-topic turns were redirected and
fewer on-topic answers kept (held-out about 93 % -> 87 % kept), which breaks the rule that a weak
answer is kept.

``untouched2/<type>.json`` is a second such check set (2026-12-04), written before the features
it checks were changed, on questions no other set asks; loaded the same way, its own split.
``untouched3/<type>.json`` is a third (2026-12-06), written by a helper session that saw only
the questions, before the question-field reading (`agent.understanding.field`) existed; its
stories reuse questions of other sets (every behavioural and HR question is asked somewhere),
its answers are all new. Loaded the same way, its own split.
``untouched4/`` (behavioural and HR only) is a fourth (2026-12-06), written the same way before
the story themes (`agent.understanding.story_themes`) were checked against it.

``untouched5/`` (behavioural and HR only) is a fifth (2026-12-06), written the same way before
the answer memory (`agent.understanding.answer_memory`) was measured on it: per question one
on-topic answer and one off-topic turn, the off-topic ones spread evenly over six classes
(a story for another question, private life in the question's words, small talk, polite
evasion, a question back or about logistics, a hobby or the news on the question's theme),
each named in its ``class`` key so the benchmark prints them apart.

``untouched6/`` (all five types) is a sixth (2026-12-06), written the same way before the
answer register (`agent.understanding.answer_register`) was measured on it, on 100 questions
drawn at random: per question one on-topic answer and one off-topic turn, classed like
``untouched5``'s.

``untouched7/`` (all five types) is a seventh (2026-12-06), written the same way before the
questions put back to the interviewer (`agent.interviewer.intents.asks_back`) and the turns
that tell no story (`agent.understanding.no_story`) were measured on it, on 100 other
questions drawn at random, classed like ``untouched5``'s.

``untouched8/`` (all five types) is an eighth (2026-12-07), written the same way before the
substance reading (`agent.understanding.substance`) and ``calibration9`` were measured on it,
on 100 questions drawn at random among those ``untouched6`` and ``untouched7`` do not ask,
classed like ``untouched5``'s.

``calibration3/behavioral.json`` (2026-12-06) is calibration material for the story themes,
written by a helper session that saw only the questions: per behavioural question two answers
to it (one concrete, one weak) and two fluent stories meant for another question. Its items
are ``calib3``, not read by the fit, like ``calibration2``.

``calibration4/<type>.json`` (2026-12-06) is calibration material written the same way, on 60
questions of all types: per question two off-topic turns (evasions worded as answers, small
talk and questions about the interview, private life in the question's words, flattery) and
two weak but genuine attempts. Its items are ``calib4``, not read by the fit.

``calibration5/`` (behavioural and HR, 2026-12-06) is calibration material for the answer
memory, written the same way: per question two weak but genuine attempts and two off-topic
turns (private life or a hobby in the question's words, polite evasion worded as an answer,
the news or a trend on the question's theme), named in a ``class`` key. Its items are
``calib5``, not read by the fit.

``calibration6/`` (technical, system design and case study, 2026-12-06) is calibration
material for the answer memory, written the same way on the knowledge questions it had fewer
than two answers to: per question a solid and a weak on-topic answer and one off-topic turn
(an answer to another question, small talk, evasion, a question back, private life). Its items
are ``calib6``, not read by the fit.

``calibration7/`` (all five types, 2026-12-06) is calibration material for the answer
register (`agent.understanding.answer_register`), written the same way on every question of
the bank: per story question a weak and a plain attempt, a polite evasion worded as an
answer, and a hobby, the news or private life on its theme; per knowledge question one
attempt (weak or ordinary) and one off-topic turn (evasion, a hobby or the news, small talk,
private life); about a third lowercase and unpunctuated, as the recogniser gives them. Its
items are ``calib7``, not read by the fit.

``calibration8/`` (all five types, 2026-12-06) is calibration material on every question of
the bank for the classes the memory had not heard: per question a question put back to the
interviewer and a fluent answer meant for another question, and per story question a genuine
attempt that asks a clarifying or checking question; about a third lowercase and unpunctuated.
Its knowledge questions have off-topic turns only. Its items are ``calib8``, not read by the
fit.

``calibration9/`` (all five types, 2026-12-07) is calibration material on every question of
the bank for the two classes the live interviewer redirected least (polite evasion worded as an
answer; a hobby, a show or the news on the question's theme), written the same way: per
question one of each, with per story question a weak and a plain genuine attempt and per
knowledge question a weak or ordinary one. About a third lowercase and unpunctuated. Its items
are ``calib9``, not read by the fit.

``development/`` and ``development2/`` (all five types, 2026-12-07) are development material
the offline rules were tuned on, written the same way, and kept out of the answer memory and
every fit (held out, not check sets): ``development`` per question a question put back to
the interviewer beside a genuine attempt that asks a clarifying or checking question, and on
the story questions an off-topic story (a hobby or the news, an answer meant for another
question, private life, a polite evasion) beside a genuine attempt; ``development2`` per
question an off-topic turn (a hobby, a show, a match or the news; an answer meant for another
question; private life; small talk) beside a genuine attempt, on every story question and 90
knowledge questions. Remembered, they moved the check sets by one or two turns either way
and cost a tuned turn set a real answer, so the memory stays as it was. ``development3``
(2026-12-07, the same way) per question a polite evasion worded as an answer, a question put
back, an answer meant for another question (for knowledge questions a neighbouring topic of
the same field) or a hobby or the news told with work words, in rotation, beside a genuine
attempt (one that also asks something beside a question put back), on every story question
and 100 knowledge questions the other two do not ask.

``extra/<type>.json``, where present, is later material written as calibration (on 2026-12-03,
without sight of the classifier or the other sets, weighted towards the hardest off-topic
turns: fluent answers to another question, the question's words in another sense). Its items
are ``extra``: reported as their own split and not read by the fit. Fitted with them, the
topic model traded on-topic answers kept for off-topic ones redirected on the untouched set
(92 % -> 81 % kept, 77 % -> 87 % redirected), no better on balance: the features (MiniLM
closeness and word overlap) do not separate these classes, so they wait for features that do.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from agent.interviewer.bank import QUESTION_TYPES, load_bank
from agent.interviewer.relevance import QuestionContext
from agent.understanding.answer_memory import Remembered
from agent.understanding.topic import TopicQuestion

from paths import REPO

DATA = REPO / "tests" / "data" / "relevance"
LATER_FOLDERS = tuple(f"calibration{n}" for n in range(2, 10))
"""Calibration material written after the first set, in the order it is loaded; the fit does
not read it (`Item.later`)."""
DEV_FOLDERS = ("development", "development2", "development3")
"""Development material the rules were tuned on: held out of the memory and every fit."""
CHECK_FOLDERS = ("untouched", *(f"untouched{n}" for n in range(2, 9)))
"""The check sets, in the order they are loaded: held out, never fitted on or remembered."""


@dataclass(frozen=True)
class Item:
    kind: str
    question_id: str
    follow_up: str | None
    answer: str
    on: bool
    held_out: bool
    fresh: bool = False
    """Held out and written later, on questions the first set never asked."""
    untouched: bool = False
    """From ``untouched/``: a check set never used to fit or tune anything."""
    extra: bool = False
    """From ``extra/``: material for a later fit, not in the current one."""
    off_class: str = ""
    """For an off-topic turn of a set that names them (``untouched5`` to ``untouched7``,
    ``calibration5``, ``calibration7``), its
    class ("private_life", "evasion", "small_talk", ...); else ``""``."""
    folder: str = ""
    """The folder the item comes from (``extra``, ``calibration2``, ``untouched``,
    ``untouched2``, ``untouched3``), or ``""`` for the first set."""

    @property
    def later(self) -> bool:
        """Material written for a later fit (``extra``, ``calibration2``): not fitted on yet."""
        return self.extra or self.folder in LATER_FOLDERS

    def topic_question(self) -> TopicQuestion:
        q = load_bank().by_id(self.question_id)
        text = f"{q.text} {self.follow_up}" if self.follow_up else q.text
        return TopicQuestion(text, q.type, q.reference_points, self.follow_up)

    def context(self) -> QuestionContext:
        q = load_bank().by_id(self.question_id)
        text = f"{q.text} {self.follow_up}" if self.follow_up else q.text
        return QuestionContext(text, q.type, q.reference_points, q.topics, follow_up=self.follow_up)


def load_items() -> list[Item]:
    items: list[Item] = []
    for kind in QUESTION_TYPES:
        raw = json.loads((DATA / f"{kind}.json").read_text())["items"]
        order = list(dict.fromkeys(it["q"] for it in raw))
        for it in raw:
            split = it.get("split")
            held_out = split == "held_out" if split else order.index(it["q"]) % 2 == 1
            on = it["label"] == "on"
            fresh = split == "held_out"
            items.append(Item(kind, it["q"], it.get("follow_up"), it["a"], on, held_out, fresh))
        for folder in ("extra", *LATER_FOLDERS):
            items.extend(_folder_items(kind, folder))
        for folder in DEV_FOLDERS:
            items.extend(_folder_items(kind, folder, held_out=True))
        for folder in CHECK_FOLDERS:
            items.extend(_folder_items(kind, folder, held_out=True, untouched=True))
    return items


def remembered_items(items: list[Item]) -> list[Remembered]:
    """What the answer memory (`agent.understanding.answer_memory`) holds: the calibration
    material's answers to main questions (none held out, none from a check set, no reply
    to a follow-up), in the set's order."""
    bank = load_bank()
    return [
        Remembered(bank.by_id(i.question_id).text, i.kind, i.answer, i.on)
        for i in _in_memory(items)
    ]


def _in_memory(items: list[Item]) -> list[Item]:
    return [i for i in items if not i.held_out and i.follow_up is None]


def register_rows(items: list[Item]) -> npt.NDArray[np.bool_]:
    """Per row of the answer memory (`remembered_items`), whether the answer register is
    fitted on it: all but the fluent answers meant for another question (class
    ``another_question``), which sound like answers, as the register asks, though not to
    the question they were given to."""
    return np.array([i.on or i.off_class != "another_question" for i in _in_memory(items)])


def substance_rows(items: list[Item]) -> npt.NDArray[np.bool_]:
    """Per row of the answer memory (`remembered_items`), whether the substance reading
    (`agent.understanding.substance`) is fitted on it: on-topic answers, and the off-topic
    turns named polite evasions (class ``evasion``), which talk around the subject."""
    return np.array([i.on or i.off_class == "evasion" for i in _in_memory(items)])


def _folder_items(
    kind: str, folder: str, *, held_out: bool = False, untouched: bool = False
) -> list[Item]:
    """The items of one interview type in ``folder`` (``extra``, ``calibration2``, ``untouched``,
    ``untouched2``, ``untouched3``); empty where it has no file. Untouched items are held out; extra and
    calibration2 items are splits of their own (`Item.later`)."""
    path = DATA / folder / f"{kind}.json"
    if not path.exists():
        return []
    raw = json.loads(path.read_text())["items"]
    return [
        Item(kind, it["q"], it.get("follow_up"), it["a"], it["label"] == "on", held_out=held_out,
             untouched=untouched, extra=folder == "extra", off_class=it.get("class", ""),
             folder=folder)
        for it in raw
    ]  # fmt: skip


def raw_items(path_name: str) -> list[dict[str, Any]]:
    """The items of one file under ``DATA`` as written; empty where there is no such file."""
    path = DATA / path_name
    if not path.exists():
        return []
    items: list[dict[str, Any]] = json.loads(path.read_text())["items"]
    return items


def said(answer: str) -> str:
    """An answer as heard: case, spacing and end punctuation do not make it new."""
    return re.sub(r"\s+", " ", answer.lower()).strip(" .?!")


def check_well_formed(items: list[dict[str, Any]], kind: str) -> None:
    """Each item names a question of ``kind`` in the bank (and one of its follow-ups, if any),
    a label and an answer, and nothing else."""
    bank = {q.id: q for q in load_bank().questions}
    for item in items:
        assert set(item) <= {"q", "label", "a", "follow_up", "class"}, item
        assert "class" not in item or item["label"] == "off", item
        question = bank.get(item["q"])
        assert question is not None, item["q"]
        assert question.type == kind, item["q"]
        assert item["label"] in ("on", "off"), item
        assert item["a"].strip(), item
        if "follow_up" in item:
            assert item["follow_up"] in question.follow_ups, item


def check_balanced(items: list[dict[str, Any]], min_per_label: int, min_questions: int) -> None:
    """At least ``min_per_label`` items of each label, over at least ``min_questions``."""
    labels = Counter(item["label"] for item in items)
    assert labels["on"] >= min_per_label and labels["off"] >= min_per_label, labels
    assert len({item["q"] for item in items}) >= min_questions
