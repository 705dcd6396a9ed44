"""`OrgMemberStore`: an organisation's students, the interviews they start through its embed,
its daily interview quota, and the audit log of admin views.

A student is a user with an ``external_id`` (their id at the portal) inside one
organisation; the same external id always maps to the same user, so their interviews stay
theirs across visits. Only interviews recorded in ``org_interviews`` belong to the
organisation: a student's other interviews are theirs alone.
"""

from __future__ import annotations

import logging
from datetime import datetime
from uuid import UUID

import asyncpg
from pydantic import BaseModel, ConfigDict

logger = logging.getLogger(__name__)


class Student(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: UUID
    external_id: str
    name: str | None
    created_at: datetime
    notice_accepted_at: datetime | None


class AuditEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    admin_id: UUID | None
    admin_email: str | None
    action: str
    student_id: UUID | None
    interview_id: UUID | None
    at: datetime


_STUDENT_COLUMNS = "id, external_id, display_name as name, created_at, org_notice_accepted_at as notice_accepted_at"


class OrgMemberStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def upsert_student(self, org_id: UUID, external_id: str, name: str) -> UUID:
        """The student's user (created on first sight); their display name is refreshed."""
        user_id: UUID = await self._pool.fetchval(
            """insert into users (is_guest, organisation_id, external_id, display_name)
               values (false, $1, $2, $3)
               on conflict (organisation_id, external_id) where external_id is not null
               do update set display_name = excluded.display_name
               returning id""",
            org_id,
            external_id,
            name,
        )
        return user_id

    async def get_student(self, org_id: UUID, student_id: UUID) -> Student | None:
        record = await self._pool.fetchrow(
            f"""select {_STUDENT_COLUMNS} from users
                where id = $2 and organisation_id = $1 and external_id is not null""",
            org_id,
            student_id,
        )
        return Student.model_validate(dict(record)) if record else None

    async def list_students(self, org_id: UUID) -> list[Student]:
        rows = await self._pool.fetch(
            f"""select {_STUDENT_COLUMNS} from users
                where organisation_id = $1 and external_id is not null
                order by lower(coalesce(display_name, external_id)), id""",
            org_id,
        )
        return [Student.model_validate(dict(row)) for row in rows]

    async def accept_notice(self, student_id: UUID) -> None:
        await self._pool.execute(
            """update users set org_notice_accepted_at = coalesce(org_notice_accepted_at, now())
               where id = $1 and external_id is not null""",
            student_id,
        )

    # -- quota -----------------------------------------------------------------------------
    async def reserve_interview(self, org_id: UUID, quota: int) -> bool:
        """Counts one interview against today's quota (UTC); False when it is used up."""
        reserved = await self._pool.fetchval(
            """insert into org_daily_usage as u (organisation_id, day, interviews)
               select $1, (now() at time zone 'utc')::date, 1 where $2 > 0
               on conflict (organisation_id, day) do update
                   set interviews = u.interviews + 1 where u.interviews < $2
               returning interviews""",
            org_id,
            quota,
        )
        return reserved is not None

    async def release_interview(self, org_id: UUID) -> None:
        """Gives back a reservation whose interview could not be created."""
        await self._pool.execute(
            """update org_daily_usage set interviews = greatest(interviews - 1, 0)
               where organisation_id = $1 and day = (now() at time zone 'utc')::date""",
            org_id,
        )

    async def used_today(self, org_id: UUID) -> int:
        used = await self._pool.fetchval(
            """select interviews from org_daily_usage
               where organisation_id = $1 and day = (now() at time zone 'utc')::date""",
            org_id,
        )
        return int(used or 0)

    # -- the organisation's interviews -----------------------------------------------------
    async def record_interview(self, interview_id: UUID, org_id: UUID, set_id: UUID) -> None:
        await self._pool.execute(
            """insert into org_interviews (interview_id, organisation_id, practice_set_id)
               values ($1, $2, $3)""",
            interview_id,
            org_id,
            set_id,
        )

    async def is_org_interview(self, org_id: UUID, student_id: UUID, interview_id: UUID) -> bool:
        found: bool = await self._pool.fetchval(
            """select exists (select 1 from org_interviews oi
                   join interviews i on i.id = oi.interview_id
                   join users u on u.id = i.owner_id
               where oi.interview_id = $3 and oi.organisation_id = $1 and i.owner_id = $2
                 and u.organisation_id = $1 and u.external_id is not null)""",
            org_id,
            student_id,
            interview_id,
        )
        return found

    # -- audit -----------------------------------------------------------------------------
    async def audit(
        self,
        org_id: UUID,
        admin_id: UUID,
        action: str,
        *,
        student_id: UUID | None = None,
        interview_id: UUID | None = None,
    ) -> None:
        await self._pool.execute(
            """insert into org_audit_log (organisation_id, admin_id, action, student_id,
                   interview_id) values ($1, $2, $3, $4, $5)""",
            org_id,
            admin_id,
            action,
            student_id,
            interview_id,
        )

    async def audit_log(self, org_id: UUID, limit: int = 200) -> list[AuditEntry]:
        rows = await self._pool.fetch(
            """select a.id, a.admin_id, u.email as admin_email, a.action, a.student_id,
                      a.interview_id, a.at
               from org_audit_log a left join users u on u.id = a.admin_id
               where a.organisation_id = $1 order by a.at desc, a.id desc limit $2""",
            org_id,
            limit,
        )
        return [AuditEntry.model_validate(dict(row)) for row in rows]
