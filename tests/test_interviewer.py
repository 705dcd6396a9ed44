"""The Interviewer in text mode: one reply per candidate turn, spoken-friendly."""

from __future__ import annotations

import re

import pytest

from agent.interviewer.bank import SPOKEN_FORBIDDEN
from agent.interviewer.interviewer import Interviewer

ANSWERS = [
    "I would start by checking the slow query log, then run explain and add an index.",
    "In my last team we used Redis as a cache in front of Postgres with a short expiry.",
    "We had a production incident once and I coordinated the rollback with the on call engineer.",
    "I would split the service along domain boundaries and move the data ownership with it.",
    "I usually write unit tests first and then a couple of end to end tests for the main flow.",
]
EVALUATIVE = re.compile(
    r"\b(great|excellent|perfect|wrong|incorrect|correct|score|good answer|bad|impressive)\b",
    re.IGNORECASE,
)


def _question_texts(iv: Interviewer) -> list[str]:
    return [q["text"] for q in iv.questions]


def _spoken_ok(text: str) -> None:
    assert not SPOKEN_FORBIDDEN.intersection(text), text
    assert "->" not in text and "\n" not in text, text


def test_opening_greets_explains_and_asks_the_first_question() -> None:
    iv = Interviewer("backend_engineer", "junior", "technical", seed=1)
    opening = iv.reply(None)
    first = _question_texts(iv)[0]
    assert opening.endswith(first)
    assert "junior backend engineer" in opening
    assert "five questions" in opening
    assert "interrupt" in opening
    assert iv.question_index == 0 and not iv.finished
    _spoken_ok(opening)


def test_five_answers_lead_to_the_closing() -> None:
    iv = Interviewer("data_analyst", "mid", "mixed", max_questions=5, seed=11)
    questions = _question_texts(iv)
    assert len(questions) == 5
    iv.reply(None)
    for i, answer in enumerate(ANSWERS):
        assert not iv.finished
        reply = iv.reply(answer)
        _spoken_ok(reply)
        assert not EVALUATIVE.search(reply), reply
        if i < 4:
            assert reply.endswith(questions[i + 1])
            assert iv.question_index == i + 1
    assert iv.finished
    assert "transcript" in reply and "Goodbye" in reply
    assert not any(q in reply for q in questions)
    assert iv.question_index == 5


def test_acknowledgement_reflects_a_keyword_from_the_answer() -> None:
    iv = Interviewer("backend_engineer", "mid", "technical", seed=4)
    iv.reply(None)
    reply = iv.reply(
        "I would put idempotency keys on the payment endpoint and store them in Redis."
    )
    ack = reply.removesuffix(_question_texts(iv)[1])
    assert "idempotency" in ack or "Redis" in ack or "payment" in ack
    assert len(re.findall(r"[.!?]", ack)) <= 3


def test_acknowledgements_vary_between_questions() -> None:
    iv = Interviewer("product_manager", "senior", "behavioral", max_questions=5, seed=8)
    iv.reply(None)
    questions = _question_texts(iv)
    acks = [iv.reply(a).removesuffix(questions[i + 1]) for i, a in enumerate(ANSWERS[:4])]
    leads = {a.split(",")[0].split(".")[0] for a in acks}
    assert len(leads) >= 3


def test_repeat_asks_the_same_question_again() -> None:
    iv = Interviewer("frontend_developer", "junior", "technical", seed=2)
    iv.reply(None)
    first = _question_texts(iv)[0]
    for request in ("Can you repeat the question?", "Sorry, what was the question?"):
        reply = iv.reply(request)
        assert reply.endswith(first)
        assert iv.question_index == 0


def test_skip_moves_to_the_next_question() -> None:
    iv = Interviewer("devops_engineer", "senior", "technical", seed=5)
    iv.reply(None)
    questions = _question_texts(iv)
    reply = iv.reply("Can we skip this one?")
    assert reply.endswith(questions[1])
    assert iv.question_index == 1
    reply = iv.reply("next question please")
    assert reply.endswith(questions[2])


