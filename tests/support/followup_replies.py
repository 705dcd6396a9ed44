"""The labelled replies to a follow-up (``tests/data/followup_replies/<set>.json``), read as
the live interviewer reads them: with the follow-up and the candidate's earlier answer."""

from __future__ import annotations

import json
from dataclasses import dataclass

from agent.interviewer.analysis import AnswerKind, assess
from agent.interviewer.bank import load_bank
from agent.interviewer.relevance import QuestionContext

from paths import REPO

SETS = REPO / "tests" / "data" / "followup_replies"
ANSWER_KINDS: frozenset[AnswerKind] = frozenset({"answered", "partial", "vague", "too_short"})


@dataclass(frozen=True, slots=True)
class Reply:
    question_id: str
    text: str
    on: bool
    """Labelled as going on with the question or the earlier answer."""
    kind: AnswerKind
    """What the live interviewer's reading makes of it."""

    @property
    def handled(self) -> bool:
        """An ``on`` reply kept as an answer, an ``off`` reply not taken as one."""
        return (self.kind in ANSWER_KINDS) == self.on


def read_replies(name: str) -> list[Reply]:
    """Every reply of the set, with the kind the interviewer gives it. Blocking (MiniLM)."""
    bank = load_bank()
    out: list[Reply] = []
    for item in json.loads((SETS / f"{name}.json").read_text())["items"]:
        q = bank.by_id(item["q"])
        pending = item["follow_up"]
        ctx = QuestionContext(
            f"{q.text} {pending}", q.type, q.reference_points, q.topics, follow_up=pending
        )
        for label in ("on", "off"):
            for text in item[label]:
                kind = assess(text, ctx, earlier=item["earlier"]).kind
                out.append(Reply(q.id, text, label == "on", kind))
    return out
