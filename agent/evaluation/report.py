"""The interview report: scores across answers, strengths, weaknesses, three improvements, a
hiring recommendation, and sample answers for the weakest questions.

Written the way a strict hiring manager would: thresholds are high, a weak interview gets a
weak report, and nothing is padded with praise. Strengths are only named where the scores
earn them. Delivery counts only where it was measured (voice answers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Literal

from .advice import improvements
from .models import (
    DIMENSION_LABELS,
    DIMENSIONS,
    AnswerEvaluation,
    Dimension,
    QuestionForScoring,
    Span,
)
from .samples import SampleAnswer, sample_answer

Recommendation = Literal["strong_no", "no", "lean", "yes", "strong_yes"]

STRENGTH_MIN = 7.0
WEAKNESS_BELOW = 6.0
# A sample answer is offered for answers below this overall score (always for the weakest).
SAMPLE_BELOW = 7.0


@dataclass(frozen=True, slots=True)
class Finding:
    dimension: Dimension
    score: float
    """The dimension's mean over the interview."""
    summary: str
    question_id: str | None
    """The answer the evidence is quoted from."""
    evidence: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Report:
    overall: float
    dimension_means: tuple[tuple[Dimension, float | None], ...]
    """Every dimension in `DIMENSIONS` order; None where it was never measured."""
    strengths: tuple[Finding, ...]
    weaknesses: tuple[Finding, ...]
    improvements: tuple[str, ...]
    """Exactly three, most useful first."""
    recommendation: Recommendation
    verdict: str
    samples: tuple[SampleAnswer, ...]
    answers: tuple[AnswerEvaluation, ...]

    def mean(self, dimension: Dimension) -> float | None:
        return dict(self.dimension_means)[dimension]


def build_report(
    evaluations: Sequence[AnswerEvaluation],
    questions: Sequence[QuestionForScoring],
    *,
    max_samples: int = 2,
) -> Report:
    """``questions`` must include every evaluated question (matched by id)."""
    by_id = {q.id: q for q in questions}
    means = tuple((d, _mean(evaluations, d)) for d in DIMENSIONS)
    overall = round(fmean(e.overall for e in evaluations), 1) if evaluations else 0.0
    recommendation = recommend(overall, means, evaluations)
    return Report(
        overall=overall,
        dimension_means=means,
        strengths=_strengths(evaluations, means),
        weaknesses=_weaknesses(evaluations, means),
        improvements=improvements(evaluations, by_id, means),
        recommendation=recommendation,
        verdict=_verdict(recommendation, overall, means),
        samples=_samples(evaluations, by_id, max_samples),
        answers=tuple(evaluations),
    )


def recommend(
    overall: float,
    means: Sequence[tuple[Dimension, float | None]],
    evaluations: Sequence[AnswerEvaluation],
) -> Recommendation:
    """Strict thresholds: a yes needs good answers throughout, not one good answer."""
    if not evaluations:
        return "strong_no"
    measured = [m for _, m in means if m is not None]
    relevance = dict(means)["relevance"] or 0.0
    worst = min(e.overall for e in evaluations)
    if overall >= 8.5 and min(measured) >= 7.0 and worst >= 6.5:
        return "strong_yes"
    if overall >= 7.0 and relevance >= 6.5 and worst >= 4.5:
        return "yes"
    if overall >= 5.5:
        return "lean"
    if overall >= 3.5:
        return "no"
    return "strong_no"


def _mean(evaluations: Sequence[AnswerEvaluation], dimension: Dimension) -> float | None:
    values = [s.score for e in evaluations if (s := e.score(dimension)).score is not None]
    return round(fmean(values), 1) if values else None


def _strengths(
    evaluations: Sequence[AnswerEvaluation], means: Sequence[tuple[Dimension, float | None]]
) -> tuple[Finding, ...]:
    good = sorted(
        ((d, m) for d, m in means if m is not None and m >= STRENGTH_MIN),
        key=lambda dm: (-(dm[1] or 0.0), DIMENSIONS.index(dm[0])),
    )
    return tuple(_finding(evaluations, d, m, best=True) for d, m in good[:3])


def _weaknesses(
    evaluations: Sequence[AnswerEvaluation], means: Sequence[tuple[Dimension, float | None]]
) -> tuple[Finding, ...]:
    bad = sorted(
        ((d, m) for d, m in means if m is not None and m < WEAKNESS_BELOW),
        key=lambda dm: (dm[1] or 0.0, DIMENSIONS.index(dm[0])),
    )
    return tuple(_finding(evaluations, d, m, best=False) for d, m in bad[:3])


def _finding(
    evaluations: Sequence[AnswerEvaluation], dimension: Dimension, mean: float | None, *, best: bool
) -> Finding:
    scored = [e for e in evaluations if e.score(dimension).score is not None]
    pick = (max if best else min)(scored, key=lambda e: e.score(dimension).score or 0.0)
    chosen = pick.score(dimension)
    label = DIMENSION_LABELS[dimension]
    summary = f"{label}: {mean}/10 on average. {chosen.rationale}"
    return Finding(dimension, mean or 0.0, summary, pick.question_id, chosen.evidence)


def _samples(
    evaluations: Sequence[AnswerEvaluation],
    by_id: dict[str, QuestionForScoring],
    limit: int,
) -> tuple[SampleAnswer, ...]:
    ranked = sorted((e for e in evaluations if e.question_id in by_id), key=lambda e: e.overall)
    chosen = [e for e in ranked if e.overall < SAMPLE_BELOW][:limit] or ranked[:1]
    return tuple(sample_answer(by_id[e.question_id]) for e in chosen)


def _verdict(
    recommendation: Recommendation,
    overall: float,
    means: Sequence[tuple[Dimension, float | None]],
) -> str:
    measured = [(d, m) for d, m in means if m is not None]
    if not measured:
        return "No answers were given, so there is nothing to recommend."
    weakest, low = min(measured, key=lambda dm: dm[1] or 0.0)
    openings: dict[Recommendation, str] = {
        "strong_yes": "Strong hire signal: consistently specific, structured and on point",
        "yes": "Hire signal: solid answers with room to sharpen",
        "lean": "Borderline: some good moments, but not consistent enough to be a clear yes",
        "no": "Not yet: answers were too thin or too generic for this level",
        "strong_no": "Clear no: most answers missed what the questions asked for",
    }
    return (
        f"{openings[recommendation]}. Overall {overall}/10; weakest area "
        f"{DIMENSION_LABELS[weakest].lower()} at {low}/10."
    )
