"""The resume corpus (tests/data/resumes): every resume's expected organisations, titles and
dates (seasons and multi-summer internships included), and floors on the other fields."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))

from bench_resumes import FIELDS, corpus, profile_of, score

CORPUS = corpus()


def test_the_corpus_has_fifteen_resumes_in_several_layouts_and_formats() -> None:
    assert len(CORPUS) >= 15
    assert {p.suffix for p, _ in CORPUS} == {".pdf", ".docx"}
    assert len({p.stem.split("-", 1)[1] for p, _ in CORPUS}) >= 5


@pytest.mark.parametrize(("path", "expected"), CORPUS, ids=[p.name for p, _ in CORPUS])
def test_each_resume_gives_its_roles_with_organisation_title_and_dates(
    path: Path, expected: dict[str, object]
) -> None:
    result = score(profile_of(path), expected)
    for field in ("organisations", "titles", "dates"):
        right, total = result[field]
        assert right == total, (field, right, total)


def test_field_accuracy_floors_over_the_corpus() -> None:
    totals = {f: [0, 0] for f in FIELDS}
    for path, expected in CORPUS:
        for field, (right, total) in score(profile_of(path), expected).items():
            totals[field][0] += right
            totals[field][1] += total
    accuracy = {f: r / t for f, (r, t) in totals.items()}
    assert accuracy["organisations"] >= 0.9 and accuracy["titles"] >= 0.9
    assert accuracy["dates"] >= 0.9
    assert accuracy["name"] >= 0.85 and accuracy["institutions"] >= 0.7
    assert accuracy["skills"] >= 0.8
