"""What the candidate chose before the interview: role, level, type, length and persona.

Pydantic, because it arrives from the HTTP API and is stored with the interview. The
grounding (resume profile, job description) travels separately, see ``grounding.py``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .bank import InterviewType, Level, validate_choice

Tone = Literal["friendly", "neutral", "strict"]
LengthUnit = Literal["questions", "minutes"]

MAX_QUESTIONS = 30
MAX_MINUTES = 90
# A minutes-long interview plans about one main question per this many minutes.
MINUTES_PER_QUESTION = 3.0


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Persona(_Model):
    """Who the candidate talks to. The name and company style are spoken, so they are short
    plain text; they are data, never instructions to a language model."""

    name: str = Field(default="Alex", min_length=1, max_length=40, pattern=r"^[\w .'-]+$")
    tone: Tone = "neutral"
    company_style: str = Field(default="", max_length=80, pattern=r"^[\w .,'&()-]*$")
    """e.g. "a fast-moving startup", "a large bank"; empty for no particular company."""


class Length(_Model):
    unit: LengthUnit = "questions"
    value: int = Field(default=5, ge=1)

    @model_validator(mode="after")
    def _bounded(self) -> Length:
        top = MAX_QUESTIONS if self.unit == "questions" else MAX_MINUTES
        if self.value > top:
            raise ValueError(f"at most {top} {self.unit}")
        return self

    @property
    def main_questions(self) -> int:
        """How many main questions to plan (follow-ups come on top, within the time budget)."""
        if self.unit == "questions":
            return self.value
        return max(1, round(self.value / MINUTES_PER_QUESTION))

    @property
    def time_budget_s(self) -> float | None:
        return self.value * 60.0 if self.unit == "minutes" else None


class InterviewSetup(_Model):
    role: str = Field(min_length=1, max_length=64)
    level: Level
    interview_type: InterviewType
    length: Length = Field(default_factory=Length)
    persona: Persona = Field(default_factory=Persona)

    @model_validator(mode="after")
    def _known(self) -> InterviewSetup:
        validate_choice(self.role, self.level, self.interview_type)
        return self
