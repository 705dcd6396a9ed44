"""The curated question bank: its typed schema, the options it offers, and question selection.

The bank ships as ``data/question_bank.json`` inside the package and is parsed once per
process. Question text is read aloud by TTS, so the schema rejects markdown and symbols.
"""

from __future__ import annotations

import json
import random
from functools import lru_cache
from importlib import resources
from typing import Literal, TypedDict, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Level = Literal["intern", "junior", "mid", "senior"]
QuestionType = Literal["technical", "behavioral", "hr"]
InterviewType = Literal["technical", "behavioral", "hr", "mixed"]

LEVELS: tuple[Level, ...] = get_args(Level)
INTERVIEW_TYPES: tuple[InterviewType, ...] = get_args(InterviewType)
ANY_ROLE = "any"

# Characters a TTS voice would read out literally or that only make sense as markup.
SPOKEN_FORBIDDEN = frozenset("*#_`~[]{}<>|\\/=&^@$%")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Option(_Frozen):
    id: str
    label: str


class LevelOption(_Frozen):
    id: Level
    label: str


class InterviewTypeOption(_Frozen):
    id: InterviewType
    label: str


class Question(_Frozen):
    id: str
    roles: tuple[str, ...] = Field(min_length=1)
    levels: tuple[Level, ...] = Field(min_length=1)
    type: QuestionType
    text: str = Field(min_length=10)
    reference_points: tuple[str, ...] = Field(min_length=3, max_length=5)

    @field_validator("text", "reference_points")
    @classmethod
    def _speakable(cls, value: str | tuple[str, ...]) -> str | tuple[str, ...]:
        for item in (value,) if isinstance(value, str) else value:
            bad = SPOKEN_FORBIDDEN.intersection(item)
            if bad or "->" in item:
                raise ValueError(f"not speakable, contains {sorted(bad) or ['->']}: {item!r}")
        return value

    def fits(self, role: str, level: Level) -> bool:
        return (role in self.roles or ANY_ROLE in self.roles) and level in self.levels


class QuestionBank(_Frozen):
    version: int
    roles: tuple[Option, ...]
    levels: tuple[LevelOption, ...]
    interview_types: tuple[InterviewTypeOption, ...]
    questions: tuple[Question, ...]

    @model_validator(mode="after")
    def _consistent(self) -> QuestionBank:
        role_ids = {r.id for r in self.roles}
        ids = [q.id for q in self.questions]
        if len(ids) != len(set(ids)):
            raise ValueError("question ids must be unique")
        texts = [q.text for q in self.questions]
        if len(texts) != len(set(texts)):
            raise ValueError("question texts must be unique")
        for q in self.questions:
            unknown = set(q.roles) - role_ids - {ANY_ROLE}
            if unknown:
                raise ValueError(f"question {q.id} names unknown roles {sorted(unknown)}")
        if tuple(lv.id for lv in self.levels) != LEVELS:
            raise ValueError("levels must be exactly intern, junior, mid, senior")
        if tuple(t.id for t in self.interview_types) != INTERVIEW_TYPES:
            raise ValueError("interview types must be technical, behavioral, hr, mixed")
        return self

    def role_label(self, role: str) -> str:
        return next(r.label for r in self.roles if r.id == role)

    def by_id(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


class OptionsDict(TypedDict):
    roles: list[dict[str, str]]
    levels: list[str]
    interview_types: list[dict[str, str]]


@lru_cache(maxsize=1)
def load_bank() -> QuestionBank:
    raw = (
        resources.files("agent.interviewer").joinpath("data/question_bank.json").read_text("utf-8")
    )
    return QuestionBank.model_validate(json.loads(raw))


def options() -> OptionsDict:
    """The choices offered to a candidate, shaped for ``GET /api/options``."""
    bank = load_bank()
    return {
        "roles": [r.model_dump() for r in bank.roles],
        "levels": [lv.id for lv in bank.levels],
        "interview_types": [t.model_dump() for t in bank.interview_types],
    }


def validate_choice(role: str, level: str, interview_type: str) -> tuple[Level, InterviewType]:
    """Checks a (role, level, type) triple against the bank; raises ``ValueError`` if unknown."""
    bank = load_bank()
    if role not in {r.id for r in bank.roles}:
        raise ValueError(f"unknown role {role!r}")
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    if interview_type not in INTERVIEW_TYPES:
        raise ValueError(f"unknown interview type {interview_type!r}")
    return level, interview_type


def select_questions(
    role: str, level: str, interview_type: str, n: int, seed: int | None = None
) -> list[Question]:
    """Picks up to ``n`` distinct questions for an interview, deterministically for a seed.

    Questions at the candidate's level come first; when too few match, the nearest levels
    fill in, then (for a mixed interview) the other question type. Returns fewer than ``n``
    only when the bank holds fewer fitting questions. A mixed interview alternates
    technical and behavioral questions, starting with a technical one.
    """
    lv, it = validate_choice(role, level, interview_type)
    if n <= 0:
        return []
    rng = random.Random(seed)
    if it != "mixed":
        return _pick(role, lv, it, n, rng, taken=set())
    n_tech = (n + 1) // 2
    taken: set[str] = set()
    tech = _pick(role, lv, "technical", n_tech, rng, taken)
    behav = _pick(role, lv, "behavioral", n - len(tech), rng, taken)
    if len(tech) + len(behav) < n:
        tech += _pick(role, lv, "technical", n - len(tech) - len(behav), rng, taken)
    return _interleave(tech, behav)


def _pick(
    role: str, level: Level, qtype: QuestionType, n: int, rng: random.Random, taken: set[str]
) -> list[Question]:
    """Up to ``n`` questions of one type, nearest level first, shuffled within each level tier."""
    pool = [q for q in load_bank().questions if q.type == qtype and q.id not in taken]
    home = LEVELS.index(level)
    picked: list[Question] = []
    for distance in range(len(LEVELS)):
        near = {lv for i, lv in enumerate(LEVELS) if abs(i - home) == distance}
        tier = [q for q in pool if q.id not in taken and any(q.fits(role, lv) for lv in near)]
        rng.shuffle(tier)
        for q in tier:
            if len(picked) == n:
                return picked
            picked.append(q)
            taken.add(q.id)
    return picked


def _interleave(first: list[Question], second: list[Question]) -> list[Question]:
    out: list[Question] = []
    for i in range(max(len(first), len(second))):
        out.extend(x[i] for x in (first, second) if i < len(x))
    return out
