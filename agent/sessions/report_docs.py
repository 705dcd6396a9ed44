"""The stored feedback documents: the report of an interview and the evaluation of each
answer, as JSON in the store (`agent.store.reports`) and as the API serves them.

Built from an `InterviewEvaluation` by `report_doc` and `answer_doc`; read back from the
store's rows by `stored_report`. Every quote keeps its offsets into the answer it was taken
from, so ``answer[start:end] == text`` holds wherever the document goes.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from agent.evaluation import (
    DIMENSION_LABELS,
    AnswerEvaluation,
    Dimension,
    Finding,
    Flag,
    Recommendation,
    Span,
)
from agent.evaluation.interview import InterviewAnswer, InterviewEvaluation, Scorer
from agent.store.reports import StoredReportRows


class _Doc(BaseModel):
    model_config = ConfigDict(frozen=True)


class SpanDoc(_Doc):
    start: int
    end: int
    text: str


class ScoreDoc(_Doc):
    dimension: Dimension
    label: str
    score: float | None
    rationale: str
    evidence: list[SpanDoc]
    gaps: list[str]


class AnswerDoc(_Doc):
    question_id: str
    position: int
    question: str
    answer: str
    overall: float
    scores: list[ScoreDoc]
    flags: list[Flag]
    covered_points: list[int]
    missed_points: list[int]
    scorer: Scorer


class DimensionDoc(_Doc):
    dimension: Dimension
    label: str
    score: float | None


class FindingDoc(_Doc):
    dimension: Dimension
    label: str
    score: float
    summary: str
    question_id: str | None
    evidence: list[SpanDoc]


class SampleDoc(_Doc):
    question_id: str
    question: str
    label: str
    text: str


class ReportDoc(_Doc):
    overall: float
    recommendation: Recommendation
    verdict: str
    dimensions: list[DimensionDoc]
    strengths: list[FindingDoc]
    weaknesses: list[FindingDoc]
    improvements: list[str]
    samples: list[SampleDoc]


class StoredReport(_Doc):
    interview_id: UUID
    generated_at: datetime
    scorer: Scorer
    report: ReportDoc
    answers: list[AnswerDoc]
    """In the order the questions were asked."""


def report_doc(evaluation: InterviewEvaluation) -> ReportDoc:
    report = evaluation.report
    return ReportDoc(
        overall=report.overall,
        recommendation=report.recommendation,
        verdict=report.verdict,
        dimensions=[
            DimensionDoc(dimension=d, label=DIMENSION_LABELS[d], score=m)
            for d, m in report.dimension_means
        ],
        strengths=[_finding(f) for f in report.strengths],
        weaknesses=[_finding(f) for f in report.weaknesses],
        improvements=list(report.improvements),
        samples=[
            SampleDoc(question_id=s.question_id, question=s.question, label=s.label, text=s.text)
            for s in report.samples
        ],
    )


def answer_doc(answer: InterviewAnswer, evaluation: AnswerEvaluation, *, judged: bool) -> AnswerDoc:
    return AnswerDoc(
        question_id=answer.question.id,
        position=answer.position,
        question=answer.question.text,
        answer=answer.text,
        overall=evaluation.overall,
        scores=[
            ScoreDoc(
                dimension=s.dimension,
                label=DIMENSION_LABELS[s.dimension],
                score=s.score,
                rationale=s.rationale,
                evidence=_spans(s.evidence),
                gaps=list(s.gaps),
            )
            for s in evaluation.scores
        ],
        flags=list(evaluation.flags),
        covered_points=list(evaluation.covered_points),
        missed_points=list(evaluation.missed_points),
        scorer="llm" if judged else "offline",
    )


def _finding(finding: Finding) -> FindingDoc:
    return FindingDoc(
        dimension=finding.dimension,
        label=DIMENSION_LABELS[finding.dimension],
        score=finding.score,
        summary=finding.summary,
        question_id=finding.question_id,
        evidence=_spans(finding.evidence),
    )


def _spans(spans: tuple[Span, ...]) -> list[SpanDoc]:
    return [SpanDoc(start=s.start, end=s.end, text=s.text) for s in spans]


def stored_report(rows: StoredReportRows) -> StoredReport:
    row = rows.report
    scorer: Scorer = "llm" if row.scorer == "llm" else "offline"
    return StoredReport(
        interview_id=row.interview_id,
        generated_at=row.created_at,
        scorer=scorer,
        report=ReportDoc.model_validate(row.report),
        answers=[AnswerDoc.model_validate(a.evaluation) for a in rows.answers],
    )
