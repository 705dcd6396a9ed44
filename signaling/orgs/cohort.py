"""The placement cell's view of its cohort, computed from the organisation's interviews.

Pure functions over `CohortStore` rows: per student (completed interviews, latest and best
overall score, trend, weakest dimension), per practice set (how many students started and
completed it), and per dimension (how the students' latest scores are spread, in ten bins
of one point). Also the cohort as CSV.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from statistics import fmean
from uuid import UUID

from pydantic import BaseModel, TypeAdapter

from agent.evaluation import DIMENSION_LABELS, DIMENSIONS, Dimension
from agent.sessions.report_docs import DimensionDoc
from agent.store.cohort import OrgInterviewRow
from agent.store.org_members import Student
from agent.store.practice_sets import PracticeSet

_DIMENSION_LIST = TypeAdapter(list[DimensionDoc])
BINS = 10


class Weakest(BaseModel):
    dimension: Dimension
    label: str
    mean: float


class CohortStudent(BaseModel):
    id: UUID
    external_id: str
    name: str | None
    interviews_completed: int
    latest_overall: float | None
    best_overall: float | None
    trend: float | None
    """Latest overall score minus the first one (two reports or more), else null."""
    scores: list[float]
    """Overall scores of the reported interviews, oldest first."""
    weakest: Weakest | None


class SetCompletion(BaseModel):
    set_id: UUID
    name: str
    students_started: int
    students_completed: int
    cohort_size: int


class DimensionSpread(BaseModel):
    dimension: Dimension
    label: str
    bins: list[int]
    """Students whose latest score falls in [0,1), [1,2) … [9,10]."""
    mean: float | None


class CohortOut(BaseModel):
    students: list[CohortStudent]
    sets: list[SetCompletion]
    dimensions: list[DimensionSpread]


def dimension_scores(row: OrgInterviewRow) -> dict[Dimension, float]:
    if row.dimensions is None:
        return {}
    docs = _DIMENSION_LIST.validate_python(row.dimensions)
    return {d.dimension: d.score for d in docs if d.score is not None}


def _weakest(rows: list[OrgInterviewRow]) -> Weakest | None:
    means: list[tuple[float, int, Dimension]] = []
    per_row = [dimension_scores(r) for r in rows]
    for index, dimension in enumerate(DIMENSIONS):
        values = [scores[dimension] for scores in per_row if dimension in scores]
        if values:
            means.append((fmean(values), index, dimension))
    if not means:
        return None
    mean, _, dimension = min(means)
    return Weakest(dimension=dimension, label=DIMENSION_LABELS[dimension], mean=round(mean, 1))


def student_row(student: Student, rows: list[OrgInterviewRow]) -> CohortStudent:
    reported = [r for r in rows if r.overall is not None]
    scores = [round(float(r.overall), 1) for r in reported if r.overall is not None]
    return CohortStudent(
        id=student.id,
        external_id=student.external_id,
        name=student.name,
        interviews_completed=sum(1 for r in rows if r.status == "completed"),
        latest_overall=scores[-1] if scores else None,
        best_overall=max(scores) if scores else None,
        trend=round(scores[-1] - scores[0], 1) if len(scores) >= 2 else None,
        scores=scores,
        weakest=_weakest(reported),
    )


def set_completion(
    sets: list[PracticeSet], rows: list[OrgInterviewRow], cohort_size: int
) -> list[SetCompletion]:
    started: dict[UUID, set[UUID]] = defaultdict(set)
    completed: dict[UUID, set[UUID]] = defaultdict(set)
    for row in rows:
        if row.practice_set_id is None:
            continue
        started[row.practice_set_id].add(row.student_id)
        if row.status == "completed":
            completed[row.practice_set_id].add(row.student_id)
    return [
        SetCompletion(
            set_id=s.id,
            name=s.name,
            students_started=len(started[s.id]),
            students_completed=len(completed[s.id]),
            cohort_size=cohort_size,
        )
        for s in sets
    ]


def spreads(rows: list[OrgInterviewRow]) -> list[DimensionSpread]:
    latest: dict[UUID, dict[Dimension, float]] = {}
    for row in rows:  # oldest first: the last report of each student wins
        scores = dimension_scores(row)
        if scores:
            latest[row.student_id] = scores
    out = []
    for dimension in DIMENSIONS:
        values = [s[dimension] for s in latest.values() if dimension in s]
        bins = [0] * BINS
        for value in values:
            bins[min(BINS - 1, max(0, int(value)))] += 1
        out.append(
            DimensionSpread(
                dimension=dimension,
                label=DIMENSION_LABELS[dimension],
                bins=bins,
                mean=round(fmean(values), 1) if values else None,
            )
        )
    return out


def cohort(
    students: list[Student], sets: list[PracticeSet], rows: list[OrgInterviewRow]
) -> CohortOut:
    by_student: dict[UUID, list[OrgInterviewRow]] = defaultdict(list)
    for row in rows:
        by_student[row.student_id].append(row)
    return CohortOut(
        students=[student_row(s, by_student[s.id]) for s in students],
        sets=set_completion(sets, rows, len(students)),
        dimensions=spreads(rows),
    )


CSV_COLUMNS = (
    "student_id",
    "external_id",
    "name",
    "interviews_completed",
    "latest_overall",
    "best_overall",
    "trend",
    "weakest_dimension",
)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A cell that a spreadsheet would run as a formula is quoted as text.
    return (
        "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(text) else text
    )


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def cohort_csv(data: CohortOut) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for s in data.students:
        values: list[object] = [
            s.id,
            s.external_id,
            s.name,
            s.interviews_completed,
            s.latest_overall,
            s.best_overall,
            s.trend,
            s.weakest.dimension if s.weakest else None,
        ]
        writer.writerow([_cell(v) for v in values])
    return out.getvalue()
