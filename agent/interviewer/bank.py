"""The curated question bank: its typed schema, the options it offers, and question selection.

The bank ships as ``data/question_bank.json`` inside the package and is parsed once per
process. Question text and follow-ups are read aloud by TTS, so the schema rejects markdown
and symbols. Reference points are for scoring only and are never spoken to the candidate.
"""

from __future__ import annotations

import json
import random
import re
from functools import lru_cache
from importlib import resources
from typing import Literal, TypedDict, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Level = Literal["intern", "junior", "mid", "senior", "lead"]
QuestionType = Literal["technical", "behavioral", "hr", "case_study", "system_design"]
InterviewType = Literal["technical", "behavioral", "hr", "case_study", "system_design", "mixed"]

LEVELS: tuple[Level, ...] = get_args(Level)
QUESTION_TYPES: tuple[QuestionType, ...] = get_args(QuestionType)
INTERVIEW_TYPES: tuple[InterviewType, ...] = get_args(InterviewType)
ANY_ROLE = "any"

# Roles whose applied round is a business case rather than a system design exercise.
CASE_STUDY_ROLES = frozenset({"product_manager", "data_analyst", "data_scientist"})

# Characters a TTS voice would read out literally or that only make sense as markup.
SPOKEN_FORBIDDEN = frozenset("*#_`~[]{}<>|\\/=&^@$%")
# Short tags such as "databases" or "cloud cost": lower case words, usable in a spoken follow-up.
_TOPIC = re.compile(r"[a-z][a-z -]{0,30}[a-z]")


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
    difficulty: int | None = Field(default=None, ge=1, le=5)
    """1 (intern basics) to 5 (lead-level depth); lets the interviewer go harder or easier."""
    topics: tuple[str, ...] = Field(default=(), max_length=4)
    """Short tags such as "caching" or "stakeholders", to ground follow-ups and analysis."""
    follow_ups: tuple[str, ...] = Field(default=(), max_length=3)
    """Spoken probes the interviewer may ask after an answer; never reveal the reference points."""

    @field_validator("text", "reference_points", "follow_ups")
    @classmethod
    def _speakable(cls, value: str | tuple[str, ...]) -> str | tuple[str, ...]:
        for item in (value,) if isinstance(value, str) else value:
            bad = SPOKEN_FORBIDDEN.intersection(item)
            if bad or "->" in item:
                raise ValueError(f"not speakable, contains {sorted(bad) or ['->']}: {item!r}")
        return value

    @field_validator("topics")
    @classmethod
    def _tags(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for tag in value:
            if not _TOPIC.fullmatch(tag):
                raise ValueError(f"topic must be a short lower case tag: {tag!r}")
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
            raise ValueError(f"levels must be exactly {', '.join(LEVELS)}")
        if tuple(t.id for t in self.interview_types) != INTERVIEW_TYPES:
            raise ValueError(f"interview types must be exactly {', '.join(INTERVIEW_TYPES)}")
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
    fill in. A mixed interview follows ``mixed_round(role)`` (technical first), and when one
    type runs out the other types of the round make up the difference. Returns fewer than
    ``n`` only when the bank holds fewer fitting questions.
    """
    lv, it = validate_choice(role, level, interview_type)
    if n <= 0:
        return []
    rng = random.Random(seed)
    if it != "mixed":
        return _pick(role, lv, it, n, rng, taken=set())
    round_ = mixed_round(role)
    slots = [round_[i % len(round_)] for i in range(n)]
    taken: set[str] = set()
    queues = {t: _pick(role, lv, t, slots.count(t), rng, taken) for t in dict.fromkeys(round_)}
    for t in queues:  # types that ran short are made up by the others, in round order
        short = n - sum(len(q) for q in queues.values())
        if short <= 0:
            break
        queues[t] += _pick(role, lv, t, short, rng, taken)
    return _fill_slots(slots, queues)


def mixed_round(role: str) -> tuple[QuestionType, ...]:
    """The repeating order of question types in a mixed interview for ``role``.

    Technical and behavioral questions alternate; every third question is the role's applied
    round (a case study for product and data roles, system design for engineers) and every
    sixth an HR question.
    """
    applied: QuestionType = "case_study" if role in CASE_STUDY_ROLES else "system_design"
    return ("technical", "behavioral", applied, "technical", "behavioral", "hr")


def _fill_slots(
    slots: list[QuestionType], queues: dict[QuestionType, list[Question]]
) -> list[Question]:
    """Lays questions out in slot order; a slot whose type ran out takes the next type that has
    questions left, in round order."""
    out: list[Question] = []
    for want in slots:
        source = want if queues[want] else next((t for t in queues if queues[t]), None)
        if source is None:
            break
        out.append(queues[source].pop(0))
    return out


def _pick(
    role: str, level: Level, qtype: QuestionType, n: int, rng: random.Random, taken: set[str]
) -> list[Question]:
    """Up to ``n`` questions of one type, nearest level first, shuffled within each level tier."""
    if n <= 0:
        return []
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
