"""The substance reading (`agent.understanding.substance`): the shipped model was fitted on the
answer memory as it is; answers that say how a thing works or what happened, weak ones
included, carry more substance than turns that only say how important, common or
situation-dependent the subject is; the topic reading takes a turn under the cut as evasive,
and reads no reply to a follow-up; another model's vectors get no reading."""

from __future__ import annotations

import numpy as np
import pytest
from embedder_fakes import OneDirection, last_axis_model
from fitted_models import check_fitted_on_the_memory, read_each

from agent.interviewer.bank import load_bank
from agent.understanding import default_embedder, topic
from agent.understanding.answer_register import read_register
from agent.understanding.substance import says_nothing, substance, substance_model
from agent.understanding.topic import TopicQuestion, read_topic

SAYS_SOMETHING = (
    "Um, I'd put an index on the column we filter by, so lookups stop scanning the whole "
    "table, but every insert has to update it too, so writes get a bit slower.",
    "i think a queue between them helps because if the second service is down the messages "
    "just wait there and get processed later instead of failing the request",
    "At my internship the nightly export kept timing out, so I split it into batches per "
    "region and it finished in twenty minutes.",
)
SAYS_NOTHING = (
    "Caching is one of those things every serious team has to get right, honestly it really "
    "depends on the use case, so I'd follow the best practices the team already has.",
    "Security is always my top priority, it's super critical for any backend, and I make sure "
    "we follow the industry standards and whatever the security team recommends.",
    "Conflict is a natural part of working with people, and I'm a strong communicator, so "
    "I always keep things positive and make sure everyone feels heard.",
)


def test_the_shipped_model_was_fitted_on_the_memory_with_the_model() -> None:
    model = substance_model()
    check_fitted_on_the_memory(model)
    assert model is not None
    assert all(0.0 < cut < 1.0 for cut in model.cut.values())


def test_answers_carry_more_substance_than_talk_around_the_subject() -> None:
    read = read_each(SAYS_SOMETHING + SAYS_NOTHING, substance)
    assert min(read[t] for t in SAYS_SOMETHING) > max(read[t] for t in SAYS_NOTHING)
    assert not any(says_nothing(read[t], "knowledge") for t in SAYS_SOMETHING)
    assert says_nothing(read[SAYS_NOTHING[0]], "knowledge")
    assert says_nothing(read[SAYS_NOTHING[1]], "knowledge")


def _question(question_id: str) -> TopicQuestion:
    asked = load_bank().by_id(question_id)
    return TopicQuestion(asked.text, asked.type, asked.reference_points)


QUESTION = _question("be-04")  # what is a database index, and its trade-offs


def test_the_topic_reading_takes_a_turn_that_says_nothing_as_evasive(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    embedder = default_embedder()
    answer = (
        "It's like a sorted lookup on a column, so a query doesn't scan the whole table, but "
        "every insert has to update it too."
    )
    kept = read_topic(answer, QUESTION, embedder)
    assert kept.on_topic and not kept.evasive and kept.substance is not None
    monkeypatch.setattr(topic, "substance", lambda pieces, embedder: 0.0)
    hollow = read_topic(answer, QUESTION, embedder)
    assert hollow.evasive and not hollow.on_topic
    # A reply to a follow-up may be one short remark: it is not read for substance.
    follow_up = TopicQuestion(
        f"{QUESTION.text} Which columns would you pick?", QUESTION.kind,
        QUESTION.reference_points, "Which columns would you pick?",
    )  # fmt: skip
    reply = read_topic("The ones we filter on.", follow_up, embedder)
    assert reply.substance is None and not reply.evasive


def test_another_models_vectors_get_no_reading() -> None:
    other = OneDirection(axis=1)
    assert substance(other.embed(["anything"]), other) is None
    assert not says_nothing(None, "knowledge")


def test_the_turn_is_the_mean_of_its_clauses() -> None:
    model = read_register(last_axis_model({"knowledge": 0.5, "story": 0.4}, bias=0.0))
    pieces = np.zeros((2, 384), np.float32)
    pieces[0, 383] = 1.0  # one clause of substance (sigmoid 2), one of none (sigmoid 0)
    value = substance(pieces, OneDirection(), model)
    expected = (1 / (1 + np.exp(-2.0)) + 0.5) / 2
    assert value is not None and abs(value - expected) < 1e-6
