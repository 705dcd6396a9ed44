"""`InterviewStore`: interviews and their turns, read and written through an asyncpg pool.

The pool's connections must carry the jsonb codec of `agent.store.pool.init_connection`.
A store may also be built over one connection, to write inside that connection's
transaction (a text exchange records two turns and the checkpoint atomically).
Log lines name ids, statuses and sequence numbers only, never transcript text.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from uuid import UUID

import asyncpg

from agent.store.models import (
    Grounding,
    Interview,
    InterviewStatus,
    JsonObject,
    Latency,
    Speaker,
    Turn,
)

logger = logging.getLogger(__name__)

_INTERVIEW_COLUMNS = (
    "id, owner_id, role, level, interview_type, status, created_at, started_at, ended_at, "
    "setup, profile is not null as has_profile, job_description is not null as has_job_description"
)
_TURN_COLUMNS = (
    "id, interview_id, seq, speaker, text, heard_text, interrupted, started_at, ended_at, "
    "latency, created_at"
)

# A move happens only from the statuses the caller allows (`agent.sessions.lifecycle` owns
# which those are), in one guarded update, so two processes racing on one interview agree.
_SET_STATUS = f"""
update interviews set
    status = $2,
    started_at = case when $2 = 'active' then coalesce(started_at, now()) else started_at end,
    ended_at = case when $2 in ('completed', 'failed') then coalesce(ended_at, now())
                    else ended_at end
where id = $1 and status = any($3::text[])
returning {_INTERVIEW_COLUMNS}
"""

# Bumping interviews.last_turn_seq takes the interview's row lock, so concurrent inserts for
# one interview queue on it and each reads the counter its predecessor committed. An unknown
# interview updates no row, so nothing is inserted and no row comes back.
_ADD_TURN = f"""
with next_seq as (
    update interviews set last_turn_seq = last_turn_seq + 1
    where id = $1
    returning last_turn_seq as seq
)
insert into turns (interview_id, seq, speaker, text, heard_text, interrupted, started_at,
                   ended_at, latency)
select $1, next_seq.seq, $2, $3, $4, $5, $6, $7, $8 from next_seq
returning {_TURN_COLUMNS}
"""

_UPDATE_TURN = f"""
update turns set
    text = coalesce($2, text),
    ended_at = coalesce($3, ended_at),
    interrupted = coalesce($4, interrupted),
    heard_text = coalesce($5, heard_text),
    latency = case when $6::jsonb is null then latency
                   else coalesce(latency, '{{}}'::jsonb) || $6::jsonb end
