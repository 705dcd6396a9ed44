"""STAR detection on example stories, and what it does to the structure score."""

from __future__ import annotations

from agent.evaluation.star import detect_star
from agent.evaluation.structure import score_structure
from agent.evaluation.text import split_segments

FULL = (
    "In my last job I was the only backend engineer on a checkout team. "
    "My task was to cut the checkout error rate before the holiday sale. "
    "I traced the errors to a payment client without timeouts, and I added timeouts and retries. "
    "Then I set up an alert on the error rate. "
    "As a result, errors dropped from 4 percent to 0.5 percent and the sale went smoothly. "
    "I learned to measure before I change anything."
)
NO_RESULT = (
    "Last year our team had a flaky deployment pipeline. I was responsible for fixing it. "
    "I investigated the failing jobs and I rewrote the deploy script."
)
WE_ONLY = (
    "At my previous company the release process was slow. We had to speed it up. "
    "We automated the checks and we moved to weekly releases. In the end we shipped twice as often."
)
OUT_OF_ORDER = (
    "As a result, the report ran in 2 minutes instead of an hour. "
    "I rewrote the slowest query and I added an index. "
    "In my last job our nightly report kept timing out."
)
NOT_A_STORY = "Teamwork is important. Communication matters a lot. You should always be kind."


def test_a_full_story_has_every_part_in_order() -> None:
    segments = split_segments(FULL)
    star = detect_star(segments)
    assert star.found == ("situation", "task", "action", "result")
    assert star.missing == ()
    assert star.in_order
    assert star.actions_i >= 2
    assert star.reflection is not None
    assert star.situation is not None and "In my last job" in star.situation.segment.text
    assert star.result is not None and "As a result" in star.result.segment.text


def test_a_story_without_an_outcome_misses_the_result() -> None:
    star = detect_star(split_segments(NO_RESULT))
    assert star.missing == ("result",)
    assert {"situation", "task", "action"} <= set(star.found)


def test_we_only_actions_are_told_apart_from_i_actions() -> None:
    star = detect_star(split_segments(WE_ONLY))
    assert star.action is not None
    assert star.actions_i == 0
    assert star.actions_we >= 1
    score = score_structure(WE_ONLY, "behavioral", split_segments(WE_ONLY))
    assert any("'we'" in gap for gap in score.gaps)


def test_a_story_told_backwards_is_out_of_order() -> None:
    star = detect_star(split_segments(OUT_OF_ORDER))
    assert set(star.found) >= {"situation", "action", "result"}
    assert not star.in_order


def test_general_statements_are_not_a_story() -> None:
    star = detect_star(split_segments(NOT_A_STORY))
    assert star.found == ()
    score = score_structure(NOT_A_STORY, "behavioral", split_segments(NOT_A_STORY))
    assert score.score is not None and score.score <= 2.0
    assert score.evidence  # even a zero quotes what the answer did instead


def test_structure_score_rises_with_each_part_told() -> None:
    def structure(text: str) -> float:
        score = score_structure(text, "behavioral", split_segments(text)).score
        assert score is not None
        return score

    full, partial, we_only, backwards, none = (
        structure(t) for t in (FULL, NO_RESULT, WE_ONLY, OUT_OF_ORDER, NOT_A_STORY)
    )
    assert full == 10.0
    assert full > partial > none
    assert full > we_only
    assert full > backwards
    evidence = score_structure(FULL, "behavioral", split_segments(FULL)).evidence
    assert all(FULL[s.start : s.end] == s.text for s in evidence)
    assert len(evidence) == 4
