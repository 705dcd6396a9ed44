"""A question the candidate asks to come back to is asked again at the end, time allowing,
and said to be that one; it keeps its place in the count, and is put off only once."""

from __future__ import annotations

import pytest

from agent.evaluation.interview import answers_of
from agent.interviewer.intents import asks_to_defer, command
from agent.interviewer.interviewer import Interviewer
from agent.interviewer.setup import InterviewSetup, Length
from agent.interviewer.state import check_version

from opened_interview import move, opened

PUT_OFF = [
    "Can we come back to this one later? I need to think about it.",
    "Could we revisit that at the end, please?",
    "Can I come back to this one?",
    "Let's skip it for now.",
    "Could we maybe get back to that after the others?",
    "Can we come back to this one? I need a minute.",
    "I'd like to leave this for later if that's okay.",
]
NOT_PUT_OFF = [
    "Skip it, please.",
    "Next question.",
    "I'll come back to that, but first the database itself was slow.",
    "I had to come back to it later that week and fix the index.",
    "We decided to leave it for later and shipped the simpler fix first, which cut errors by half.",
]
ANSWER = (
    "I'd turn on the slow query log, run explain analyze on the worst query, add a composite "
    "index on the filter columns and compare p95 before and after."
)
ANOTHER = (
    "SQL databases have schemas, joins and transactions; document stores trade joins for "
    "flexible documents and horizontal scale. I'd choose by the access patterns."
)


@pytest.mark.parametrize("text", PUT_OFF)
def test_asking_to_come_back_is_read_as_putting_off(text: str) -> None:
    assert asks_to_defer(text) and command(text) == "skip"


@pytest.mark.parametrize("text", NOT_PUT_OFF)
def test_skipping_and_answers_that_mention_later_are_not(text: str) -> None:
    assert not asks_to_defer(text)


def _through(iv: Interviewer, question_id: str) -> None:
    """Answers and wraps up main questions until ``question_id`` is being asked."""
    for _ in range(12):
        if iv.questions[iv.question_index]["id"] == question_id:
            return
        iv.reply(ANOTHER)
        if not iv.finished and move(iv) == "follow_up":
            iv.reply("That's all I have.")
    raise AssertionError(f"{question_id} was not asked again")


def test_a_question_put_off_comes_back_after_the_others_and_keeps_the_count() -> None:
    iv = opened(Length(value=3))
    first = iv.questions[0]["id"]
    reply = iv.reply(PUT_OFF[0])
    assert move(iv) == "defer" and "come back" in reply
    assert iv.question_index == 0 and iv.questions[0]["id"] != first  # a new question in its place
    indexes = [iv.question_index]
    for _ in range(8):
        if move(iv) == "come_back":
            break
        iv.reply(ANOTHER)
        indexes.append(iv.question_index)
    assert move(iv) == "come_back"
    assert "come back to" in iv.last_directive.offline_text
    assert iv.questions[iv.question_index]["id"] == first
    assert iv.question_index == 2 and indexes == sorted(indexes)  # question 3 of 3, in order
    iv.reply(ANSWER)
    if move(iv) == "follow_up":
        iv.reply("That's all I have.")
    assert iv.finished and iv.snapshot()["close_reason"] == "completed"
    ids = [q["id"] for q in iv.questions]
    assert len(ids) == len(set(ids)) == 3 and ids[-1] == first
    answered = {a.question.id: a.text for a in answers_of(iv.snapshot())}
    assert ANSWER in answered[first]


def test_a_question_put_off_twice_is_skipped() -> None:
    iv = opened(Length(value=2))
    first = iv.questions[0]["id"]
    iv.reply(PUT_OFF[2])
    iv.reply(ANOTHER)
    if move(iv) == "follow_up":
        iv.reply("That's all I have.")
    assert move(iv) == "come_back" and iv.questions[iv.question_index]["id"] == first
    iv.reply(PUT_OFF[3])
    assert iv.finished and move(iv) == "close"
    assert iv.snapshot()["close_reason"] == "completed"


def test_the_last_question_is_not_put_off_with_nothing_before_it() -> None:
    iv = opened(Length(value=1))
    reply = iv.reply(PUT_OFF[1])
    assert move(iv) == "encourage" and not iv.finished and iv.question_index == 0
    assert "last one" in reply and "skip" in reply
    assert iv.snapshot().get("deferred", []) == []


def test_a_question_still_waiting_when_the_interview_ends_is_reported_unanswered() -> None:
    iv = opened(Length(value=3))
    first = iv.questions[0]["id"]
    iv.reply(PUT_OFF[0])
    iv.reply("Let's end the interview here.")
    assert iv.finished
    answers = {a.question.id: a.text for a in answers_of(iv.snapshot())}
    assert first in answers and answers[first] == ""
    assert len(answers) == 2


def test_with_a_clock_it_comes_back_while_there_is_time_for_one_more() -> None:
    setup = InterviewSetup.model_validate(
        {"role": "backend_engineer", "level": "mid", "interview_type": "technical",
         "length": {"value": 10, "unit": "minutes"}}
    )  # fmt: skip
    iv = Interviewer.create(setup, seed=3)
    iv.reply(None, elapsed_s=0.0)
    first = iv.questions[0]["id"]
    iv.reply(PUT_OFF[0], elapsed_s=30.0)
    assert move(iv) == "defer"
    elapsed = 30.0
    while not iv.finished and move(iv) != "come_back":
        elapsed += 60.0
        iv.reply("Next question, please.", elapsed_s=elapsed)
    assert move(iv) == "come_back"
    assert iv.questions[iv.question_index]["id"] == first
    assert 60.0 <= 600.0 - elapsed <= 180.0  # near the end, with time left to answer it


def test_a_state_saved_before_putting_off_existed_still_loads() -> None:
    iv = opened()
    state = iv.snapshot()
    state.pop("deferred", None)
    iv.restore(check_version(state))
    iv.reply(PUT_OFF[0])
    assert move(iv) == "defer"
