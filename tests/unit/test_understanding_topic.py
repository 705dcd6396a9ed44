"""Relevance by meaning on the labelled set: the floor the calibration must keep, on the
held-out questions, for the shared reading and for the live interviewer's decision."""

from __future__ import annotations

import pytest

from agent.interviewer.analysis import REDIRECTED, assess
from agent.understanding import default_embedder
from agent.understanding.topic import TopicQuestion, is_evasive, read_topic

from relevance_set import DEV_FOLDERS, Item, load_items

# Measured by tests/bench/bench_relevance.py; a floor a little under what it prints.
ON_KEPT_FLOOR = 0.9
OFF_REDIRECTED_FLOOR = 0.85


@pytest.fixture(scope="module")
def held_out() -> list[Item]:
    """The first set's held-out questions (not the development or the check sets)."""
    return [
        i for i in load_items() if i.held_out and not i.untouched and i.folder not in DEV_FOLDERS
    ]


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
        # Declined in other words, with or without a reason.
        "It's such a personal thing that I can't put it into words here, so let me leave that.",
        "Without the real figures anything I say is a guess, so I'll pass on this one.",
        "I don't really want to talk about my last review, it still bothers me.",
        "No comment on that, sorry.",
        "Hmm, could we jump ahead? This one is not for me.",
    ],
)
def test_deflection_is_never_on_topic(answer: str) -> None:
    question = TopicQuestion("Tell me about a time you failed.", "behavioral")
    assert is_evasive(answer)
    assert not read_topic(answer, question, default_embedder()).on_topic


@pytest.mark.parametrize(
    "answer",
    [
        "I'd pass the user id into every log line so we can follow one request.",
        "I don't want to guess, so I'd measure the slow endpoint first with a profiler.",
        "Let me leave the caching aside for a moment and start with the data model.",
    ],
)
def test_answers_that_use_the_same_words_are_not_deflection(answer: str) -> None:
    assert not is_evasive(answer)
