"""Benchmark: profile field accuracy over the resume corpus in tests/data/resumes (prints it).

Each resume (PDF or DOCX, rendered from its .txt source by make_corpus.py) goes through intake
and `build_profile` and is compared with its .expected.json: the name, each expected role's
organisation, title and dates (a period per summer of a multi-summer internship), the
education institutions and the skills.

    .venv/bin/python tests/bench/bench_resumes.py
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from agent.intake import extract_document
from agent.understanding import CandidateProfile, build_profile

from paths import REPO

CORPUS = REPO / "tests" / "data" / "resumes"
TODAY = date(2025, 6, 1)
FIELDS = ("name", "organisations", "titles", "dates", "institutions", "skills")
_TYPES = {".pdf": "application/pdf", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}  # fmt: skip


def corpus() -> list[tuple[Path, dict[str, object]]]:
    out = []
    for expected in sorted(CORPUS.glob("*.expected.json")):
        stem = expected.name.removesuffix(".expected.json")
        rendered = next(p for p in CORPUS.glob(f"{stem}.*") if p.suffix in _TYPES)
        out.append((rendered, json.loads(expected.read_text())))
    return out


def profile_of(path: Path) -> CandidateProfile:
    text = extract_document(path.read_bytes(), path.name, _TYPES[path.suffix]).text
    return build_profile(text, today=TODAY)


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().replace(",", " ").split())


def _month(day: date | None) -> str | None:
    return f"{day.year:04d}-{day.month:02d}" if day else None


def score(profile: CandidateProfile, expected: dict[str, object]) -> dict[str, tuple[int, int]]:
    """(right, total) per field."""
    roles = expected["roles"]
    assert isinstance(roles, list)
    got = [(r, _norm(r.organisation), _norm(r.title)) for r in profile.roles]
    orgs = titles = dates = 0
    for want in roles:
        org, title = _norm(want["organisation"]), _norm(want["title"])
        same_org = [r for r, o, _ in got if o and (org in o or o in org)]
        orgs += bool(same_org)
        titles += any(_norm(r.title) == title for r in same_org)
        dates += any(
            _month(r.start) == want["start"] and _month(None if r.current else r.end) == want["end"]
            for r in same_org
        )
    institutions = expected["institutions"]
    skills = expected["skills"]
    assert isinstance(institutions, list) and isinstance(skills, list)
    have = [_norm(e.institution) for e in profile.education]
    have_skills = {s.lower() for s in profile.skills}
    return {
        "name": (int(profile.name == expected["name"]), 1),
        "organisations": (orgs, len(roles)),
        "titles": (titles, len(roles)),
        "dates": (dates, len(roles)),
        "institutions": (sum(_norm(i) in have for i in institutions), len(institutions)),
        "skills": (sum(s.lower() in have_skills for s in skills), len(skills)),
    }


def main() -> None:
    totals = {f: [0, 0] for f in FIELDS}
    print(f"{'resume':24s} " + " ".join(f"{f:>13s}" for f in FIELDS))
    for path, expected in corpus():
        result = score(profile_of(path), expected)
        for f, (right, total) in result.items():
            totals[f][0] += right
            totals[f][1] += total
        print(f"{path.name:24s} " + " ".join(f"{r:>9d}/{t:<3d}" for r, t in result.values()))
    print(
        f"{'accuracy':24s} "
        + " ".join(f"{100 * r / max(1, t):>12.0f}%" for r, t in totals.values())
    )


if __name__ == "__main__":
    main()
