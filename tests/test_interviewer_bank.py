"""The shipped question bank: validity, options, and question selection."""

from __future__ import annotations

import itertools

import pytest

from agent.interviewer.bank import (
    INTERVIEW_TYPES,
    LEVELS,
    SPOKEN_FORBIDDEN,
    load_bank,
    options,
    select_questions,
)

ROLES = [
    "backend_engineer",
    "frontend_developer",
    "data_analyst",
    "product_manager",
    "data_scientist",
    "devops_engineer",
]
COMBINATIONS = list(itertools.product(ROLES, LEVELS, INTERVIEW_TYPES))


def test_bank_has_enough_unique_questions() -> None:
    questions = load_bank().questions
    assert len(questions) >= 120
    assert len({q.id for q in questions}) == len(questions)
    assert len({q.text.lower() for q in questions}) == len(questions)


def test_every_question_is_speakable() -> None:
    for q in load_bank().questions:
        for text in (q.text, *q.reference_points):
            assert not SPOKEN_FORBIDDEN.intersection(text), (q.id, text)
            assert "->" not in text and "\n" not in text and "  " not in text, (q.id, text)
        assert q.text[-1] in ".?", q.id
        assert 3 <= len(q.reference_points) <= 5, q.id


def test_options_match_the_http_contract() -> None:
    opts = options()
    assert [r["id"] for r in opts["roles"]] == ROLES
    assert {"id": "backend_engineer", "label": "Backend engineer"} in opts["roles"]
    assert opts["levels"] == ["intern", "junior", "mid", "senior"]
    assert [t["id"] for t in opts["interview_types"]] == ["technical", "behavioral", "hr", "mixed"]
    assert all(set(o) == {"id", "label"} for o in opts["roles"] + opts["interview_types"])


@pytest.mark.parametrize(("role", "level", "interview_type"), COMBINATIONS)
def test_every_combination_has_five_questions_at_its_own_level(
    role: str, level: str, interview_type: str
) -> None:
    wanted = {"technical", "behavioral"} if interview_type == "mixed" else {interview_type}
    exact = [q for q in load_bank().questions if q.type in wanted and q.fits(role, level)]  # type: ignore[arg-type]
    assert len(exact) >= 5

    picked = select_questions(role, level, interview_type, 5, seed=7)
    assert len(picked) == 5
    assert len({q.id for q in picked}) == 5
    assert all(q.type in wanted and q.fits(role, level) for q in picked)  # type: ignore[arg-type]


def test_selection_is_deterministic_for_a_seed_and_varies_across_seeds() -> None:
    first = [q.id for q in select_questions("data_scientist", "mid", "technical", 5, seed=42)]
    again = [q.id for q in select_questions("data_scientist", "mid", "technical", 5, seed=42)]
    assert first == again
    others = {
        tuple(q.id for q in select_questions("data_scientist", "mid", "technical", 5, seed=s))
        for s in range(20)
    }
    assert len(others) > 10


def test_mixed_alternates_technical_and_behavioral() -> None:
    picked = select_questions("frontend_developer", "junior", "mixed", 5, seed=3)
    assert [q.type for q in picked] == [
        "technical",
        "behavioral",
        "technical",
        "behavioral",
        "technical",
    ]


def test_technical_questions_are_role_specific() -> None:
    for role in ROLES:
        for q in select_questions(role, "mid", "technical", 8, seed=1):
            assert role in q.roles


def test_falls_back_to_nearby_levels_without_repeating() -> None:
    # Far more HR questions than the intern level holds: neighbours fill in, no repeats.
    picked = select_questions("product_manager", "intern", "hr", 60, seed=5)
    ids = [q.id for q in picked]
    assert len(ids) == len(set(ids))
    fitting = [
        q for q in load_bank().questions if q.type == "hr" and q.fits("product_manager", "intern")
    ]
    assert len(picked) > len(fitting)
    # Questions at the candidate's own level come first.
    assert all(q.fits("product_manager", "intern") for q in picked[: len(fitting)])
    every_hr = [q for q in load_bank().questions if q.type == "hr"]
    assert len(picked) <= len(every_hr)


def test_mixed_fills_from_the_other_type_when_one_runs_out() -> None:
    bank = load_bank().questions
    technical = {q.id for q in bank if q.type == "technical" and "devops_engineer" in q.roles}
    # 15 technical questions wanted, 14 exist: behavioral questions make up the difference.
    picked = select_questions("devops_engineer", "senior", "mixed", 30, seed=2)
    ids = [q.id for q in picked]
    assert len(ids) == len(set(ids)) == 30
    assert technical <= set(ids)
    # Asking for more than the bank holds returns everything that fits, once.
    fitting = {
        q.id
        for q in bank
        if q.type in {"technical", "behavioral"} and set(q.roles) & {"devops_engineer", "any"}
    }
    everything = [q.id for q in select_questions("devops_engineer", "senior", "mixed", 99, seed=2)]
    assert sorted(everything) == sorted(fitting)


def test_zero_questions_and_unknown_choices() -> None:
    assert select_questions("backend_engineer", "junior", "technical", 0, seed=1) == []
    with pytest.raises(ValueError, match="role"):
        select_questions("astronaut", "junior", "technical", 5)
    with pytest.raises(ValueError, match="level"):
        select_questions("backend_engineer", "principal", "technical", 5)
    with pytest.raises(ValueError, match="interview type"):
        select_questions("backend_engineer", "junior", "case_study", 5)
