"""Request and response bodies of the organisation routes (docs/CONTRACTS.md, issue 15)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from agent.interviewer.setup import InterviewSetup
from agent.store.orgs import ServerKeyInfo
from agent.store.practice_sets import PracticeSet
from agent.understanding import MAX_JD_CHARS

from ..schemas import storable

MAX_ORIGINS = 20


class EmbedTokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    student_id: str = Field(min_length=1, max_length=128, description="The portal's own id.")
    name: str = Field(min_length=1, max_length=200, description="Shown to the placement cell.")
    origin: str | None = Field(
        default=None, description="Bind the token to this one of the organisation's origins."
    )

    @field_validator("student_id", "name")
    @classmethod
    def _storable(cls, value: str) -> str:
        return storable(value)


class TokenOut(BaseModel):
    token: str
    expires_in: int


class OrgOut(BaseModel):
    id: UUID
    name: str
    allowed_origins: list[str]
    daily_interview_quota: int
    interviews_per_minute: int
    interviews_today: int
    server_key: ServerKeyInfo | None
    """The live key's prefix and age; the key itself is shown only when it is made."""


class OriginsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    origins: list[str] = Field(max_length=MAX_ORIGINS)


class ServerKeyOut(BaseModel):
    server_key: str
    """Shown this once; only its hash is stored."""
    prefix: str
    created_at: datetime


class InvitationOut(BaseModel):
    invitation: str
    url: str
    """The /org page that accepts it (the invitation rides in the fragment)."""
    expires_at: datetime


class AcceptInvitationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    invitation: str = Field(min_length=1, max_length=200)


class PracticeSetIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=120)
    setup: InterviewSetup
    job_description: str | None = Field(default=None, max_length=MAX_JD_CHARS)
    opens_on: date | None = None
    closes_on: date | None = None

    @field_validator("name", "job_description")
    @classmethod
    def _storable(cls, value: str | None) -> str | None:
        return None if value is None else storable(value)

    @model_validator(mode="after")
    def _window(self) -> PracticeSetIn:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValueError("closes_on must not be before opens_on")
        return self


class PracticeSetOut(BaseModel):
    id: UUID
    name: str
    setup: InterviewSetup
    job_description: str | None
    opens_on: date | None
    closes_on: date | None
    is_open: bool
    created_at: datetime

    @classmethod
    def of(cls, practice_set: PracticeSet, today: date, *, with_jd: bool = True) -> PracticeSetOut:
        return cls(
            id=practice_set.id,
            name=practice_set.name,
            setup=InterviewSetup.model_validate(practice_set.setup),
            job_description=practice_set.job_description if with_jd else None,
            opens_on=practice_set.opens_on,
            closes_on=practice_set.closes_on,
            is_open=practice_set.is_open(today),
            created_at=practice_set.created_at,
        )


class AdminOut(BaseModel):
    id: UUID
    email: str | None
    created_at: datetime
