"""Delivery scores from what the voice pipeline measured, and "not measured" in text mode."""

from __future__ import annotations

import dataclasses

import pytest

from agent.evaluation import evaluate_answer
from agent.evaluation.delivery import score_delivery
from agent.evaluation.text import split_segments
from agent.interviewer.signals import Delivery

from evaluation_samples import PAIRS, evaluated, value

ANSWER = (
    "Um, an index is, you know, a B-tree that lets the database skip a full table scan. "
    "The trade-off is slower writes and extra storage."
)
# 140 words in 56 s is 150 words a minute: a comfortable pace, prompt start, few fillers.
STEADY = Delivery(
    speech_s=50.0,
    duration_s=56.0,
    time_to_start_s=1.5,
    longest_pause_s=1.2,
    filler_count=1,
    word_count=140,
)


def _score(delivery: Delivery | None) -> float | None:
    return score_delivery(ANSWER, split_segments(ANSWER), delivery).score


def test_steady_delivery_scores_full_marks() -> None:
    result = score_delivery(ANSWER, split_segments(ANSWER), STEADY)
    assert result.score == 10.0
    assert "150 words a minute" in result.rationale
    assert result.gaps == ()


@pytest.mark.parametrize(
    ("worse", "gap"),
    [
        (dataclasses.replace(STEADY, filler_count=18), "filler words"),
        (dataclasses.replace(STEADY, time_to_start_s=12.0), "slow to start answering"),
        (dataclasses.replace(STEADY, duration_s=35.0), "speaking too fast"),  # 240 wpm
        (dataclasses.replace(STEADY, duration_s=120.0), "speaking too slowly"),  # 70 wpm
        (dataclasses.replace(STEADY, longest_pause_s=9.0), "long pauses"),
    ],
    ids=["fillers", "slow start", "fast", "slow", "pause"],
)
def test_each_delivery_problem_lowers_the_score(worse: Delivery, gap: str) -> None:
    result = score_delivery(ANSWER, split_segments(ANSWER), worse)
    assert result.score is not None and result.score < 10.0
    assert gap in result.gaps


def test_worse_problems_score_lower() -> None:
    def score(delivery: Delivery) -> float:
        value = _score(delivery)
        assert value is not None
        return value

    def with_fillers(n: int) -> float:
        return score(dataclasses.replace(STEADY, filler_count=n))

    def starting_after(s: float) -> float:
        return score(dataclasses.replace(STEADY, time_to_start_s=s))

    def lasting(s: float) -> float:  # 140 words over s seconds
        return score(dataclasses.replace(STEADY, duration_s=s))

    assert with_fillers(30) < with_fillers(8) < 10.0
    assert starting_after(15.0) < starting_after(6.0) < 10.0
    assert lasting(30.0) < lasting(45.0) < 10.0  # 280 < 187 words a minute
    assert lasting(140.0) < lasting(80.0) < 10.0  # 60 < 105 words a minute


def test_fillers_are_quoted_from_the_answer() -> None:
    result = score_delivery(
        ANSWER, split_segments(ANSWER), dataclasses.replace(STEADY, filler_count=20)
    )
    assert result.evidence
    assert any("Um" in span.text for span in result.evidence)
    assert all(ANSWER[s.start : s.end] == s.text for s in result.evidence)


def test_slow_start_quotes_the_opening_words() -> None:
    result = score_delivery(
        ANSWER, split_segments(ANSWER), dataclasses.replace(STEADY, time_to_start_s=14.0)
    )
    assert result.evidence[0].start == 0
    assert "14.0 s to start" in result.rationale


def test_text_mode_is_not_measured_rather_than_zero() -> None:
    result = score_delivery(ANSWER, split_segments(ANSWER), None)
    assert result.score is None
    assert not result.measured


def test_measured_delivery_counts_in_the_overall() -> None:
    pair = PAIRS["technical"][0]
    text_mode = evaluated(pair.question_id, pair.strong)
    halting = Delivery(
        speech_s=60.0,
        duration_s=150.0,
        time_to_start_s=14.0,
        longest_pause_s=10.0,
        filler_count=25,
        word_count=120,
    )
    voice = evaluate_answer(pair.question, pair.strong, halting)
    assert value(voice, "delivery") <= 3.0
    assert voice.overall < text_mode.overall
    # The words are the same, so every other dimension is unchanged.
    for dimension in ("relevance", "structure", "depth", "clarity"):
        assert value(voice, dimension) == value(text_mode, dimension)