where id = $1
returning {_TURN_COLUMNS}
"""


class InterviewNotFoundError(LookupError):
    """The interview a turn was added to does not exist (or was deleted)."""


_CREATE_INTERVIEW = f"""
insert into interviews (owner_id, role, level, interview_type, setup, profile, job_description)
values ($1, $2, $3, $4, $5, $6, $7)
returning {_INTERVIEW_COLUMNS}
"""


class InterviewStore:
    """Typed access to the ``interviews`` and ``turns`` tables.

    ``pool`` may be one ``asyncpg.Connection`` instead, to write inside its transaction.
    """

    def __init__(self, pool: asyncpg.Pool | asyncpg.Connection) -> None:
        self._pool = pool

    async def create_interview(
        self,
        *,
        owner_id: UUID,
        role: str,
        level: str,
        interview_type: str,
        setup: JsonObject | None = None,
        profile: JsonObject | None = None,
        job_description: str | None = None,
    ) -> Interview:
        """Insert a new interview in status ``created``.

        ``setup`` is the interviewer's setup as JSON; without it the database stores role,
        level and type only (migration 0005) and the interviewer's defaults apply to the rest. ``profile`` and
        ``job_description`` are the grounding, read back with `get_grounding`.
        """
        row = await self._pool.fetchrow(
            _CREATE_INTERVIEW,
            owner_id,
            role,
            level,
            interview_type,
            setup,
            profile,
            job_description,
        )
        if row is None:  # insert ... returning always yields its row
            raise RuntimeError("insert into interviews returned no row")
        interview = _interview(row)
        logger.info("interview %s created", interview.id)
        return interview

    async def get_interview(self, id: UUID) -> Interview | None:
        """The interview with ``id``, or None when there is none."""
        row = await self._pool.fetchrow(
            f"select {_INTERVIEW_COLUMNS} from interviews where id = $1", id
        )
        return None if row is None else _interview(row)

    async def get_owned(self, id: UUID, owner_id: UUID) -> Interview | None:
        """The interview if ``owner_id`` owns it; None otherwise, so ids never leak."""
        row = await self._pool.fetchrow(
            f"select {_INTERVIEW_COLUMNS} from interviews where id = $1 and owner_id = $2",
            id,
            owner_id,
        )
        return _interview(row) if row is not None else None

    async def get_grounding(self, id: UUID) -> Grounding | None:
        """The interview's profile and job description; None when there is no such interview."""
        row = await self._pool.fetchrow(
            "select profile, job_description from interviews where id = $1", id
        )
        return None if row is None else Grounding.model_validate(dict(row))

    async def list_for_owner(self, owner_id: UUID) -> list[Interview]:
        """The owner's interviews, newest first."""
        rows = await self._pool.fetch(
            f"select {_INTERVIEW_COLUMNS} from interviews where owner_id = $1 "
            "order by created_at desc",
            owner_id,
        )
        return [_interview(row) for row in rows]

    async def delete_owned(self, id: UUID, owner_id: UUID) -> bool:
        """Deletes the interview and its turns if ``owner_id`` owns it."""
        result = await self._pool.execute(
            "delete from interviews where id = $1 and owner_id = $2", id, owner_id
        )
        deleted: bool = result.endswith(" 1")
        if deleted:
            logger.info("interview %s deleted", id)
        return deleted

    async def move_status(
        self, id: UUID, status: InterviewStatus, *, allowed_from: Sequence[InterviewStatus]
    ) -> Interview | None:
        """Move the interview to ``status`` if it is in one of ``allowed_from``; None when
        there is no such interview.

        Becoming ``active`` sets ``started_at``; becoming ``completed`` or ``failed`` sets
        ``ended_at``; neither is overwritten once set. From any other status nothing changes
        and the interview comes back as it is.
        """
        row = await self._pool.fetchrow(_SET_STATUS, id, status, list(allowed_from))
        if row is None:
            return await self.get_interview(id)
        interview = _interview(row)
        logger.info("interview %s is %s", interview.id, interview.status)
        return interview

    async def add_turn(
        self,
        interview_id: UUID,
        *,
        speaker: Speaker,
        text: str,
        started_at: float,
        ended_at: float | None = None,
        interrupted: bool = False,
        heard_text: str | None = None,
        latency: Latency | None = None,
    ) -> Turn:
        """Append a turn with the interview's next ``seq`` (1, 2, ...), safe under concurrency.

        Raises `InterviewNotFoundError` when the interview does not exist.
        """
        row = await self._pool.fetchrow(
            _ADD_TURN,
            interview_id,
            speaker,
            text,
            heard_text,
            interrupted,
            started_at,
            ended_at,
            latency,
        )
        if row is None:
            raise InterviewNotFoundError(str(interview_id))
        turn = _turn(row)
        logger.debug("interview %s turn %d added", turn.interview_id, turn.seq)
        return turn

    async def update_turn(
        self,
        turn_id: int,
        *,
        text: str | None = None,
        ended_at: float | None = None,
        interrupted: bool | None = None,
        heard_text: str | None = None,
        latency: Latency | None = None,
    ) -> Turn | None:
        """Change the given fields of a turn (None leaves a field as it is).

        ``latency`` is merged key by key into the stored latency. None when there is no such
        turn.
        """
        row = await self._pool.fetchrow(
            _UPDATE_TURN, turn_id, text, ended_at, interrupted, heard_text, latency
        )
        return None if row is None else _turn(row)

    async def list_turns(self, interview_id: UUID) -> list[Turn]:
        """The interview's turns ordered by ``seq`` (empty for an unknown interview)."""
        rows = await self._pool.fetch(
            f"select {_TURN_COLUMNS} from turns where interview_id = $1 order by seq",
            interview_id,
        )
        return [_turn(row) for row in rows]


def _interview(row: asyncpg.Record) -> Interview:
    return Interview.model_validate(dict(row))


def _turn(row: asyncpg.Record) -> Turn:
    return Turn.model_validate(dict(row))