def test_skipping_the_last_question_closes() -> None:
    iv = Interviewer("devops_engineer", "senior", "hr", max_questions=2, seed=5)
    iv.reply(None)
    iv.reply(ANSWERS[0])
    reply = iv.reply("skip")
    assert iv.finished and "Goodbye" in reply


@pytest.mark.parametrize("command", ["End the interview.", "stop", "I want to stop."])
def test_ending_early_closes_the_interview(command: str) -> None:
    iv = Interviewer("data_scientist", "intern", "mixed", seed=3)
    iv.reply(None)
    iv.reply(ANSWERS[0])
    reply = iv.reply(command)
    assert iv.finished
    assert "stop here" in reply and "transcript" in reply and "Goodbye" in reply
    assert iv.question_index == 1
    # Anything after the end gets a short goodbye and changes nothing.
    after = iv.reply("Wait, one more thing about caching and databases, if that's okay.")
    assert "ended" in after and iv.finished and iv.question_index == 1


def test_short_answer_gets_one_nudge_per_question() -> None:
    iv = Interviewer("backend_engineer", "junior", "behavioral", seed=6)
    iv.reply(None)
    questions = _question_texts(iv)
    nudge = iv.reply("Yes.")
    assert iv.question_index == 0
    assert not any(q in nudge for q in questions)
    assert "example" in nudge
    moved_on = iv.reply("Not really.")
    assert iv.question_index == 1 and moved_on.endswith(questions[1])
    # The next question gets its own nudge.
    iv.reply("")
    assert iv.question_index == 1
    iv.reply("")
    assert iv.question_index == 2


def test_silence_mid_interview_counts_as_an_empty_answer() -> None:
    iv = Interviewer("backend_engineer", "mid", "technical", seed=6)
    iv.reply(None)
    reply = iv.reply(None)
    assert iv.question_index == 0 and "ready" in reply


@pytest.mark.parametrize("interview_type", ["technical", "behavioral", "hr", "mixed"])
def test_never_asks_a_question_twice(interview_type: str) -> None:
    for seed in range(20):
        iv = Interviewer("product_manager", "junior", interview_type, max_questions=8, seed=seed)
        questions = _question_texts(iv)
        asked = [iv.reply(None)]
        while not iv.finished:
            asked.append(iv.reply(ANSWERS[len(asked) % len(ANSWERS)]))
        assert len(set(questions)) == len(questions) == 8
        for q in questions:
            assert sum(reply.count(q) for reply in asked) == 1, (seed, q)


def test_same_seed_same_interview() -> None:
    def run(seed: int) -> list[str]:
        iv = Interviewer("data_analyst", "senior", "mixed", seed=seed)
        return [iv.reply(None)] + [iv.reply(a) for a in ANSWERS]

    assert run(9) == run(9)
    assert run(9) != run(10)


def test_turn_history_records_both_speakers() -> None:
    iv = Interviewer("backend_engineer", "junior", "technical", max_questions=2, seed=1)
    iv.reply(None)
    iv.reply(ANSWERS[0])
    speakers = [t["speaker"] for t in iv.turns]
    assert speakers == ["interviewer", "candidate", "interviewer"]
    assert iv.turns[1]["question_id"] == iv.questions[0]["id"]


def test_unknown_choices_are_rejected() -> None:
    with pytest.raises(ValueError):
        Interviewer("astronaut", "junior", "technical")
    with pytest.raises(ValueError):
        Interviewer("backend_engineer", "junior", "technical", max_questions=0)


@pytest.mark.parametrize(
    "interview_type", ["technical", "behavioral", "hr", "case_study", "system_design", "mixed"]
)
@pytest.mark.parametrize("level", ["intern", "lead"])
def test_every_offered_setup_opens_and_finishes(interview_type: str, level: str) -> None:
    interviewer = Interviewer("product_manager", level, interview_type, max_questions=3, seed=7)
    assert interviewer.reply(None)
    for _ in range(3):
        interviewer.reply(
            "I would start from the user problem and measure the outcome with a clear metric."
        )
    assert interviewer.finished
