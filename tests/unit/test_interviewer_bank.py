"""The shipped question bank: validity, coverage, spoken form, options, and question selection."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest
from pydantic import ValidationError

from agent.interviewer.bank import (
    INTERVIEW_TYPES,
    LEVELS,
    QUESTION_TYPES,
    SPOKEN_FORBIDDEN,
    Question,
    QuestionType,
    load_bank,
    mixed_round,
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
APPLIED_TYPES = {"technical", "case_study", "system_design"}

# Written forms a TTS voice reads badly: digits, brackets and written abbreviations.
UNSPOKEN = re.compile(r"[0-9()]|\be\.g\.|\bi\.e\.|\betc\b|\bvs\b", re.IGNORECASE)
_STOPWORD_TEXT = """
    a an the and or of to in on for with what how would you your is are do does did that this
    it its be as at by from if when why which who we our us can could should there their them
    they one each about into more most than so not no without any some all
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b)


def test_bank_has_enough_unique_questions() -> None:
    questions = load_bank().questions
    assert len(questions) >= 320
    assert len({q.id for q in questions}) == len(questions)
    assert len({q.text.lower() for q in questions}) == len(questions)


def test_every_type_and_level_is_well_stocked() -> None:
    questions = load_bank().questions
    per_type = Counter(q.type for q in questions)
    minimum: dict[QuestionType, int] = {
        "technical": 110,
        "system_design": 80,
        "case_study": 65,
        "behavioral": 45,
        "hr": 35,
    }
    assert set(per_type) == set(QUESTION_TYPES)
    for qtype, least in minimum.items():
        assert per_type[qtype] >= least, (qtype, per_type[qtype])
    for level in LEVELS:
        assert sum(level in q.levels for q in questions) >= 140, level
    for role in ROLES:
        own = [q for q in questions if role in q.roles]
        assert len(own) >= 50, role


def test_no_two_questions_are_near_duplicates() -> None:
    questions = load_bank().questions
    for a, b in itertools.combinations(questions, 2):
        words_a, words_b = _words(a.text), _words(b.text)
        assert _jaccard(words_a, words_b) <= 0.8, (a.id, b.id)
        content = _jaccard(words_a - STOPWORDS, words_b - STOPWORDS)
        assert content <= 0.6, (a.id, b.id, content)


def test_every_question_is_speakable() -> None:
    for q in load_bank().questions:
        for text in (q.text, *q.reference_points, *q.follow_ups):
            assert not SPOKEN_FORBIDDEN.intersection(text), (q.id, text)
            assert "->" not in text and "\n" not in text and "  " not in text, (q.id, text)
            assert text == text.strip(), (q.id, text)
        for spoken in (q.text, *q.follow_ups):
            assert not UNSPOKEN.search(spoken), (q.id, spoken)
            assert spoken[-1] in ".?", (q.id, spoken)
        assert 3 <= len(q.reference_points) <= 5, q.id
        assert len(q.text.split()) <= 40, q.id


def test_every_question_carries_difficulty_topics_and_follow_ups() -> None:
    for q in load_bank().questions:
        assert q.difficulty is not None, q.id
        assert 1 <= len(q.topics) <= 4, q.id
        assert all(len(tag.split()) <= 3 for tag in q.topics), q.id
        if q.type in APPLIED_TYPES:
            assert 1 <= len(q.follow_ups) <= 3, q.id
        assert q.text not in q.follow_ups, q.id
        assert all(len(f.split()) <= 25 for f in q.follow_ups), q.id


def test_difficulty_and_levels_agree() -> None:
    for q in load_bank().questions:
        assert list(q.levels) == sorted(q.levels, key=LEVELS.index), q.id
        lowest, highest = LEVELS.index(q.levels[0]) + 1, LEVELS.index(q.levels[-1]) + 1
        # A lead-only question may sit one notch below the top; an intern one never above.
        assert max(1, lowest - 1) <= (q.difficulty or 0) <= highest, (q.id, q.difficulty)
        if q.type in APPLIED_TYPES:
            # An intern question is not a senior one: applied questions span at most three levels.
            assert len(q.levels) <= 3, q.id


def test_options_match_the_http_contract() -> None:
    opts = options()
    assert [r["id"] for r in opts["roles"]] == ROLES
    assert {"id": "backend_engineer", "label": "Backend engineer"} in opts["roles"]
    assert opts["levels"] == ["intern", "junior", "mid", "senior", "lead"]
    assert [t["id"] for t in opts["interview_types"]] == [
        "technical",
        "behavioral",
        "hr",
        "case_study",
        "system_design",
        "mixed",
    ]
    assert {"id": "case_study", "label": "Case study"} in opts["interview_types"]
    assert {"id": "system_design", "label": "System design"} in opts["interview_types"]
    assert all(set(o) == {"id", "label"} for o in opts["roles"] + opts["interview_types"])


