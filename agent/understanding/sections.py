"""A resume's text split into its sections ("Experience", "Education", ...) and lines.

A heading is a short line made only of heading words ("Work Experience", "Honors & Awards",
"TECHNICAL SKILLS:"), recognised also when its words are run together ("WorkExperience"),
which is how multi-column LaTeX PDFs often come out. The first heading word that names a
kind decides the section's kind; anything before the first heading is the ``header`` (name,
headline, contacts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .lang import word_set

SectionKind = Literal[
    "header", "summary", "experience", "education", "skills", "projects", "activities", "other"
]

_KIND_WORDS: dict[str, SectionKind] = {
    **dict.fromkeys(
        word_set("experience experiences employment work career internships internship"),
        "experience",
    ),
    **dict.fromkeys(word_set("education academic academics"), "education"),
    **dict.fromkeys(
        word_set("skills skill technologies technology tools competencies expertise stack"),
        "skills",
    ),
    **dict.fromkeys(word_set("projects project portfolio"), "projects"),
    **dict.fromkeys(word_set("summary profile objective about overview"), "summary"),
    **dict.fromkeys(
        word_set("activities activity extracurricular volunteer volunteering leadership community"),
        "activities",
    ),
    **dict.fromkeys(
        word_set(
            "certificates certifications certificate awards honors honours publications "
            "presentations presentation talks writing languages interests hobbies references "
            "achievements courses coursework patents committees"
        ),
        "other",
    ),
}
# Words that may sit in a heading beside a kind word ("Relevant Work Experience").
_QUALIFIERS = word_set(
    "professional relevant research teaching technical core key selected personal side "
    "open source contributions other additional information history background training "
    "and of me my the program industry academic qualifications summary highlights "
    "international domestic tech"
)
_HEADING_WORDS = set(_KIND_WORDS) | _QUALIFIERS
_MAX_HEADING_WORDS = 5
_BULLET = re.compile(r"^\s*(?:[•◦▪▫●○■□►▸‣➢✓✔*·]|[-\u2013\u2014](?=\s)|\d{1,2}[.)](?=\s))\s*")


@dataclass(slots=True)
class Section:
    kind: SectionKind
    heading: str
    lines: list[str] = field(default_factory=list)


def split_sections(text: str) -> list[Section]:
    """The text's sections in order; blank lines are dropped, runs of spaces collapsed,
    bullets keep their marker."""
    sections = [Section("header", "")]
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        kind = heading_kind(line)
        if kind is not None:
            sections.append(Section(kind, line.rstrip(":").strip()))
        else:
            sections[-1].lines.append(line)
    return sections


def heading_kind(line: str) -> SectionKind | None:
    """The section kind if ``line`` is a heading, else None."""
    if len(line) > 60 or re.search(r"\d", line) or _BULLET.match(line):
        return None
    letters = re.sub(r"[^a-z]", "", line.lower())
    if not letters or re.search(r"[^\w\s&/,:+-]", line):
        return None
    words = _segment(letters)
    if words is None or len(words) > _MAX_HEADING_WORDS:
        return None
    for word in words:
        if word in _KIND_WORDS:
            return _KIND_WORDS[word]
    return None


def _segment(letters: str) -> list[str] | None:
    """``letters`` as a sequence of heading words (fewest words), or None if impossible."""
    best: list[list[str] | None] = [None] * (len(letters) + 1)
    best[0] = []
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 16), end):
            prefix = best[start]
            if prefix is not None and letters[start:end] in _HEADING_WORDS:
                candidate = [*prefix, letters[start:end]]
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[-1]


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def strip_bullet(line: str) -> str:
    return _BULLET.sub("", line, count=1).strip()
