"""The interview report: strict recommendations, specific improvements, labelled samples."""

from __future__ import annotations

import pytest

from agent.evaluation import (
    AnswerEvaluation,
    DimensionScore,
    QuestionForScoring,
    build_report,
    evaluate_answer,
)
from agent.evaluation.report import recommend
from agent.evaluation.samples import SAMPLE_LABEL, sample_answer
from agent.interviewer.bank import Question, load_bank
from agent.interviewer.signals import Delivery
from agent.understanding.lang import content_stems

from evaluation_samples import PAIRS, all_pairs, evaluated


def _interview(which: str) -> tuple[list[AnswerEvaluation], list[QuestionForScoring]]:
    questions = [pair.question for _, pair in all_pairs()]
    answers = [getattr(pair, which) for _, pair in all_pairs()]
    evaluations = [evaluated(q.id, a) for q, a in zip(questions, answers, strict=True)]
    return evaluations, questions


def _mentions_a_question_or_point(text: str, questions: list[QuestionForScoring]) -> bool:
    return any(
        q.text[:40] in text or any(point in text for point in q.reference_points) for q in questions
    )


def test_a_weak_interview_gets_a_weak_report() -> None:
    evaluations, questions = _interview("weak")
    report = build_report(evaluations, questions)
    assert report.overall < 4.0
    assert report.recommendation in ("no", "strong_no")
    assert report.strengths == ()  # nothing is praised that the scores did not earn
    assert len(report.weaknesses) >= 2
    assert all(f.score < 6.0 and f.evidence for f in report.weaknesses)
    assert report.mean("delivery") is None
    assert "no" in report.verdict.lower()


def test_a_strong_interview_gets_a_yes() -> None:
    evaluations, questions = _interview("strong")
    report = build_report(evaluations, questions)
    assert report.overall >= 7.5
    assert report.recommendation in ("yes", "strong_yes")
    assert report.strengths
    for finding in report.strengths:
        assert finding.score >= 7.0
        assert finding.evidence
        answer = next(p.strong for _, p in all_pairs() if p.question_id == finding.question_id)
        assert all(answer[s.start : s.end] == s.text for s in finding.evidence)


@pytest.mark.parametrize("which", ["strong", "weak"])
def test_three_specific_improvements(which: str) -> None:
    evaluations, questions = _interview(which)
    report = build_report(evaluations, questions)
    assert len(report.improvements) == 3
    assert len(set(report.improvements)) == 3
    for advice in report.improvements:
        assert _mentions_a_question_or_point(advice, questions), advice


def test_improvements_follow_the_weakest_dimensions_and_missed_points() -> None:
    evaluations, questions = _interview("weak")
    report = build_report(evaluations, questions)
    weakest = report.weaknesses[0].dimension
    assert f"for {weakest})" in report.improvements[0] or weakest == "relevance"
    missed = [
        questions[i].reference_points[j] for i, e in enumerate(evaluations) for j in e.missed_points
    ]
    assert any(point in advice for advice in report.improvements for point in missed)


def test_sample_answers_cover_the_weakest_answers_and_are_labelled() -> None:
    evaluations, questions = _interview("weak")
    report = build_report(evaluations, questions)
    weakest = min(evaluations, key=lambda e: e.overall)
    assert report.samples
    assert report.samples[0].question_id == weakest.question_id
    for sample in report.samples:
        assert sample.text.strip()
        assert sample.label == SAMPLE_LABEL
        assert "Sample answer" in sample.label


def test_a_strong_interview_still_gets_one_sample_for_its_weakest_answer() -> None:
    evaluations, questions = _interview("strong")
    report = build_report(evaluations, questions)
    assert len(report.samples) >= 1
    assert report.samples[0].text.strip()


@pytest.mark.parametrize("question", load_bank().questions, ids=lambda q: q.id)
def test_every_bank_question_has_a_sample_answer(question: Question) -> None:
    q = QuestionForScoring.from_question(question)
    sample = sample_answer(q)
    assert sample.text.strip()
    assert sample.question == q.text
    if q.type == "behavioral":
        for part in ("Situation:", "Task:", "Action:", "Result:"):
            assert part in sample.text
    for point in q.reference_points:  # built from what a strong answer covers
        # Third person becomes first ("themselves" -> "myself"); "mentions X" becomes "X".
        wanted = content_stems(point) - content_stems("themselves mentions describes")
        assert wanted <= content_stems(sample.text), point


def test_delivery_counts_in_the_report_only_when_measured() -> None:
    pair = PAIRS["behavioral"][0]
    halting = Delivery(
        speech_s=40.0, duration_s=120.0, time_to_start_s=11.0, filler_count=20, word_count=150
    )
    voice = evaluate_answer(pair.question, pair.strong, halting)
    text = evaluated(pair.question_id, pair.strong)
    report = build_report([voice, text], [pair.question])
    assert report.mean("delivery") == voice.score("delivery").score
    assert any(advice.startswith("Delivery") for advice in report.improvements)
    assert build_report([text], [pair.question]).mean("delivery") is None


def test_an_empty_interview_is_a_strong_no_with_three_improvements() -> None:
    report = build_report([], [])
    assert report.recommendation == "strong_no"
    assert report.overall == 0.0
    assert len(report.improvements) == 3
    assert report.samples == ()


def _synthetic(overall: float, relevance: float, *, question_id: str = "q") -> AnswerEvaluation:
    measured = [
        DimensionScore(d, relevance if d == "relevance" else overall, "r")
        for d in ("relevance", "structure", "depth", "clarity")
    ]
    scores = (*measured, DimensionScore("delivery", None, "not measured"))
    return AnswerEvaluation(question_id, scores, overall, (), ())


def _recommend(*evaluations: AnswerEvaluation) -> str:
    report = build_report(list(evaluations), [])
    return recommend(report.overall, report.dimension_means, evaluations)


def test_recommendation_thresholds_are_strict() -> None:
    assert _recommend(_synthetic(9.0, 9.0), _synthetic(8.5, 8.5)) == "strong_yes"
    assert _recommend(_synthetic(7.5, 7.5), _synthetic(7.5, 7.5)) == "yes"
    # One poor answer keeps an otherwise good interview from a yes.
    assert _recommend(_synthetic(9.0, 9.0), _synthetic(9.0, 9.0), _synthetic(4.0, 4.0)) == "lean"
    # Good delivery and structure cannot carry answers that miss the point.
    assert _recommend(_synthetic(7.5, 5.0), _synthetic(7.5, 5.0)) == "lean"
    assert _recommend(_synthetic(4.5, 4.5)) == "no"
    assert _recommend(_synthetic(2.0, 2.0)) == "strong_no"


def test_a_mixed_interview_is_not_a_yes() -> None:
    (_, strong), (_, weak) = all_pairs()[0], all_pairs()[2]
    evaluations = [
        evaluated(strong.question_id, strong.strong),
        evaluated(weak.question_id, weak.weak),
    ]
    report = build_report(evaluations, [strong.question, weak.question])
    assert report.recommendation in ("no", "lean")
    assert report.answers == tuple(evaluations)
