"""Praise of the interviewer or their company instead of an answer is steered back to the
interview, however kind; where the question asks about the employer, praise of it answers."""

from __future__ import annotations

import pytest

from agent.interviewer.intents import praises_the_interviewer
from agent.interviewer.interviewer import Interviewer
from agent.interviewer.setup import InterviewSetup, Length

PRAISE = [
    "You must be a really thorough reviewer, I can tell from how precise your questions are.",
    "Honestly you seem like a manager people would trust straight away.",
    "I really like your office by the way, the plants are great.",
    "You clearly know this area very well yourself, that's impressive.",
]
NOT_PRAISE = [
    # An answer that mentions the interviewer in passing.
    "Like you said, the list changes all the time, so I'd page with a cursor on the id and "
    "return the next cursor with each page instead of an offset.",
    # Generic "you", no praise of anyone.
    "You just go with your gut and make it easy to undo later.",
    # Praise of someone else.
    "My manager was great at this, she always gave feedback the same day.",
]


@pytest.mark.parametrize("text", PRAISE)
def test_praise_of_the_interviewer_is_read_as_such(text: str) -> None:
    assert praises_the_interviewer(text, "How would you design pagination for a large list?")


@pytest.mark.parametrize("text", NOT_PRAISE)
def test_answers_that_mention_them_are_not(text: str) -> None:
    assert not praises_the_interviewer(text, "How would you design pagination for a large list?")


def test_praise_of_the_employer_answers_a_question_about_the_employer() -> None:
    text = "Your team seems great and your product is impressive, I'd love to build it with you."
    assert praises_the_interviewer(
        text, "Describe a decision you made with incomplete information."
    )
    assert not praises_the_interviewer(text, "Why are you interested in this role?")


@pytest.mark.parametrize("interview_type", ["technical", "behavioral"])
def test_the_interviewer_steers_back_to_the_interview(interview_type: str) -> None:
    setup = InterviewSetup.model_validate(
        {"role": "backend_engineer", "level": "mid", "interview_type": interview_type,
         "length": Length(value=4)}
    )  # fmt: skip
    iv = Interviewer.create(setup, seed=5)
    iv.reply(None)
    question = iv.questions[0]["text"]
    reply = iv.reply(PRAISE[0])
    assert iv.last_directive.move == "steer_back"
    assert question in reply and "different question" not in reply


def test_a_question_about_a_manager_of_their_own_still_wants_an_answer() -> None:
    question = "Tell me about a time you had to earn the trust of a new team or a new manager."
    assert praises_the_interviewer("Honestly you seem like a manager people would trust.", question)
    assert not praises_the_interviewer(
        "Someone like you seems great, supportive and honest.",
        "What are you looking for in a manager?",
    )
