"""Answers that open on another question's subject (`agent.understanding.opening_subject`):
a knowledge answer that defines another term, or frames itself by another subject, answers
that other question; an answer that opens on the asked subject, spelled as it was asked or as
an acronym, or on no subject at all, is left alone."""

from __future__ import annotations

import pytest

from agent.interviewer.bank import load_bank
from agent.understanding import default_embedder
from agent.understanding.opening_subject import names_another_subject, opening_subject
from agent.understanding.topic import TopicQuestion, read_topic


@pytest.mark.parametrize(
    ("answer", "subject"),
    [
        ("Deadlocks are when two transactions each hold a lock the other one needs.", "Deadlocks"),
        ("Sharding, splitting rows across machines by a key, is how you scale writes.", "Sharding"),
        (
            "So, um, memoization means keeping a function's result for the same arguments.",
            "memoization",
        ),
        ("For the message queue I'd pick Kafka, since we need replay.", "the message queue"),
        ("okay so for pricing i would look at what competitors charge", "pricing"),
        ("A p value is the chance of data this extreme if nothing were going on.", "p value"),
        ("Sure. So, variance measures how spread out the values are.", "variance"),
        ("Okay. Um. For the queue I would use SQS.", "the queue"),
        ("Mm. Uhm, sharding is splitting rows across machines by a key.", "sharding"),
    ],
)
def test_the_subject_an_answer_opens_on(answer: str, subject: str) -> None:
    assert opening_subject(answer) == subject


@pytest.mark.parametrize(
    "answer",
    [
        "It depends on how often the table is read.",
        "If the table is small, an index will not help much.",
        "The easiest is a composite index on the filtered columns.",
        "Step one is to reproduce the slow query on a copy of the data.",
        "I'd start by looking at the query plan.",
        "Honestly, I'm not sure.",
        "",
    ],
)
def test_openings_that_name_no_subject(answer: str) -> None:
    assert opening_subject(answer) is None


OTHER_SUBJECTS = [
    ("ds-03", "Overfitting is when a model memorises its training data, noise and all, so it scores well in training and badly on new data."),
    ("ds-01", "A p value is the chance of seeing data at least this extreme if nothing were really going on."),
    ("be-04", "Idempotency means sending the same request twice has the same effect as sending it once, so retries are safe."),
    ("be-05", "A database index is a sorted structure, usually a B-tree, that lets a lookup skip the full table scan."),
    ("fe-11", "For a message queue I'd pick RabbitMQ, so the producer never waits on a slow consumer."),
]  # fmt: skip
ASKED_SUBJECTS = [
    ("ds-01", "Overfitting is when the model learns the noise in the training data instead of the pattern."),
    ("fe-11", "XSS is when an attacker gets a script of theirs to run in another user's page."),
    ("pm-16", "An MVP is the smallest thing you can ship that tests your riskiest assumption."),
    ("be-09", "For the consumers I'd make every handler idempotent, since delivery is at least once."),
    ("ds-18", "Accuracy is useless here, since always saying not fraud is right 999 times in a thousand."),
    ("be-04", "The easiest is a composite index on the columns the query filters by."),
]  # fmt: skip


@pytest.mark.parametrize(("question_id", "answer"), OTHER_SUBJECTS)
def test_an_answer_opening_on_another_questions_subject_names_it(
    question_id: str, answer: str
) -> None:
    question = load_bank().by_id(question_id)
    subject = opening_subject(answer)
    assert subject is not None
    found = names_another_subject(
        answer, question.text, question.reference_points, default_embedder()
    )
    assert found == subject


@pytest.mark.parametrize(("question_id", "answer"), ASKED_SUBJECTS)
def test_an_answer_opening_on_the_asked_subject_is_left_alone(
    question_id: str, answer: str
) -> None:
    question = load_bank().by_id(question_id)
    found = names_another_subject(
        answer, question.text, question.reference_points, default_embedder()
    )
    assert found is None


def _asked(question_id: str, follow_up: str | None = None) -> TopicQuestion:
    question = load_bank().by_id(question_id)
    text = question.text if follow_up is None else f"{question.text} {follow_up}"
    return TopicQuestion(text, question.type, question.reference_points, follow_up)


NEIGHBOURS = [
    ("ds-18", "ds-16", "Cross validation", "Cross validation means splitting the data into k folds, training on all but one and testing on the one left out, then averaging the scores."),
    ("be-11", "be-04", "database index", "A database index is usually a B-tree that lets a query find rows without scanning the whole table, at the cost of slower writes."),
]  # fmt: skip
"""Asked one question, an answer to a neighbouring one that MiniLM puts close to the asked one
(imbalanced data and cross validation; transactions and indexes)."""


@pytest.mark.parametrize(("asked", "answered", "subject", "answer"), NEIGHBOURS)
def test_the_topic_reading_takes_it_as_an_answer_to_another_question(
    asked: str, answered: str, subject: str, answer: str
) -> None:
    embedder = default_embedder()
    reading = read_topic(answer, _asked(asked), embedder)
    assert not reading.on_topic and reading.elsewhere
    assert reading.answers_instead == subject
    assert reading.probability >= 0.8  # the meaning alone took it as an answer
    # Asked the question it answers, it is on topic.
    assert read_topic(answer, _asked(answered), embedder).on_topic


def test_a_follow_up_reply_or_an_answer_covering_the_points_is_not_read_so() -> None:
    embedder = default_embedder()
    answer = OTHER_SUBJECTS[0][1]
    reply = read_topic(
        answer, _asked("ds-03", "And how would you explain it to a manager?"), embedder
    )
    assert reply.answers_instead is None
    covering = read_topic(answer, _asked("ds-03"), embedder, covers=0.6)
    assert covering.answers_instead is None
