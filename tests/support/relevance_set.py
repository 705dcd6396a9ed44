"""The labelled relevance set (``tests/data/relevance``): candidate turns marked on or off topic.

Questions of each type alternate between a calibration split (what the thresholds were fitted
on, by ``tests/bench/bench_relevance.py --fit``) and a held-out split. Items with an explicit
``"split"`` keep it: ``"held_out"`` marks later material on questions of their own, written
before the calibration it tests was changed (reported apart as ``fresh``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from agent.interviewer.bank import QUESTION_TYPES, load_bank
from agent.interviewer.relevance import QuestionContext
from agent.understanding.topic import TopicQuestion

from paths import REPO

DATA = REPO / "tests" / "data" / "relevance"


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
    return items
