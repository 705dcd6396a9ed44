"""`CohortStore`: what an organisation's placement cell may read of its students' work.

Only interviews started through the organisation's embed (``org_interviews``) by its own
students are returned, with their report's overall score and per-dimension scores once a
report exists. Aggregating them (trend, weakest dimension) is the caller's business.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import asyncpg
from pydantic import BaseModel, ConfigDict, JsonValue

_ROWS = """
select i.owner_id as student_id, i.id as interview_id, oi.practice_set_id, i.status,
       i.created_at, i.role, i.level, i.interview_type, r.overall,
       r.report -> 'dimensions' as dimensions
from org_interviews oi
join interviews i on i.id = oi.interview_id
join users u on u.id = i.owner_id
left join interview_reports r on r.interview_id = i.id
where oi.organisation_id = $1 and u.organisation_id = $1 and u.external_id is not null
  and ($2::uuid is null or i.owner_id = $2)
order by i.created_at, i.id
"""


class OrgInterviewRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    student_id: UUID
    interview_id: UUID
    practice_set_id: UUID | None
    status: str
    created_at: datetime
    role: str
    level: str
    interview_type: str
    overall: float | None
    dimensions: JsonValue
    """The report document's ``dimensions`` list as stored; null before a report."""


class CohortStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def interviews(
        self, org_id: UUID, student_id: UUID | None = None
    ) -> list[OrgInterviewRow]:
        """The organisation's interviews (one student's with ``student_id``), oldest first."""
        rows = await self._pool.fetch(_ROWS, org_id, student_id)
        return [OrgInterviewRow.model_validate(dict(row)) for row in rows]
