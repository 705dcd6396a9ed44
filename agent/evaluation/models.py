"""The evaluation's data: what is scored (a question, an answer) and what comes out.

Every score carries the quoted words that justify it: `Span`s that are exact substrings of
the candidate's original answer, with character offsets into it. A dimension that could not
be measured (delivery in text mode) has ``score`` None and is left out of every mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from agent.interviewer.bank import Question, QuestionType

Dimension = Literal["relevance", "structure", "depth", "clarity", "delivery"]
DIMENSIONS: tuple[Dimension, ...] = get_args(Dimension)

Flag = Literal["injection_ignored", "empty_answer"]

DIMENSION_LABELS: dict[Dimension, str] = {
    "relevance": "Relevance and correctness",
    "structure": "Structure",
    "depth": "Depth and specificity",
    "clarity": "Communication clarity",
    "delivery": "Delivery",
}


@dataclass(frozen=True, slots=True)
class Span:
    """A quoted part of the answer: ``answer[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class QuestionForScoring:
    id: str
    text: str
    type: QuestionType
    reference_points: tuple[str, ...]
    topics: tuple[str, ...] = ()
    jd_snippets: tuple[str, ...] = ()
    """Job description requirements this question targets, if the interview had a JD."""

    @classmethod
    def from_question(
        cls, question: Question, jd_snippets: tuple[str, ...] = ()
    ) -> QuestionForScoring:
        return cls(
            id=question.id,
            text=question.text,
            type=question.type,
            reference_points=question.reference_points,
            topics=question.topics,
            jd_snippets=jd_snippets,
        )


@dataclass(frozen=True, slots=True)
class DimensionScore:
    dimension: Dimension
    score: float | None
    """0 to 10 in steps of 0.5; None when the dimension was not measured."""
    rationale: str
    evidence: tuple[Span, ...] = ()
    gaps: tuple[str, ...] = ()
    """What held the score down, as short phrases ("no result stated"); feeds the advice."""

    @property
    def measured(self) -> bool:
        return self.score is not None


@dataclass(frozen=True, slots=True)
class AnswerEvaluation:
    question_id: str
    scores: tuple[DimensionScore, ...]
    """One per dimension, in `DIMENSIONS` order."""
    overall: float
    """0 to 10, one decimal: the weighted mean of the measured dimensions."""
    covered_points: tuple[int, ...]
    missed_points: tuple[int, ...]
    """Indices into the question's reference points."""
    flags: tuple[Flag, ...] = ()

    def score(self, dimension: Dimension) -> DimensionScore:
        return next(s for s in self.scores if s.dimension == dimension)


def round_half(value: float) -> float:
    """Clamps to 0..10 and rounds to the nearest 0.5 (half-way values round up)."""
    clamped = min(10.0, max(0.0, value))
    return int(clamped * 2 + 0.5 + 1e-9) / 2


def clip01(value: float) -> float:
    return min(1.0, max(0.0, value))
