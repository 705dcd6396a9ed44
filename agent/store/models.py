"""Row models of the store: what `InterviewStore` returns, validated from database records."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, JsonValue

InterviewStatus = Literal["created", "active", "completed", "failed"]
Speaker = Literal["interviewer", "candidate"]
# Per-turn timings by stage name, e.g. {"asr_ms": 180.0, "llm_first_token_ms": 420.0}.
Latency = dict[str, float]
# A JSON object as stored in a jsonb column; its shape belongs to the layer that wrote it
# (the interviewer's setup, profile and graph state), not to the store.
JsonObject = dict[str, JsonValue]


class Interview(BaseModel):
    """One mock interview, owned by one user."""

    model_config = ConfigDict(frozen=True)

    id: UUID
    owner_id: UUID
    role: str
    level: str
    interview_type: str
    status: InterviewStatus
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    setup: JsonObject
    """The candidate's choices (`agent.interviewer.setup.InterviewSetup` as JSON)."""
    has_profile: bool = False
    has_job_description: bool = False


class Grounding(BaseModel):
    """What the interviewer was told about the candidate and the job, read on demand only:
    both are personal data and can be long, so interview lists never carry them."""

    model_config = ConfigDict(frozen=True)

    profile: JsonObject | None
    job_description: str | None


class Turn(BaseModel):
    """One utterance. ``started_at``/``ended_at`` are seconds since the call started.

    ``heard_text`` is what the candidate actually heard of an interrupted interviewer turn.
    """

    model_config = ConfigDict(frozen=True)

    id: int
    interview_id: UUID
    seq: int
    speaker: Speaker
    text: str
    heard_text: str | None
    interrupted: bool
    started_at: float
    ended_at: float | None
    latency: Latency | None
    created_at: datetime


class User(BaseModel):
    """An account. A guest has no email until it is claimed by signing up."""

    model_config = ConfigDict(frozen=True)

    id: UUID
    email: str | None
    is_guest: bool
    display_name: str | None
    store_audio: bool
    transcript_retention_days: int | None
    created_at: datetime
    claimed_at: datetime | None
    organisation_id: UUID | None = None
    org_role: Literal["member", "admin"] = "member"
    external_id: str | None = None
    """A student's id at their organisation's portal (set only for students who came
    through an organisation's embed; they have no email and no password)."""

    @property
    def is_student(self) -> bool:
        return self.external_id is not None and self.organisation_id is not None
