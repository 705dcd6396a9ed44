"""Classifying what a candidate's utterance asks for."""

from __future__ import annotations

import pytest

from agent.interviewer.intents import classify


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Can you repeat the question?", "repeat"),
        ("repeat the question", "repeat"),
        ("Sorry, could you say that again?", "repeat"),
        ("What was the question?", "repeat"),
        ("Sorry?", "repeat"),
        ("skip", "skip"),
        ("Next question, please.", "skip"),
        ("Can we skip this one?", "skip"),
        ("I'd rather not answer that.", "skip"),
        ("End the interview.", "end"),
        ("stop", "end"),
        ("Stop.", "end"),
        ("I want to stop.", "end"),
        ("Let's stop here.", "end"),
        ("Could we end the interview now?", "end"),
        ("", "short"),
        ("Yes.", "short"),
        ("I'm done", "short"),
        ("I used Redis for caching.", "answer"),
        # Command words inside a real answer stay an answer.
        ("I would stop the service, drain the queue and restart it later", "answer"),
        ("I'd like to end up leading a platform team one day", "answer"),
        ("I didn't get it working at first, but then it clicked", "answer"),
        (
            (
                "First I would skip the cache for writes and then move on to reads, "
                "and after that handle the next question of consistency between regions"
            ),
            "answer",
        ),
    ],
)
def test_classify(text: str, intent: str) -> None:
    assert classify(text) == intent
