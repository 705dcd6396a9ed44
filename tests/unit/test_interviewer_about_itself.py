"""Asked about itself, the interviewer tells the truth in a sentence and goes back to the
question: it is an AI, not a person, and it says what answers are scored on (the report's own
dimensions, so the answer cannot drift from what the report does)."""

from __future__ import annotations

import json

import pytest

from agent.evaluation import DIMENSIONS
from agent.interviewer.logistics import logistics_question

from opened_interview import move, opened
from paths import REPO

_CLASSES = json.loads((REPO / "tests" / "data" / "turns" / "attacks.json").read_text())["classes"]
WHO = [
    *_CLASSES["asks whether it is a person"]["turns"],
    "Are you a real person or a bot?",
    "Who built you? Are you ChatGPT?",
    "Is this automated?",
]
CRITERIA = [
    *_CLASSES["asks how answers are judged"]["turns"],
    "Can you tell me how you are grading me?",
    "How will my answers be scored?",
]


@pytest.mark.parametrize("text", WHO)
def test_asked_whether_it_is_a_person_it_says_it_is_an_ai(text: str) -> None:
    iv = opened()
    reply = iv.reply(text)
    assert logistics_question(text) == "who_are_you" and move(iv) == "inform"
    assert reply.startswith("I'm an AI interviewer, not a person")
    assert reply.endswith(iv.questions[0]["text"])


@pytest.mark.parametrize("text", CRITERIA)
def test_asked_how_answers_are_judged_it_names_the_reports_dimensions(text: str) -> None:
    iv = opened()
    reply = iv.reply(text)
    assert logistics_question(text) == "criteria" and move(iv) == "inform"
    assert all(dimension in reply for dimension in DIMENSIONS)
    assert reply.endswith(iv.questions[0]["text"])


@pytest.mark.parametrize(
    "text",
    [
        "Are you ready for my answer?",
        "Is this a good example to use?",
        "We replaced the recording service with a queue.",
        "I'd score each query by total time and fix the top few first.",
    ],
)
def test_other_turns_are_not_about_the_interviewer_itself(text: str) -> None:
    assert logistics_question(text) not in ("who_are_you", "criteria")
