"""Roles, education and projects read from the lines of their resume sections.

A role is anchored on a line that carries a date range; its title and organisation come
from that line and the one above it (or below it), told apart by the words in them
("Engineer", "Lead" are titles; "Inc.", "University", "Lab" are organisations). Layouts
understood: "Org / Title Dates" (awesome-cv, moderncv), "Title / Org | Dates",
"Title at Org (Dates)", "Title, Org, Dates", several roles under one organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .dates import DateRange, find_date_ranges
from .respacing import respace
from .sections import is_bullet, strip_bullet
from .wording import (
    is_glued,
    org_score,
    split_pieces,
    strip_location,
    tidy,
    title_score,
)

RoleKind = Literal["job", "internship", "research", "freelance", "activity"]

_MAX_HEADER_WORDS = 14
_MAX_DATED_LINE = 160
_MAX_HEADER_LINE = 200  # also bounds the regex work on a hostile line
_INTERNSHIP = re.compile(r"intern\b|internship|trainee|apprentice|werkstudent", re.IGNORECASE)
_RESEARCH = re.compile(r"research|postdoc|\blab\b|laboratory", re.IGNORECASE)
_CORE_TITLE = re.compile(r"engineer|developer|manager|architect|director|lead", re.IGNORECASE)
_FREELANCE = re.compile(r"freelanc|contractor|self-employed", re.IGNORECASE)
_DEGREE = re.compile(
    r"(?<![A-Za-z])(?:B\.\s?[SA]c?\.?|B\.?\s?Sc|B\.?\s?Eng|B\.?\s?Tech|BSc|BEng|BTech|BA|BS|"
    r"Bachelor(?:'s)?|M\.\s?[SA]c?\.?|M\.?\s?Sc|M\.?\s?Eng|M\.?\s?Tech|MSc|MEng|MS|MA|MBA|"
    r"Master(?:'s)?|Ph\.?\s?D\.?|PhD|Doctor(?:ate)?|Associate(?:'s)?\s(?:of|in|degree)|"
    r"A\.A\.S\.?|Diploma|High\s?School|GED|Certificate\sin)(?![a-z])"
)
_INSTITUTION = re.compile(
    r"universi|college|institut|school|academy|polytechn|conservatory|[ée]cole|hochschule|insead",
    re.IGNORECASE,
)
_FOOTER = re.compile(r"r[ée]sum[ée]|curriculum\s*vitae|\bpage\s*\d", re.IGNORECASE)
_PROJECT_SEPARATOR = re.compile(r"\s+[-\u2013\u2014|]\s+|:\s+|\s*[\u2013\u2014|]\s*")
_GPA = re.compile(r"\(?\b(?:c?gpa|grade)\b\s*:?\s*[\d.]+(?:\s*/\s*[\d.]+)?\)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RoleFound:
    title: str | None
    organisation: str | None
    periods: tuple[tuple[date, date | None], ...]
    kind: RoleKind
    description: str
    header: tuple[str, ...]  # the lines title and organisation came from


@dataclass(frozen=True, slots=True)
class EducationFound:
    degree: str | None
    institution: str | None
    year: int | None


@dataclass(frozen=True, slots=True)
class ProjectFound:
    name: str
    description: str


def read_roles(lines: list[str], *, activity: bool) -> list[RoleFound]:
    anchors = [i for i, line in enumerate(lines) if _is_dated(line)]
    headers: list[_Header] = []
    for i in anchors:
        floor = headers[-1].last + 1 if headers else 0
        headers.append(_read_header(lines, i, floor))
    roles: list[RoleFound] = []
    for n, header in enumerate(headers):
        org = header.org
        if org is None and n > 0 and headers[n - 1].last == header.first - 1:
            org = roles[-1].organisation  # a second role under the same organisation
        end = headers[n + 1].first if n + 1 < len(headers) else len(lines)
        body = " ".join(strip_bullet(line) for line in lines[header.last + 1 : end])
        roles.append(
            RoleFound(
                title=header.title,
                organisation=org,
                periods=header.periods,
                kind=_kind(header.title, org, activity),
                description=body[:2000],
                header=tuple(lines[header.first : header.last + 1]),
            )
        )
    return roles


@dataclass(frozen=True, slots=True)
class _Header:
    first: int  # the header's first and last line in the section
    last: int
    title: str | None
    org: str | None
    periods: tuple[tuple[date, date | None], ...]


def _read_header(lines: list[str], i: int, floor: int) -> _Header:
    """Title and organisation of the role whose dates are on line ``i``, from that line and
    its neighbours (never above ``floor``, where the previous role's header ended)."""
    ranges = _periods(lines[i])
    periods = tuple((r.start, r.end) for r in ranges)
    rest = tidy(_without_dates(lines[i], ranges))

    def usable(j: int) -> str | None:
        ok = floor <= j < len(lines) and _is_header_line(lines[j])
        return lines[j] if ok else None

    above, below = usable(i - 1), usable(i + 1)
    if not rest and above and usable(i - 2):
        # "Org, City / Title / Dates", one per line
        return _Header(i - 2, i, *_assign(lines[i - 2], above), periods)
    if rest and above:
        return _Header(i - 1, i, *_assign(above, rest), periods)
    if not rest and not above and below and usable(i + 2):
        # Europass and other dates-first layouts: "Dates / Title / Org, City"
        return _Header(i, i + 2, *_assign(below, lines[i + 2]), periods)
    if rest and below and not title_score(rest) and title_score(below):
        return _Header(i, i + 1, *_assign(rest, below), periods)
    first = i - 1 if (not rest and above) else i
    return _Header(first, i, *_one_line(rest or above or ""), periods)


def _periods(line: str) -> list[DateRange]:
    """The line's date ranges; a bare year beside real ranges is part of the text
    ("President at 2013 Jun. 2010 - Jun. 2017")."""
    ranges = find_date_ranges(line)
    bare = [r for r in ranges if re.fullmatch(r"\d{4}", line[r.span[0] : r.span[1]])]
    return [r for r in ranges if r not in bare] if len(bare) < len(ranges) else ranges


def _is_dated(line: str) -> bool:
    return (
        not is_bullet(line)
        and not _FOOTER.search(line)
        and len(line) <= _MAX_DATED_LINE
        and any(r.start.year >= 1950 for r in find_date_ranges(line))
    )


def _is_header_line(line: str) -> bool:
    if is_bullet(line) or find_date_ranges(line) or not (line[0].isupper() or line[0].isdigit()):
        return False
    if len(line) > _MAX_HEADER_LINE:
        return False
    if len(line.split()) > _MAX_HEADER_WORDS and not is_glued(line):
        return False
    return not (line.endswith(".") and len(line) > 60)


def _without_dates(line: str, ranges: list[DateRange]) -> str:
    for r in sorted(ranges, key=lambda r: -r.span[0]):
        line = line[: r.span[0]] + " " + line[r.span[1] :]
    return re.sub(r"\(\s*[,\s]*\)", " ", line)


def _one_line(single: str) -> tuple[str | None, str | None]:
    """Title and organisation from one line: "Engineer at Acme", "Acme | Engineer"."""
    pieces = [p for p in (strip_location(p) for p in split_pieces(single)) if p]
    if not pieces:
        return (None, None)
    if len(pieces) == 1:
        return (_clean(pieces[0]), None) if title_score(pieces[0]) else (None, _clean(pieces[0]))
    title = max(pieces, key=lambda p: title_score(p) - org_score(p))
    org = next(p for p in pieces if p is not title)
    return _clean(title), _clean(org)


def _assign(upper: str, lower: str) -> tuple[str | None, str | None]:
    """Which of two header lines is the title: the more title-like one; ties go to the lower
    line, as awesome-cv and moderncv put the organisation above the title."""
    up = title_score(upper) - org_score(upper)
    low = title_score(lower) - org_score(lower)
    title, org = (upper, lower) if up > low else (lower, upper)
    return _clean(strip_location(title)), _clean(strip_location(org))


def _clean(text: str) -> str | None:
    text = tidy(respace(text) if is_glued(text) else text)
    return text or None


def _kind(title: str | None, org: str | None, activity: bool) -> RoleKind:
    if activity:
        return "activity"
    title_text, org_text = title or "", org or ""
    if _INTERNSHIP.search(title_text):
        return "internship"
    if _FREELANCE.search(title_text):
        return "freelance"
    if _CORE_TITLE.search(title_text):
        return "job"
    if _RESEARCH.search(title_text) or _RESEARCH.search(org_text):
        return "research"
    return "job"


def read_education(lines: list[str]) -> list[EducationFound]:
    """One entry per degree or institution; a second of either starts the next entry."""
    found: list[EducationFound] = []
    current = EducationFound(None, None, None)
    for line in lines:
        if is_bullet(line) or _FOOTER.search(line) or len(line) > _MAX_HEADER_LINE:
            continue
        ranges = find_date_ranges(line)
        degree, institution = _degree_and_institution(_GPA.sub(" ", _without_dates(line, ranges)))
        if (degree and current.degree) or (institution and current.institution):
            found.append(current)
            current = EducationFound(None, None, None)
        year = current.year
        if ranges:
            last = max(ranges, key=lambda r: r.end or r.start)
            year = (last.end or last.start).year
        current = EducationFound(degree or current.degree, institution or current.institution, year)
    found.append(current)
    return [e for e in found if e.degree or e.institution]


_EDUCATION_SEPARATOR = re.compile(r"\s*[,|\u2022]\s*|\s+[-\u2013\u2014]\s+|\s*[\u2013\u2014]\s*")


def _degree_and_institution(text: str) -> tuple[str | None, str | None]:
    degree = institution = None
    pieces = _EDUCATION_SEPARATOR.split(text)
    pieces = [tidy(p) for p in pieces]
    for k, piece in enumerate(pieces):
        if not piece:
            continue
        if _DEGREE.search(piece) and degree is None:
            match = _DEGREE.search(piece)
            degree = _clean(piece[match.start() :] if match else piece)
        elif _INSTITUTION.search(piece) and institution is None:
            # The place after the institution ("Pohang, S.Korea") is cut with the rest.
            rest = ", ".join(p for p in pieces[k:] if p and not _DEGREE.search(p))
            institution = _clean(strip_location(rest))
    return degree, institution


def read_projects(lines: list[str]) -> list[ProjectFound]:
    projects: list[tuple[str, list[str]]] = []
    previous_bullet = True
    for line in lines:
        bullet = is_bullet(line)
        if not bullet and _is_project_header(line, previous_bullet, bool(projects)):
            match = _PROJECT_SEPARATOR.search(line)
            name, rest = (line[: match.start()], line[match.end() :]) if match else (line, "")
            projects.append((tidy(_without_dates(name, find_date_ranges(name))), [rest]))
        elif projects:
            projects[-1][1].append(strip_bullet(line))
        previous_bullet = bullet
    return [ProjectFound(name, tidy(" ".join(body))[:1000]) for name, body in projects if name]


def _is_project_header(line: str, after_bullet: bool, have_project: bool) -> bool:
    if len(line) > _MAX_HEADER_LINE or line.endswith("."):
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    separated = bool(_PROJECT_SEPARATOR.search(line[:60]))
    return not have_project or after_bullet or separated or len(line.split()) <= 8
