"""The specific parts of an answer are found however the story is told: the candidate's own
part by any past tense after "I" (not by a wish or a state), a real situation by a month, by
someone in the story doing something once, or by what they had to do."""

from __future__ import annotations

import pytest

from agent.understanding.specifics import read_specifics

QUESTION = "Tell me about a time you had to deal with a hard problem."


@pytest.mark.parametrize(
    "answer",
    [
        "I handed the retraining to a new analyst before my leave.",
        "A colleague wanted admin access for everyone. I objected and proposed read only access.",
        "I got them in a room and we wrote down who decides what.",
        "So I showed her the list of components it touched.",
        "I made a small form for the staff to fill in.",
    ],
)
def test_the_candidates_own_part_is_found_in_any_past_tense(answer: str) -> None:
    assert "own_part" in read_specifics(answer, QUESTION).found


@pytest.mark.parametrize(
    "answer",
    [
        "I wanted to help but I used to be shy.",
        "I need more time to think about this.",
        "I always try to help people on my team.",
        "We fixed it as a team in the end.",
    ],
)
def test_a_wish_a_state_or_the_team_is_not_the_candidates_own_part(answer: str) -> None:
    assert "own_part" not in read_specifics(answer, QUESTION).found


@pytest.mark.parametrize(
    "answer",
    [
        "I took the reconciliation over in March and traced the mismatch.",
        "Our monthly revenue report was broken for ages and everyone avoided it.",
        "Two leads kept fighting over who owned the checkout flow.",
        "A teammate wanted to store everything in one JSON column.",
        "We had to pick a message broker before the load tests were ready.",
    ],
)
def test_a_real_situation_is_found_without_a_date(answer: str) -> None:
    assert "situation" in read_specifics(answer, QUESTION).found


@pytest.mark.parametrize(
    "answer",
    [
        "In general our team was good at handling conflict.",
        "I usually talk to people directly, it's important to listen.",
        "Communication is key, and I believe in being open.",
    ],
)
def test_talk_of_how_one_usually_is_is_no_situation(answer: str) -> None:
    assert "situation" not in read_specifics(answer, QUESTION).found
