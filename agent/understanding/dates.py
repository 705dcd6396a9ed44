"""Date ranges as resumes write them, and the months of experience they add up to.

Understood: "Jan 2019 - Present", "Mar. 2021 - Jun. 2023", "2017-2020", "05/2018 to 09/2019",
seasons ("Summer 2021" is June to August; "Summers 2019 and 2020" two summers, not two years),
"Sep 2013, Mar 2011 - Oct 2011" (two ranges), "Mar. 2016 - Exp. Jun. 2017", and the soft
hyphen that TeX PDFs put between two dates. A year alone means January (start) or December
(end) of that year. Months are counted inclusively (Jan-Mar is three months), and periods
that overlap are counted once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"(?:19|20)\d{2}"
_ONE_DATE = (
    rf"(?:{_MONTH}\.?\s*(?:\d{{1,2}}(?:st|nd|rd|th)?\s*)?,?\s*(?:{_YEAR}|'\d{{2}})"
    rf"|(?<!\d,)(?:0?[1-9]|1[0-2])\s*/\s*{_YEAR}"
    rf"|(?<!\d,){_YEAR})"
)
_EXPECTED = r"(?:exp(?:ected)?\.?\s*)?"
_PRESENT = r"(?:present|current|now|today|ongoing|date)"
_SEPARATOR = r"\s*(?:-|\u2013|\u2014|\u2015|\u2012|\u00ad|~|\bto\b|\buntil\b|\btill\b)\s*"
_RANGE = re.compile(
    rf"(?<![\w./])(?P<start>{_EXPECTED}{_ONE_DATE})"
    rf"(?:{_SEPARATOR}(?P<end>{_EXPECTED}(?:{_ONE_DATE}|{_PRESENT})))?(?![\w/]|,\d)",
    re.IGNORECASE,
)
_PARTS = re.compile(
    rf"(?P<month>{_MONTH})|(?P<num>0?[1-9]|1[0-2])\s*/|(?P<year>{_YEAR})|'(?P<short>\d{{2}})"
    r"|\d{1,2}(?:st|nd|rd|th)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateRange:
    start: date
    end: date | None  # None: up to now ("Present")
    span: tuple[int, int]  # where the range was written in its line

    @property
    def current(self) -> bool:
        return self.end is None


_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11),
                  "winter": (1, 2)}  # fmt: skip
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
# "Summer 2021", "Summer 2019 - Fall 2020", "Summers 2019 and 2020", "Summer 2019, Summer 2020".
_SEASONS = re.compile(
    rf"(?<![\w])(?P<season>{_SEASON})s?\s+(?P<years>{_YEAR}(?:\s*(?:,|&|and|/)\s*(?:{_SEASON}s?\s+)?"
    rf"{_YEAR})*)(?:{_SEPARATOR}(?P<to_season>{_SEASON})\s+(?P<to_year>{_YEAR}))?(?![\w/])",
    re.IGNORECASE,
)


def _season_ranges(text: str) -> list[DateRange]:
    """Seasons as the months they cover; several summers are several short periods, never the
    years between them."""
    found = []
    for match in _SEASONS.finditer(text):
        first, last = _SEASON_MONTHS[match.group("season").lower()]
        years = [int(y) for y in re.findall(_YEAR, match.group("years"))]
        if match.group("to_season"):
            end_month = _SEASON_MONTHS[match.group("to_season").lower()][1]
            end = date(int(match.group("to_year")), end_month, 1)
            found.append(DateRange(date(years[0], first, 1), end, match.span()))
            continue
        seasons = re.findall(_SEASON, match.group("years"), re.IGNORECASE)
        for year, season in zip(years, [match.group("season"), *seasons], strict=False):
            a, b = _SEASON_MONTHS[season.lower()]
            found.append(DateRange(date(year, a, 1), date(year, b, 1), match.span()))
        for year in years[len(seasons) + 1 :]:
            found.append(DateRange(date(year, first, 1), date(year, last, 1), match.span()))
    return found


def find_date_ranges(text: str) -> list[DateRange]:
    """The date ranges (or single dates, as one-month or one-year ranges) in ``text``."""
    found = _season_ranges(text)
    for season in reversed(found):
        a, b = season.span
        text = text[:a] + " " * (b - a) + text[b:]
    for match in _RANGE.finditer(text):
        start = _parse(match.group("start"), as_end=False)
        if start is None:
            continue
        end_text = match.group("end")
        if end_text is None:
            end = _parse(match.group("start"), as_end=True)
        elif re.fullmatch(_EXPECTED + _PRESENT, end_text, re.IGNORECASE):
            end = None
        else:
            end = _parse(end_text, as_end=True)
            if end is None or end < start:
                end = _parse(match.group("start"), as_end=True)
        found.append(DateRange(start, end, match.span()))
    return found


def _parse(text: str, *, as_end: bool) -> date | None:
    month: int | None = None
    year: int | None = None
    for part in _PARTS.finditer(text):
        if part.group("month"):
            month = _MONTHS[part.group("month")[:3].lower()]
        elif part.group("num"):
            month = int(part.group("num"))
        elif part.group("year"):
            year = int(part.group("year"))
        elif part.group("short") is not None:
            short = int(part.group("short"))
            year = 2000 + short if short < 70 else 1900 + short
    if year is None:
        return None
    return date(year, month or (12 if as_end else 1), 1)


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def months_in(start: date, end: date | None, today: date) -> int:
    """Inclusive months from ``start`` to ``end`` (or to ``today`` when ``end`` is None)."""
    last = month_index(end or today)
    return max(0, last - month_index(start) + 1)


def union_months(periods: Iterable[tuple[date, date | None]], today: date) -> int:
    """Months covered by at least one period: overlapping roles count once."""
    covered: set[int] = set()
    for start, end in periods:
        first, last = month_index(start), month_index(end or today)
        covered.update(range(first, max(first, last + 1)))
    return len(covered)
