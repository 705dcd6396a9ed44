"""The placement cell's view for an organisation's admins: the cohort, CSV export, one
student's interviews, their reports (each view audited), and the audit log.

Only students who came through the organisation's embed, and only the interviews they
started there, are visible: anything else is 404, as is everything of another organisation.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from agent.store.cohort import CohortStore
from agent.store.models import Interview
from agent.store.org_members import AuditEntry, OrgMemberStore, Student
from agent.store.practice_sets import PracticeSetStore

from ..auth.org import OrgAdminCtx, OrgMember
from ..errors import ApiError
from ..orgs.cohort import CohortOut, CohortStudent, cohort, cohort_csv, dimension_scores
from ..runtime import Runtime
from .common import parse_id, ready_runtime
from .reports import ReportOut, ensure_report, report_out, report_pdf

router = APIRouter(tags=["organisations"])


class StudentInterviewOut(BaseModel):
    id: UUID
    practice_set_id: UUID | None
    practice_set_name: str | None
    status: str
    created_at: datetime
    role: str
    level: str
    interview_type: str
    overall_score: float | None
    dimensions: dict[str, float]


class StudentOut(BaseModel):
    student: CohortStudent
    interviews: list[StudentInterviewOut]
    """Only those started through this organisation, newest first."""


async def _cohort(runtime: Runtime, org_id: UUID) -> CohortOut:
    students = await OrgMemberStore(runtime.db_pool).list_students(org_id)
    sets = await PracticeSetStore(runtime.db_pool).list(org_id)
    rows = await CohortStore(runtime.db_pool).interviews(org_id)
    return cohort(students, sets, rows)


async def _student(runtime: Runtime, ctx: OrgMember, raw_id: str) -> Student:
    found = await OrgMemberStore(runtime.db_pool).get_student(
        ctx.org.id, parse_id(raw_id, "student")
    )
    if found is None:
        raise ApiError(404, "not_found", "No student has this id.")
    return found


@router.get("/api/orgs/{org_id}/cohort")
async def get_cohort(ctx: OrgAdminCtx, request: Request) -> CohortOut:
    return await _cohort(ready_runtime(request), ctx.org.id)


@router.get("/api/orgs/{org_id}/cohort.csv", response_class=Response)
async def get_cohort_csv(ctx: OrgAdminCtx, request: Request) -> Response:
    text = cohort_csv(await _cohort(ready_runtime(request), ctx.org.id))
    return Response(
        content=text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="mockline-cohort.csv"'},
    )


@router.get("/api/orgs/{org_id}/students/{student_id}")
async def get_student(ctx: OrgAdminCtx, student_id: str, request: Request) -> StudentOut:
    runtime = ready_runtime(request)
    student = await _student(runtime, ctx, student_id)
    rows = await CohortStore(runtime.db_pool).interviews(ctx.org.id, student.id)
    names = {s.id: s.name for s in await PracticeSetStore(runtime.db_pool).list(ctx.org.id)}
    data = cohort([student], [], rows)
    return StudentOut(
        student=data.students[0],
        interviews=[
            StudentInterviewOut(
                id=r.interview_id,
                practice_set_id=r.practice_set_id,
                practice_set_name=names.get(r.practice_set_id) if r.practice_set_id else None,
                status=r.status,
                created_at=r.created_at,
                role=r.role,
                level=r.level,
                interview_type=r.interview_type,
                overall_score=None if r.overall is None else round(r.overall, 1),
                dimensions={str(k): v for k, v in dimension_scores(r).items()},
            )
            for r in reversed(rows)
        ],
    )


async def _org_interview(
    runtime: Runtime, ctx: OrgMember, student_id: str, interview_id: str, action: str
) -> Interview:
    student = await _student(runtime, ctx, student_id)
    wanted = parse_id(interview_id, "interview")
    members = OrgMemberStore(runtime.db_pool)
    interview = None
    if await members.is_org_interview(ctx.org.id, student.id, wanted):
        interview = await runtime.store.get_owned(wanted, student.id)
    if interview is None:
        raise ApiError(404, "not_found", "No interview has this id.")
    await members.audit(
        ctx.org.id, ctx.user.id, action, student_id=student.id, interview_id=interview.id
    )
    return interview


@router.get("/api/orgs/{org_id}/students/{student_id}/interviews/{interview_id}/report")
async def get_student_report(
    ctx: OrgAdminCtx, student_id: str, interview_id: str, request: Request
) -> ReportOut:
    """A student's report; every view is written to the organisation's audit log."""
    runtime = ready_runtime(request)
    interview = await _org_interview(runtime, ctx, student_id, interview_id, "view_report")
    return await report_out(runtime, interview, await ensure_report(runtime, interview))


@router.get(
    "/api/orgs/{org_id}/students/{student_id}/interviews/{interview_id}/report.pdf",
    response_class=Response,
)
async def get_student_report_pdf(
    ctx: OrgAdminCtx, student_id: str, interview_id: str, request: Request
) -> Response:
    runtime = ready_runtime(request)
    interview = await _org_interview(runtime, ctx, student_id, interview_id, "view_report_pdf")
    return await report_pdf(runtime, interview, await ensure_report(runtime, interview))


@router.get("/api/orgs/{org_id}/audit")
async def get_audit_log(ctx: OrgAdminCtx, request: Request) -> list[AuditEntry]:
    """The latest 200 admin views of student reports, newest first."""
    return await OrgMemberStore(ready_runtime(request).db_pool).audit_log(ctx.org.id)
