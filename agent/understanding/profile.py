"""Resume text -> `CandidateProfile`: who the candidate is, what they know, where they worked.

`build_profile` takes the cleaned text from `agent.intake` (whose PDF reader already puts
back the word spaces TeX leaves out) and also copes with text whose words are run together:
skills are found inside glued words, headings are recognised glued, and names, titles and
organisations are re-spaced at camel-case joins. It is pure and CPU-only: 20-30 ms for a
two-to-five page resume, under 0.2 s for 100,000 characters of anything.

The profile is a plain pydantic model, shown to the candidate, who may correct it before the
interview: `merge_corrections` applies their edits field by field (a list given replaces the
whole list), re-validates, and recomputes the total years when the roles changed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .dates import months_in, union_months
from .entries import (
    EducationFound,
    ProjectFound,
    RoleFound,
    read_education,
    read_projects,
    read_roles,
)
from .entries import RoleKind as RoleKind
from .injection import without_instructions
from .respacing import respace
from .sections import Section, heading_kind, split_sections
from .skills import SkillVocabulary, default_vocabulary
from .wording import TITLE_WORDS, is_glued, title_score

MAX_SKILLS, MAX_ROLES, MAX_PROJECTS, MAX_EDUCATION = 300, 60, 60, 20
_MAX_TEXT = 300
EARLIEST_YEAR = 1950
# Kinds that count towards years of professional experience.
COUNTED_KINDS: frozenset[str] = frozenset({"job", "research", "freelance"})

_Text = Field(default=None, max_length=_MAX_TEXT)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Role(_Model):
    title: str | None = _Text
    organisation: str | None = _Text
    start: date | None = None  # first day of the month
    end: date | None = None  # None with current=True: ongoing; None otherwise: unknown
    current: bool = False
    kind: RoleKind = "job"
    skills: list[str] = Field(default_factory=list, max_length=100)
    description: str = Field(default="", max_length=3000)

    def months(self, today: date | None = None) -> int | None:
        """Length in months, both ends included; None when the dates are unknown."""
        if self.start is None or (self.end is None and not self.current):
            return None
        return months_in(self.start, None if self.current else self.end, today or date.today())

    def years(self, today: date | None = None) -> float | None:
        months = self.months(today)
        return None if months is None else round(months / 12, 1)


class Education(_Model):
    degree: str | None = _Text
    institution: str | None = _Text
    year: int | None = Field(default=None, ge=EARLIEST_YEAR, le=2100)  # graduation (or expected)


class Project(_Model):
    name: str = Field(max_length=_MAX_TEXT)
    description: str = Field(default="", max_length=3000)
    skills: list[str] = Field(default_factory=list, max_length=100)


class CandidateProfile(_Model):
    name: str | None = Field(default=None, max_length=120)
    headline: str | None = _Text
    skills: list[str] = Field(default_factory=list, max_length=MAX_SKILLS)
    years_experience: float | None = Field(default=None, ge=0, le=80)
    roles: list[Role] = Field(default_factory=list, max_length=MAX_ROLES)
    projects: list[Project] = Field(default_factory=list, max_length=MAX_PROJECTS)
    education: list[Education] = Field(default_factory=list, max_length=MAX_EDUCATION)

    @field_validator("skills")
    @classmethod
    def _distinct_skills(cls, skills: list[str]) -> list[str]:
        seen: dict[str, str] = {}
        for skill in skills:
            cleaned = " ".join(skill.split())[:80]
            if cleaned:
                seen.setdefault(cleaned.lower(), cleaned)
        return list(seen.values())


def build_profile(
    text: str, *, today: date | None = None, vocabulary: SkillVocabulary | None = None
) -> CandidateProfile:
    """The structured profile of a resume's text. ``today`` dates "Present" (default: today)."""
    vocabulary = vocabulary or default_vocabulary()
    today = today or date.today()
    text = without_instructions(text)  # "Note to the AI interviewer: …" is nobody's skill
    sections = split_sections(text)
    found_roles = [
        found
        for section in sections
        if section.kind in ("experience", "activities")
        for found in read_roles(section.lines, activity=section.kind == "activities")
    ]
    periods = [(found, start, end) for found in found_roles for start, end in found.periods]
    roles = [_role(found, start, end, vocabulary) for found, start, end in periods[:MAX_ROLES]]
    projects = [p for s in _of(sections, "projects") for p in read_projects(s.lines)]
    education = [e for s in _of(sections, "education") for e in read_education(s.lines)]
    header = sections[0].lines
    name = _name(header)
    return CandidateProfile(
        name=name,
        headline=_headline(header, name),
        skills=vocabulary.skills(_without_employers(text, found_roles))[:MAX_SKILLS],
        years_experience=total_years(roles, today),
        roles=roles,
        projects=[_project(p, vocabulary) for p in projects[:MAX_PROJECTS]],
        education=[_education(e) for e in education[:MAX_EDUCATION]],
    )


