"""Date ranges as resumes write them, and months of experience without double counting."""

from __future__ import annotations

from datetime import date

import pytest

from agent.understanding.dates import find_date_ranges, months_in, union_months

D = date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan 2019 \u2013 Present", [(D(2019, 1, 1), None)]),
        ("Mar. 2021 - Jun. 2023", [(D(2021, 3, 1), D(2023, 6, 1))]),
        ("2017-2020", [(D(2017, 1, 1), D(2020, 12, 1))]),
        ("05/2018 to 09/2019", [(D(2018, 5, 1), D(2019, 9, 1))]),
        ("June 2018 — August 2019", [(D(2018, 6, 1), D(2019, 8, 1))]),
        ("Sept 2019 - Current", [(D(2019, 9, 1), None)]),
        ("Core Member Nov. 2011 - PRESENT", [(D(2011, 11, 1), None)]),
        ("Researcher Mar. 2016 - Exp. Jun. 2017", [(D(2016, 3, 1), D(2017, 6, 1))]),
        ("DevOpsEngineer Sep. 2023\u00adMar. 2024", [(D(2023, 9, 1), D(2024, 3, 1))]),
        (
            "Freelance Tester Sep. 2013, Mar. 2011 - Oct. 2011",
            [(D(2013, 9, 1), D(2013, 9, 1)), (D(2011, 3, 1), D(2011, 10, 1))],
        ),
        ("Engineer (2019\u20132021)", [(D(2019, 1, 1), D(2021, 12, 1))]),
        ("Dec 2020 to date", [(D(2020, 12, 1), None)]),
        ("served 2,000 users and 3.6 million requests", []),
        ("(+82) 10-9030-1843", []),
    ],
)
def test_ranges(text: str, expected: list[tuple[date, date | None]]) -> None:
    assert [(r.start, r.end) for r in find_date_ranges(text)] == expected


def test_months_are_inclusive_and_present_means_today() -> None:
    assert months_in(D(2021, 1, 1), D(2021, 3, 1), D(2030, 1, 1)) == 3
    assert months_in(D(2024, 11, 1), None, D(2025, 2, 14)) == 4


def test_overlapping_periods_count_once() -> None:
    periods = [(D(2016, 1, 1), D(2017, 6, 1)), (D(2016, 3, 1), D(2017, 6, 1))]
    assert union_months(periods, D(2025, 1, 1)) == 18
    assert union_months([*periods, (D(2020, 1, 1), None)], D(2020, 12, 1)) == 30


def test_seasons_are_the_months_they_cover_and_several_summers_stay_apart() -> None:
    from agent.understanding.dates import find_date_ranges

    def spans(text: str) -> list[tuple[date, date | None]]:
        return [(r.start, r.end) for r in find_date_ranges(text)]

    assert spans("Summer 2021") == [(date(2021, 6, 1), date(2021, 8, 1))]
    two = [(date(2019, 6, 1), date(2019, 8, 1)), (date(2020, 6, 1), date(2020, 8, 1))]
    assert spans("Software Intern, Summers 2019 and 2020") == two
    assert spans("Summer 2019, Summer 2020") == two
    assert spans("Summer 2019 - Fall 2020") == [(date(2019, 6, 1), date(2020, 11, 1))]
    assert spans("Jan 2019 - Present") == [(date(2019, 1, 1), None)]
