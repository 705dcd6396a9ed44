"""Request and response bodies of the HTTP API (pydantic at the edge)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from agent.interviewer.setup import InterviewSetup, Length, Persona
from agent.store.models import Interview, Turn
from agent.understanding import MAX_JD_CHARS, CandidateProfile

# An SDP offer from a browser is a few kB; anything far larger is not an offer.
MAX_SDP_CHARS = 100_000
# One typed candidate message in text mode; a spoken answer is rarely a tenth of this.
MAX_MESSAGE_CHARS = 4000


def storable(text: str) -> str:
    """``text`` if PostgreSQL can store it: no NUL character, no unpaired surrogate."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return text


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


class CreateInterview(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: str = Field(min_length=1, max_length=64)
    level: str = Field(min_length=1, max_length=32)
    interview_type: str = Field(min_length=1, max_length=32)
    length: Length | None = Field(
        default=None, description="Default: the server's MOCKLINE_MAX_QUESTIONS questions."
    )
    persona: Persona | None = None
    resume_id: UUID | None = Field(
        default=None, description="One of your resumes; its profile grounds the questions."
    )
    profile: CandidateProfile | None = Field(
        default=None,
        description="The profile as the candidate corrected it; wins over resume_id's.",
    )
    job_description: str | None = Field(
        default=None,
        description=f"The pasted job description, at most {MAX_JD_CHARS} characters (else 413).",
    )

    @field_validator("job_description")
    @classmethod
    def _storable_text(cls, value: str | None) -> str | None:
        return None if value is None else storable(value)

    @model_validator(mode="after")
    def _storable_profile(self) -> CreateInterview:
        if self.profile is not None:
            for text in _strings(self.profile.model_dump(mode="json")):
                storable(text)
        return self


class MessageIn(BaseModel):
    """What the candidate typed: one answer, question or command ("repeat", "skip")."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)

    @field_validator("text")
    @classmethod
    def _storable_text(cls, value: str) -> str:
        return storable(value)


class ConversationReply(BaseModel):
    """The interviewer's reply in text mode and where the interview stands after it."""

    reply: str
    finished: bool
    question_index: int = Field(description="0-based index of the current main question.")
    question_count: int = Field(description="Main questions planned.")


class Offer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    sdp: str = Field(min_length=1, max_length=MAX_SDP_CHARS)
    type: Literal["offer"]
    token: str = Field(min_length=1, max_length=2048)


class Answer(BaseModel):
    sdp: str
    type: Literal["answer"] = "answer"


class TurnOut(BaseModel):
    seq: int
    speaker: str
    text: str
    interrupted: bool
    heard_text: str | None
    started_at: float
    ended_at: float | None
    latency: dict[str, float] | None

    @classmethod
    def of(cls, turn: Turn) -> TurnOut:
        return cls.model_validate(turn.model_dump())


class InterviewSummary(BaseModel):
    id: UUID
    role: str
    level: str
    interview_type: str
    status: str
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    setup: InterviewSetup
    has_profile: bool
    has_job_description: bool
    overall_score: float | None = None
    """The feedback report's overall score (0-10) once it has been generated."""

    @classmethod
    def of(cls, interview: Interview, overall_score: float | None = None) -> InterviewSummary:
        return cls.model_validate({**interview.model_dump(), "overall_score": overall_score})


class InterviewOut(InterviewSummary):
    turns: list[TurnOut] = Field(default_factory=list)