@pytest.mark.parametrize(("role", "level", "interview_type"), COMBINATIONS)
def test_every_combination_has_six_questions_at_its_own_level(
    role: str, level: str, interview_type: str
) -> None:
    picked = select_questions(role, level, interview_type, 6, seed=7)
    assert len(picked) == len({q.id for q in picked}) == 6
    assert all(q.fits(role, level) for q in picked)  # type: ignore[arg-type]
    if interview_type == "mixed":
        assert tuple(q.type for q in picked) == mixed_round(role)
        return
    assert all(q.type == interview_type for q in picked)
    exact = [q for q in load_bank().questions if q.type == interview_type and q.fits(role, level)]  # type: ignore[arg-type]
    assert len(exact) >= 6


def test_selection_is_deterministic_for_a_seed_and_varies_across_seeds() -> None:
    for interview_type in ("technical", "system_design", "mixed"):
        first = [q.id for q in select_questions("data_scientist", "mid", interview_type, 5, 42)]
        again = [q.id for q in select_questions("data_scientist", "mid", interview_type, 5, 42)]
        assert first == again
    others = {
        tuple(q.id for q in select_questions("data_scientist", "mid", "technical", 5, seed=s))
        for s in range(20)
    }
    assert len(others) > 10


def test_mixed_blends_the_other_types_starting_with_a_technical_one() -> None:
    engineer = select_questions("frontend_developer", "junior", "mixed", 8, seed=3)
    assert [q.type for q in engineer] == [
        "technical",
        "behavioral",
        "system_design",
        "technical",
        "behavioral",
        "hr",
        "technical",
        "behavioral",
    ]
    product = select_questions("product_manager", "junior", "mixed", 6, seed=3)
    assert [q.type for q in product][:3] == ["technical", "behavioral", "case_study"]
    assert [q.type for q in select_questions("data_analyst", "lead", "mixed", 2, seed=1)] == [
        "technical",
        "behavioral",
    ]


def test_role_specific_types_stay_with_their_role() -> None:
    for role, qtype in itertools.product(ROLES, APPLIED_TYPES):
        for q in select_questions(role, "mid", qtype, 8, seed=1):
            assert role in q.roles, (role, q.id)


def test_falls_back_to_nearby_levels_without_repeating() -> None:
    # Far more HR questions than the intern level holds: neighbours fill in, no repeats.
    picked = select_questions("product_manager", "intern", "hr", 60, seed=5)
    ids = [q.id for q in picked]
    assert len(ids) == len(set(ids))
    fitting = [
        q for q in load_bank().questions if q.type == "hr" and q.fits("product_manager", "intern")
    ]
    assert len(picked) > len(fitting)
    # Questions at the candidate's own level come first, then the next level up.
    assert all(q.fits("product_manager", "intern") for q in picked[: len(fitting)])
    assert picked[len(fitting)].fits("product_manager", "junior")
    every_hr = [q for q in load_bank().questions if q.type == "hr"]
    assert len(picked) <= len(every_hr)


def test_mixed_fills_from_the_other_types_when_one_runs_out() -> None:
    bank = load_bank().questions
    role = "devops_engineer"
    round_types = set(mixed_round(role))
    technical = {q.id for q in bank if q.type == "technical" and role in q.roles}
    # Thirty technical slots are wanted and fewer exist: the other types make up the difference.
    assert len(technical) < 30
    picked = select_questions(role, "senior", "mixed", 90, seed=2)
    ids = [q.id for q in picked]
    assert len(ids) == len(set(ids)) == 90
    assert technical <= set(ids)
    assert tuple(q.type for q in picked[:6]) == mixed_round(role)
    # Asking for more than the bank holds returns everything that fits, once.
    fitting = {q.id for q in bank if q.type in round_types and set(q.roles) & {role, "any"}}
    everything = [q.id for q in select_questions(role, "senior", "mixed", 999, seed=2)]
    assert sorted(everything) == sorted(fitting)


def test_schema_keeps_optional_fields_optional_and_checks_them() -> None:
    base = {
        "id": "x-1",
        "roles": ["any"],
        "levels": ["lead"],
        "type": "system_design",
        "text": "How would you design a thing?",
        "reference_points": ["one point", "another point", "a third point"],
    }
    plain = Question.model_validate(base)
    assert (plain.difficulty, plain.topics, plain.follow_ups) == (None, (), ())
    for bad in (
        {"follow_ups": ["Is it fast and/or cheap?"]},
        {"follow_ups": ["One?", "Two?", "Three?", "Four?"]},
        {"topics": ["Caching!"]},
        {"difficulty": 6},
        {"type": "mixed"},
    ):
        with pytest.raises(ValidationError):
            Question.model_validate({**base, **bad})


def test_zero_questions_and_unknown_choices() -> None:
    assert select_questions("backend_engineer", "junior", "technical", 0, seed=1) == []
    assert select_questions("backend_engineer", "lead", "case_study", 1, seed=1)
    with pytest.raises(ValueError, match="role"):
        select_questions("astronaut", "junior", "technical", 5)
    with pytest.raises(ValueError, match="level"):
        select_questions("backend_engineer", "principal", "technical", 5)
    with pytest.raises(ValueError, match="interview type"):
        select_questions("backend_engineer", "junior", "pair_programming", 5)