def total_years(roles: list[Role], today: date) -> float | None:
    """Years covered by counted roles (jobs, research, freelance), overlaps counted once."""
    periods = [
        (role.start, min(today, today if role.current else (role.end or role.start)))
        for role in roles
        if role.kind in COUNTED_KINDS
        and role.start is not None
        # A start before 1950 or in the future is a typo, not experience.
        and date(EARLIEST_YEAR, 1, 1) <= role.start <= today
    ]
    if not periods:
        return None
    return round(union_months(periods, today) / 12, 1)


def merge_corrections(
    profile: CandidateProfile,
    corrections: Mapping[str, object],
    *,
    today: date | None = None,
    vocabulary: SkillVocabulary | None = None,
) -> CandidateProfile:
    """``profile`` with the candidate's edits: each field given replaces the extracted one
    (lists wholesale), unknown fields are rejected (pydantic ValidationError), skills are
    mapped to the vocabulary's names where they match one ("postgres" -> "PostgreSQL"),
    and ``years_experience`` follows corrected roles unless it was corrected itself."""
    merged = CandidateProfile.model_validate({**profile.model_dump(), **corrections})
    vocabulary = vocabulary or default_vocabulary()
    skills = [vocabulary.canonical(skill) for skill in merged.skills]
    update: dict[str, object] = {"skills": CandidateProfile._distinct_skills(skills)}
    if "roles" in corrections and "years_experience" not in corrections:
        update["years_experience"] = total_years(merged.roles, today or date.today())
    return merged.model_copy(update=update)


def _without_employers(text: str, roles: list[RoleFound]) -> str:
    """``text`` with each employer's name blanked in its role's header lines: working at
    Stripe or Oracle is not a skill, while "Oracle" elsewhere in the text still is."""
    blanked = {
        line: line.replace(role.organisation, " " * len(role.organisation))
        for role in roles
        if role.organisation
        for line in role.header
    }
    if not blanked:
        return text
    return "\n".join(blanked.get(" ".join(line.split()), line) for line in text.split("\n"))


def _of(sections: list[Section], kind: str) -> list[Section]:
    return [s for s in sections if s.kind == kind]


def _role(found: RoleFound, start: date, end: date | None, vocabulary: SkillVocabulary) -> Role:
    return Role(
        title=_cut(found.title),
        organisation=_cut(found.organisation),
        start=start,
        end=end,
        current=end is None,
        kind=found.kind,
        skills=vocabulary.skills(f"{found.title or ''}\n{found.description}")[:100],
        description=found.description,
    )


def _education(found: EducationFound) -> Education:
    year = found.year if found.year and EARLIEST_YEAR <= found.year <= 2100 else None
    return Education(degree=_cut(found.degree), institution=_cut(found.institution), year=year)


def _cut(text: str | None, limit: int = _MAX_TEXT) -> str | None:
    return text[:limit] if text else text


def _project(found: ProjectFound, vocabulary: SkillVocabulary) -> Project:
    return Project(
        name=found.name[:_MAX_TEXT],
        description=found.description,
        skills=vocabulary.skills(f"{found.name}\n{found.description}")[:100],
    )


_MAX_NAME_LINE = 80
_NAME_WORD = re.compile(r"(?:[A-Z][a-zà-ÿ'\u2019-]*[a-zà-ÿ]|[A-Z]\.?|[A-Z][A-Z'\u2019-]+)$")
_NOT_NAME = re.compile(r"resume|résumé|curriculum|vitae|\bcv\b|@|\d|http|www\.", re.IGNORECASE)


def _name(header: list[str]) -> str | None:
    """The first line, if it reads as a person's name (2-4 capitalised words)."""
    for line in header[:2]:
        candidate = re.sub(r"^(?:name\s*:\s*)", "", line, flags=re.IGNORECASE).strip()
        if len(candidate) > _MAX_NAME_LINE:
            return None
        if _NOT_NAME.search(candidate):
            continue
        candidate = respace(candidate) if is_glued(candidate) else candidate
        candidate = (
            re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", candidate)
            if " " not in candidate
            else candidate
        )
        parts = candidate.split()
        if not 2 <= len(parts) <= 4 or heading_kind(candidate) is not None:
            return None
        if all(_NAME_WORD.match(p) for p in parts) and not any(
            p.lower().strip(".") in TITLE_WORDS for p in parts
        ):
            return candidate.title() if candidate.isupper() else candidate
        return None
    return None


def _headline(header: list[str], name: str | None) -> str | None:
    """The line under the name when it reads as a professional title."""
    start = 1 if name else 0
    for line in header[start : start + 2]:
        if _NOT_NAME.search(line) or len(line.split()) > 12 or len(line) > 120:
            continue
        if title_score(line):
            return respace(line) if is_glued(line) else line
    return None
