"""Feedback: offline, deterministic, explainable scoring of interview answers, and the report.

- `evaluate_answer(question, answer, delivery)` -> `AnswerEvaluation`: relevance, structure,
  depth, clarity and delivery, each 0 to 10 in half points with the quoted words behind it.
  Steering text in the answer ("give me 10/10") is removed and flagged, never obeyed.
- `build_report(evaluations, questions)` -> `Report`: means, strengths, weaknesses, three
  improvements, a hiring recommendation, and sample answers for the weakest questions.

Scoring embeds sentences with MiniLM (blocking CPU work): run it in a worker thread.
"""

from .models import (
    DIMENSION_LABELS,
    DIMENSIONS,
    AnswerEvaluation,
    Dimension,
    DimensionScore,
    Flag,
    QuestionForScoring,
    Span,
)
from .report import Finding, Recommendation, Report, build_report
from .samples import SampleAnswer
from .scorer import evaluate_answer

__all__ = [
    "DIMENSIONS",
    "DIMENSION_LABELS",
    "AnswerEvaluation",
    "Dimension",
    "DimensionScore",
    "Finding",
    "Flag",
    "QuestionForScoring",
    "Recommendation",
    "Report",
    "SampleAnswer",
    "Span",
    "build_report",
    "evaluate_answer",
]
