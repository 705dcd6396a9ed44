"""The answer register (`agent.understanding.answer_register`): the shipped model was fitted
on the answer memory as it is; musing and chat sound less like an answer than answers
do, whatever the question; the topic reading redirects a turn under the cut
unless the model is sure it is on topic; another model's vectors get no reading."""

from __future__ import annotations

import numpy as np
import pytest
from embedder_fakes import OneDirection, last_axis_model
from fitted_models import check_fitted_on_the_memory, read_each

from agent.understanding import default_embedder, topic
from agent.understanding.answer_register import (
    AnswerRegister,
    answer_likeness,
    answer_register,
    read_register,
    unlike_an_answer,
)
from agent.understanding.topic import TopicQuestion, read_topic

from relevance_set import load_items, register_rows

ANSWERS = (
    "I broke the nightly import once by renaming a column. I rolled it back within the hour, "
    "wrote a migration check, and we have not had that failure since.",
    "Um, I'd put an index on the column we filter by, so lookups stop scanning the whole "
    "table, but writes get a bit slower.",
    "My strength is staying calm with upset customers. At the call centre I took the "
    "escalations and closed most of them on the first call.",
)
NOT_ANSWERS = (
    "Learning is really a lifelong journey, isn't it, and everyone walks it at their own pace, "
    "so I would not want to pin it on any single moment.",
    "Ha, my weekend was all gardening, the tomatoes finally came in and the neighbours got "
    "half of them.",
    "Lovely weather today, I walked here along the river and the cherry trees are out.",
)


def test_the_shipped_register_was_fitted_on_the_memory_with_the_model() -> None:
    register = answer_register()
    memory = check_fitted_on_the_memory(register)
    assert register is not None
    assert all(0.0 < cut < 0.5 for cut in register.cut.values())
    # Most remembered on-topic answers sound like answers; most remembered chat does not (the
    # turns it is fitted on: answers meant for another question sound like answers).
    rows = register_rows(load_items())
    x = memory.vectors[rows].astype(np.float32)
    on = memory.on[rows]
    z = ((x - register.mean) / register.scale) @ register.weights + register.bias
    likeness = 1 / (1 + np.exp(-z))
    assert np.mean(likeness[on] >= min(register.cut.values())) > 0.97
    assert np.mean(likeness[~on] < max(register.cut.values())) > 0.5


def test_answers_sound_like_answers_and_musing_and_chat_do_not() -> None:
    said = read_each(ANSWERS + NOT_ANSWERS, answer_likeness)
    assert min(said[t] for t in ANSWERS) > max(said[t] for t in NOT_ANSWERS)
    assert not any(unlike_an_answer(said[t], "story") for t in ANSWERS)
    assert unlike_an_answer(said[NOT_ANSWERS[2]], "knowledge")


RESUME_QUESTION = TopicQuestion(
    "I see you worked at Acme Robotics as a data intern. What was the hardest problem you "
    "owned there?",
    "behavioral",
    (),
)
STORY = (
    "The sensor logs were a mess, so I wrote a cleaning job in pandas that dropped the "
    "duplicate readings, and the weekly report went from two days to an hour."
)


def test_the_topic_reading_redirects_a_turn_that_sounds_like_no_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    embedder = default_embedder()
    # A question written from a resume has no remembered answers: the register still reads.
    kept = read_topic(STORY, RESUME_QUESTION, embedder)
    assert kept.on_topic and kept.memory_margin is None and kept.likeness is not None
    monkeypatch.setattr(topic, "answer_likeness", lambda pieces, embedder: 0.0)
    assert not read_topic(STORY, RESUME_QUESTION, embedder).on_topic
    # ...unless it says what was asked in words of its own, or follows up.
    salary = TopicQuestion("What are your salary expectations?", "hr", ())
    assert read_topic("Around sixty thousand euros, I think.", salary, embedder).on_topic
    follow_up = TopicQuestion(
        f"{RESUME_QUESTION.text} What did you measure?", "behavioral", (), "What did you measure?"
    )
    reply = read_topic("The report's run time, before and after.", follow_up, embedder)
    assert reply.likeness is None


def test_another_models_vectors_get_no_reading() -> None:
    register = answer_register()
    assert register is not None
    other = OneDirection(axis=1)
    assert answer_likeness(other.embed(["anything"]), other) is None


def test_a_register_reads_back_from_its_mapping() -> None:
    register = read_register(last_axis_model({"knowledge": 0.2, "story": 0.1}, bias=0.5))
    assert isinstance(register, AnswerRegister)
    assert register.cut == {"knowledge": 0.2, "story": 0.1}
    pieces = np.zeros((1, 384), np.float32)
    pieces[0, 383] = 1.0
    likeness = answer_likeness(pieces, OneDirection(), register)
    assert likeness is not None and abs(likeness - 1 / (1 + np.exp(-2.5))) < 1e-6
