"""An offline interview already opened, for scripted candidates: backend engineer, mid level,
technical, four questions, seed 3 (its first question asks how to find and fix a slow
database query in production)."""

from __future__ import annotations

from agent.interviewer.interviewer import Interviewer
from agent.interviewer.setup import InterviewSetup, Length

NOT_AN_ANSWER = frozenset(
    {
        "inform",
        "offer_guess",
        "offer_example",
        "clarify",
        "encourage",
        "skip",
        "defer",
        "steer_back",
        "redirect",
        "slower",
        "faster",
    }
)
"""The moves for turns that are not answers: a real answer must get none of them."""
ANSWER = (
    "I'd turn on the slow query log, run explain analyze on the worst query and add the index "
    "it is missing."
)
"""A short good answer to the first question."""


def opened(length: Length | None = None) -> Interviewer:
    setup = InterviewSetup.model_validate(
        {"role": "backend_engineer", "level": "mid", "interview_type": "technical",
         "length": length or Length(value=4)}
    )  # fmt: skip
    iv = Interviewer.create(setup, seed=3)
    iv.reply(None)
    return iv


def move(iv: Interviewer) -> str:
    """The move of the latest reply (a function, so that each reply's move is read anew)."""
    return iv.last_directive.move


def first_move(turn: str) -> str:
    """The interviewer's move when ``turn`` is the candidate's first reply."""
    iv = opened()
    iv.reply(turn)
    return move(iv)
