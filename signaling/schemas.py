"""Request and response bodies of the HTTP API (pydantic at the edge)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from agent.store.models import Interview, Turn

# An SDP offer from a browser is a few kB; anything far larger is not an offer.
MAX_SDP_CHARS = 100_000


class CreateInterview(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: str = Field(min_length=1, max_length=64)
    level: str = Field(min_length=1, max_length=32)
    interview_type: str = Field(min_length=1, max_length=32)


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

    @classmethod
    def of(cls, interview: Interview) -> InterviewSummary:
        return cls.model_validate(interview.model_dump())


class InterviewOut(InterviewSummary):
    turns: list[TurnOut] = Field(default_factory=list)
