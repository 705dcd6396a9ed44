"""Not knowing because someone else always did it ("we had a DBA for that") is a reason, not
an answer: the candidate is offered a guess or moving on, and is not probed on the DBA. An
answer that says what they did themselves besides is still an answer."""

from __future__ import annotations

import pytest

from agent.interviewer.intents import left_to_others

from opened_interview import move, opened

NOT_THEIRS = [
    "um no idea to be honest, we always had a DBA who handled that stuff",
    "honestly I don't know, another team owned the database",
    "no clue, our ops guys always took care of that",
    "I haven't done that, seniors handled production issues",
    "I've never done it myself, someone else always fixed the slow queries",
    "I don't know, in my internship the senior engineers did all the database work",
]
THEIR_OWN = [
    "I'd check the slow query log; our DBA handled indexes but I ran explain myself and added one.",
    "Another team owned the database, so I added tracing on our side and found an N+1 query.",
]


@pytest.mark.parametrize("text", NOT_THEIRS)
def test_not_knowing_because_others_did_it_is_offered_a_guess(text: str) -> None:
    iv = opened()
    iv.reply(text)
    assert left_to_others(text) and move(iv) == "offer_guess"


@pytest.mark.parametrize("text", THEIR_OWN)
def test_an_answer_that_mentions_others_is_still_an_answer(text: str) -> None:
    iv = opened()
    iv.reply(text)
    assert move(iv) not in ("offer_guess", "encourage", "redirect")
