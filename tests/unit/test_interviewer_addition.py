"""More on the previous question, said right after the next one was asked, is thanked and
kept with the answer it adds to; the new question is then asked again. Chat is still sent
back, and an answer to the new question is an answer."""

from __future__ import annotations

from agent.evaluation.interview import answers_of
from agent.interviewer.interviewer import Interviewer
from agent.interviewer.setup import InterviewSetup, Length

from opened_interview import move

FIRST_ANSWER = (
    "Leakage is when information from the future or from the target sneaks into the features, "
    "so the model looks great offline and fails in production. I guard against it by splitting "
    "by time, fitting preprocessing only on the training fold, and checking feature importances "
    "for anything suspiciously predictive."
)
ADDITION = (
    "Once we had a churn model where a feature was the number of support tickets in the last 30 "
    "days, but it was computed after the churn date, so the offline score was far too good."
)


def _after_first_answer() -> Interviewer:
    setup = InterviewSetup.model_validate(
        {"role": "data_scientist", "level": "mid", "interview_type": "technical",
         "length": Length(value=3)}
    )  # fmt: skip
    iv = Interviewer.create(setup, seed=3)
    iv.reply(None)
    assert "leakage" in iv.questions[0]["text"].lower()
    iv.reply(FIRST_ANSWER)
    assert len(iv.questions) == 2, "the strong answer moves on"
    return iv


def test_more_on_the_previous_question_is_thanked_and_kept_with_it() -> None:
    iv = _after_first_answer()
    first, second = iv.questions
    reply = iv.reply(ADDITION)
    assert move(iv) == "addition"
    assert reply.endswith(second["text"]) and "thank" in reply.lower()
    assert iv.turns[-2]["question_id"] == first["id"]
    answers = {a.question.id: a.text for a in answers_of(dict(iv.snapshot()))}
    assert ADDITION in answers[first["id"]] and ADDITION not in answers.get(second["id"], "")


def test_chat_after_a_new_question_is_still_sent_back() -> None:
    iv = _after_first_answer()
    iv.reply("By the way, I watched a great football match yesterday, what a game.")
    assert move(iv) != "addition"


def test_an_answer_to_the_new_question_is_an_answer() -> None:
    iv = _after_first_answer()
    iv.reply(
        "I'd show one real customer and the three features that pushed their prediction, using "
        "SHAP values, and say it in business terms rather than model terms."
    )
    assert move(iv) not in ("addition", "redirect")


def test_the_same_words_again_add_nothing() -> None:
    iv = _after_first_answer()
    iv.reply(FIRST_ANSWER)
    assert move(iv) != "addition"
    assert all(t["question_id"] == iv.questions[1]["id"] for t in iv.turns[-2:])
