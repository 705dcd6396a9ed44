"""Interviewer states and finished interviews for the feedback tests.

`state_of` writes the parts of an interviewer state that feedback reads (plan, asked, turns)
for bank questions and scripted candidate turns; `finish_interview` runs a real planned
interview in text mode to its end, so the stored checkpoint has the real shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from uuid import UUID

import asyncpg
import numpy as np

from agent.interviewer.bank import load_bank
from agent.interviewer.planner import from_bank
from agent.interviewer.setup import InterviewSetup, Length
from agent.sessions.deps import SessionDeps
from agent.sessions.loader import create_planned_interview
from agent.sessions.session import InterviewSession
from agent.store.models import Interview, JsonObject
from agent.understanding.embeddings import EMBEDDING_DIM, Vectors, default_embedder

from evaluation_samples import PAIRS, Pair

# One pair of each question type: five questions, strong and weak answers to each.
MIXED: tuple[Pair, ...] = tuple(pairs[0] for pairs in PAIRS.values())

TurnData = dict[str, object]


class CachedEmbedder:
    """The real MiniLM embedder, each distinct text embedded once per test session: the
    same answers and reference points recur across tests, and embedding is the slow part."""

    def __init__(self) -> None:
        self._rows: dict[str, Vectors] = {}

    def embed(self, texts: Sequence[str]) -> Vectors:
        missing = [t for t in dict.fromkeys(texts) if t not in self._rows]
        if missing:
            for text, row in zip(missing, default_embedder().embed(missing), strict=True):
                self._rows[text] = row
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        return np.stack([self._rows[t] for t in texts])


@cache
def embedder() -> CachedEmbedder:
    return CachedEmbedder()


def turn(speaker: str, text: str, question_id: str | None, **extra: object) -> TurnData:
    return {"speaker": speaker, "text": text, "question_id": question_id, **extra}


def state_of(answers: Sequence[tuple[str, Sequence[str | TurnData]]]) -> JsonObject:
    """A state in which each (question id, candidate turns) was asked and answered in order;
    a turn given as a dict is used as it is (to carry ``delivery``)."""
    bank = load_bank()
    plan = [from_bank(bank.by_id(qid), "mid") for qid, _ in answers]
    turns: list[TurnData] = [turn("interviewer", "Hello, let's begin.", None)]
    for qid, said in answers:
        turns.append(turn("interviewer", bank.by_id(qid).text, qid))
        for item in said:
            turns.append(item if isinstance(item, dict) else turn("candidate", item, qid))
            turns.append(turn("interviewer", "Thank you.", qid))
    state = {"plan": plan, "asked": [qid for qid, _ in answers], "turns": turns}
    return state  # type: ignore[return-value]


def strong_state() -> JsonObject:
    return state_of([(p.question_id, [p.strong]) for p in MIXED])


def weak_state() -> JsonObject:
    return state_of([(p.question_id, [p.weak]) for p in MIXED])


SETUP = InterviewSetup(
    role="backend_engineer", level="mid", interview_type="technical", length=Length(value=2)
)
# Answers good enough to move the interview on, whatever the two questions are.
ANSWERS = (
    "In my last role I owned this end to end. I measured the problem first, compared two "
    "designs and their trade-offs, shipped the simpler one behind a feature flag, and the p99 "
    "latency dropped from 800 to 120 milliseconds, which we tracked on a dashboard.",
    "I would start from the requirements and the data, pick the simplest design that meets "
    "them, and measure it in production with alerts on errors and latency.",
)


async def finish_interview(pool: asyncpg.Pool, owner_id: UUID, *, seed: int = 7) -> Interview:
    """A planned two-question interview, answered and ended in text mode (status completed)."""
    interview = await create_planned_interview(pool, owner_id=owner_id, setup=SETUP, seed=seed)
    session = InterviewSession(interview.id, SessionDeps(pool=pool))
    await session.open_text()
    for text in ["can you repeat the question", *ANSWERS * 4, "end the interview"]:
        if (await session.message(text)).finished:
            return interview
    raise AssertionError("the interview did not finish")
