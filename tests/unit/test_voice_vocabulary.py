"""Technical terms the recogniser split or spelled out are put back together."""

from __future__ import annotations

import pytest

from agent.interviewer import Interviewer
from agent.voice.vocabulary import hotwords, join_split_terms


@pytest.mark.parametrize(
    ("heard", "expected"),
    [
        ("we used post gres for the data", "we used PostgreSQL for the data"),
        ("it ran on kuber netes in production", "it ran on Kubernetes in production"),
        ("the POSTGR-ESQL database", "the PostgreSQL database"),
        ("written in type script", "written in TypeScript"),
        ("a cache in front of it", "a cache in front of it"),
        ("I talked to the product manager", "I talked to the product manager"),
    ],
)
def test_split_terms_are_joined(heard: str, expected: str) -> None:
    assert join_split_terms(heard) == expected


def test_hotwords_come_from_the_interview() -> None:
    interviewer = Interviewer("backend_engineer", "mid", "technical", seed=5)
    interviewer.reply(None)
    words = hotwords(interviewer)
    assert len(words.split(", ")) <= 16
    question = interviewer.questions[interviewer.question_index]["text"].lower()
    assert all(term.lower() in question for term in words.split(", ") if term) or not words
