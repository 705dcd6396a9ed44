"""`PracticeSetStore`: an organisation's practice sets (named interview templates).

A set keeps the interview setup as JSON (its shape belongs to `agent.interviewer.setup`,
not to the store), an optional job description, and the dates it is open. Every query is
scoped to one organisation: another organisation's set is simply not found.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import asyncpg
from pydantic import BaseModel, ConfigDict

from agent.store.models import JsonObject

_COLUMNS = "id, organisation_id, name, setup, job_description, opens_on, closes_on, created_at"


class PracticeSet(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: UUID
    organisation_id: UUID
    name: str
    setup: JsonObject
    job_description: str | None
    opens_on: date | None
    closes_on: date | None
    created_at: datetime

    def is_open(self, today: date) -> bool:
        return (self.opens_on is None or self.opens_on <= today) and (
            self.closes_on is None or today <= self.closes_on
        )


class SetFields(BaseModel):
    """What an admin writes; the store does not judge the setup's contents."""

    name: str
    setup: JsonObject
    job_description: str | None = None
    opens_on: date | None = None
    closes_on: date | None = None


def _set(record: asyncpg.Record) -> PracticeSet:
    return PracticeSet.model_validate(dict(record))


class PracticeSetStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create(self, org_id: UUID, fields: SetFields) -> PracticeSet:
        record = await self._pool.fetchrow(
            f"""insert into practice_sets
                    (organisation_id, name, setup, job_description, opens_on, closes_on)
                values ($1, $2, $3, $4, $5, $6) returning {_COLUMNS}""",
            org_id,
            fields.name,
            fields.setup,
            fields.job_description,
            fields.opens_on,
            fields.closes_on,
        )
        assert record is not None
        return _set(record)

    async def update(self, org_id: UUID, set_id: UUID, fields: SetFields) -> PracticeSet | None:
        record = await self._pool.fetchrow(
            f"""update practice_sets set name = $3, setup = $4, job_description = $5,
                    opens_on = $6, closes_on = $7
                where id = $2 and organisation_id = $1 returning {_COLUMNS}""",
            org_id,
            set_id,
            fields.name,
            fields.setup,
            fields.job_description,
            fields.opens_on,
            fields.closes_on,
        )
        return _set(record) if record else None

    async def get(self, org_id: UUID, set_id: UUID) -> PracticeSet | None:
        record = await self._pool.fetchrow(
            f"select {_COLUMNS} from practice_sets where id = $2 and organisation_id = $1",
            org_id,
            set_id,
        )
        return _set(record) if record else None

    async def list(self, org_id: UUID) -> list[PracticeSet]:
        rows = await self._pool.fetch(
            f"""select {_COLUMNS} from practice_sets where organisation_id = $1
                order by created_at""",
            org_id,
        )
        return [_set(row) for row in rows]

    async def delete(self, org_id: UUID, set_id: UUID) -> bool:
        result = await self._pool.execute(
            "delete from practice_sets where id = $2 and organisation_id = $1", org_id, set_id
        )
        return str(result).endswith(" 1")
