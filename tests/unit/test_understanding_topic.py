"""Relevance by meaning on the labelled set: the floor the calibration must keep, on the
held-out questions, for the shared reading and for the live interviewer's decision."""

from __future__ import annotations

import pytest

from agent.interviewer.analysis import REDIRECTED, assess
from agent.understanding import default_embedder
from agent.understanding.topic import TopicQuestion, is_evasive, read_topic

from relevance_set import Item, load_items

# Measured by tests/bench/bench_relevance.py; a floor a little under what it prints.
ON_KEPT_FLOOR = 0.9
OFF_REDIRECTED_FLOOR = 0.85


@pytest.fixture(scope="module")
def held_out() -> list[Item]:
    return [i for i in load_items() if i.held_out and not i.untouched]


def _rates(items: list[Item], kept: list[bool]) -> tuple[float, float]:
    on = [k for i, k in zip(items, kept, strict=True) if i.on]
    off = [not k for i, k in zip(items, kept, strict=True) if not i.on]
    return sum(on) / len(on), sum(off) / len(off)


def test_the_shared_reading_keeps_its_floor_on_held_out_questions(held_out: list[Item]) -> None:
    embedder = default_embedder()
    kept = [read_topic(i.answer, i.topic_question(), embedder).on_topic for i in held_out]
    on, off = _rates(held_out, kept)
    assert on >= ON_KEPT_FLOOR and off >= OFF_REDIRECTED_FLOOR, (on, off)


def test_the_live_interviewer_keeps_its_floor_on_held_out_questions(held_out: list[Item]) -> None:
    kept = [assess(i.answer, i.context()).kind not in REDIRECTED for i in held_out]
    on, off = _rates(held_out, kept)
    assert on >= ON_KEPT_FLOOR and off >= OFF_REDIRECTED_FLOOR, (on, off)


@pytest.mark.parametrize(
    "answer",
    [
        "I'd rather not get into that, can we talk about my side project instead?",
        "Let's skip this one, it isn't really relevant for the role.",
        "I'm not comfortable answering that. Could we move on to something else?",
    ],
)
def test_deflection_is_never_on_topic(answer: str) -> None:
    question = TopicQuestion("Tell me about a time you failed.", "behavioral")
    assert is_evasive(answer)
    assert not read_topic(answer, question, default_embedder()).on_topic
