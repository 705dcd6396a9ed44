"""The `Interviewer` of one stored interview: planned when the interview is created, restored
from its checkpoint on every later turn (whichever process, whichever channel asks).

Planning embeds the job description and builds the question plan: blocking CPU work that
runs in a worker process (`thinking`). The new interview row and its first checkpoint (version 1) commit
together, so an interview never exists without its plan.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import cast
from uuid import UUID

import asyncpg

from agent.interviewer import Interviewer
from agent.interviewer.setup import InterviewSetup
from agent.interviewer.state import InterviewState
from agent.store.checkpoints import CheckpointStore
from agent.store.interviews import InterviewNotFoundError, InterviewStore
from agent.store.models import Interview, JsonObject
from agent.understanding import CandidateProfile

from .thinking import plan_in_pool


@dataclass(frozen=True, slots=True)
class Restored:
    """An interviewer and the checkpoint version it was built from (None: never saved)."""

    interviewer: Interviewer
    version: int | None
    saved_at: float | None = None
    """When that checkpoint was saved (epoch seconds): where the interview's clock resumes."""


def state_json(interviewer: Interviewer) -> JsonObject:
    """The interviewer's state as the checkpoint stores it (plain JSON data by contract)."""
    return cast(JsonObject, interviewer.snapshot())


async def plan(
    setup: InterviewSetup,
    *,
    profile: CandidateProfile | None = None,
    job_description: str | None = None,
    seed: int | None = None,
) -> Interviewer:
    """A new interviewer with its plan made (in a worker process: it embeds text)."""
    return await plan_in_pool(setup, profile=profile, job_description=job_description, seed=seed)


async def create_planned_interview(
    pool: asyncpg.Pool,
    *,
    owner_id: UUID,
    setup: InterviewSetup,
    profile: CandidateProfile | None = None,
    job_description: str | None = None,
    seed: int | None = None,
) -> Interview:
    """Plan the interview, then store it with its first checkpoint in one transaction."""
    interviewer = await plan(setup, profile=profile, job_description=job_description, seed=seed)
    async with pool.acquire() as conn, conn.transaction():
        interview = await InterviewStore(conn).create_interview(
            owner_id=owner_id,
            role=setup.role,
            level=setup.level,
            interview_type=setup.interview_type,
            setup=setup.model_dump(mode="json"),
            profile=None if profile is None else profile.model_dump(mode="json"),
            job_description=job_description,
        )
        await CheckpointStore(conn).save(
            interview.id, state_json(interviewer), expected_version=None
        )
    return interview


async def restore(pool: asyncpg.Pool, interview: Interview) -> Restored:
    """The interviewer as its latest checkpoint left it.

    An interview with no checkpoint (created before checkpoints existed, or by a caller of
    the bare store) is planned now from its setup and grounding, with version None.
    """
    checkpoint = await CheckpointStore(pool).load(interview.id)
    if checkpoint is not None:
        state = cast(InterviewState, checkpoint.state)
        interviewer = await asyncio.to_thread(Interviewer.from_snapshot, state)
        return Restored(interviewer, checkpoint.version, checkpoint.updated_at.timestamp())
    grounding = await InterviewStore(pool).get_grounding(interview.id)
    if grounding is None:
        raise InterviewNotFoundError(str(interview.id))
    profile = (
        None if grounding.profile is None else CandidateProfile.model_validate(grounding.profile)
    )
    interviewer = await plan(
        InterviewSetup.model_validate(interview.setup),
        profile=profile,
        job_description=grounding.job_description,
    )
    return Restored(interviewer, None)
