"""The interview plan: candidate questions from the bank, the resume and the job description.

`plan` makes a pool about three times the number of main questions; `choose_next` picks
each next main question at run time, by a target difficulty that `adjust_difficulty` moves
with the quality of the answers. Questions grounded in the resume or the job have generic
reference points derived from their type, so they can be scored like bank questions.
"""

from __future__ import annotations

import random
import re
from typing import Literal, TypedDict

from agent.understanding import Chunk
from agent.understanding.lang import normalise

from .bank import Level, Question, QuestionType, mixed_round, select_questions
from .grounded import (
    project_question,
    requirement_question,
    role_question,
    role_tool,
    skill_question,
)
from .grounding import Grounding, nearest_chunks, speakable, steers, unevidenced_requirements
from .relevance import QuestionContext
from .setup import InterviewSetup

Source = Literal["bank", "resume", "job"]

POOL_FACTOR = 3
DIFFICULTY_MIN, DIFFICULTY_MAX = 1.0, 5.0
DIFFICULTY_STEP = 0.75
STRONG_QUALITY, WEAK_QUALITY = 0.7, 0.4
_DEFAULT_DIFFICULTY: dict[Level, float] = {
    "intern": 1.5, "junior": 2.0, "mid": 2.75, "senior": 3.75, "lead": 4.25,
}  # fmt: skip
MAX_ROLE_QUESTIONS, MAX_PROJECT_QUESTIONS, MAX_SKILL_QUESTIONS, MAX_JOB_QUESTIONS = 2, 2, 2, 3
# The second-best job snippet is attached only when it is this close in meaning.
SECOND_SNIPPET_MIN_SCORE = 0.3

_EXPERIENCE_POINTS = (
    "sets out the situation and what was at stake",
    "explains their own actions and decisions, not only the team's",
    "gives the result, ideally with numbers",
    "reflects on trade-offs or what they would do differently",
)
_TECHNICAL_POINTS = (
    "describes the concrete problem and its constraints",
    "explains how they built or used it, with specifics",
    "weighs the trade-offs and the alternatives they considered",
    "states the outcome, ideally measured, and what they learned",
)
_JOB_POINTS = (
    "gives a concrete example that matches the requirement",
    "explains their own part and the decisions they made",
    "states a measurable result",
    "connects the experience to what this role needs",
)
_GROUNDED_FOLLOW_UPS = (
    "How did you know it worked? What did you measure?",
    "Looking back, what would you do differently?",
)
_TAG = re.compile(r"[a-z][a-z -]{0,30}[a-z]")


class PlannedQuestion(TypedDict):
    id: str
    type: QuestionType
    text: str
    reference_points: list[str]
    topics: list[str]
    follow_ups: list[str]
    jd_snippets: list[str]
    difficulty: float
    source: Source


def default_difficulty(level: Level) -> float:
    return _DEFAULT_DIFFICULTY[level]


def adjust_difficulty(target: float, quality: float | None) -> float:
    """Up a step after a strong answer, down after a weak one (or none), within 1 to 5."""
    if quality is None or quality < WEAK_QUALITY:
        target -= DIFFICULTY_STEP
    elif quality >= STRONG_QUALITY:
        target += DIFFICULTY_STEP
    return min(DIFFICULTY_MAX, max(DIFFICULTY_MIN, target))


def plan(setup: InterviewSetup, grounding: Grounding, seed: int) -> list[PlannedQuestion]:
    """The candidate questions for this interview, bank first, then resume and job ones.

    Distinct by id and by normalised text; every question carries the one or two job
    description snippets nearest in meaning (none without a job description).
    """
    n = setup.length.main_questions
    level = setup.level
    bank = select_questions(setup.role, level, setup.interview_type, POOL_FACTOR * n, seed)
    out = [from_bank(q, level) for q in bank]
    out += _grounded(setup, grounding, random.Random(seed))
    out = _distinct(out)
    if grounding.job is not None:
        nearest = nearest_chunks(grounding.job, [q["text"] for q in out])
        for q, scored in zip(out, nearest, strict=True):
            q["jd_snippets"] = _snippets(q["jd_snippets"], scored)
    return out


def from_bank(q: Question, level: Level) -> PlannedQuestion:
    return {
        "id": q.id,
        "type": q.type,
        "text": q.text,
        "reference_points": list(q.reference_points),
        "topics": list(q.topics),
        "follow_ups": list(q.follow_ups),
        "jd_snippets": [],
        "difficulty": float(q.difficulty or default_difficulty(level)),
        "source": "bank",
    }


def _distinct(questions: list[PlannedQuestion]) -> list[PlannedQuestion]:
    seen: set[str] = set()
    out = []
    for q in questions:
        keys = {q["id"], normalise(q["text"])}
        if keys & seen or not q["text"]:
            continue
        seen |= keys
        out.append(q)
    return out


def _snippets(own: list[str], scored: list[tuple[Chunk, float]]) -> list[str]:
    picked = [
        speakable(chunk.text)
        for i, (chunk, score) in enumerate(scored)
        if i == 0 or score >= SECOND_SNIPPET_MIN_SCORE
    ]
    return list(dict.fromkeys(own + picked))[:2]


def _grounded_type(setup: InterviewSetup) -> QuestionType:
    it = setup.interview_type
    if it in ("technical", "system_design", "case_study"):
        return "technical"
    return "hr" if it == "hr" else "behavioral"


def _grounded(
    setup: InterviewSetup, grounding: Grounding, rng: random.Random
) -> list[PlannedQuestion]:
    """Resume and job questions, interleaved so each kind comes up early."""
    qtype = _grounded_type(setup)
    points = _TECHNICAL_POINTS if qtype == "technical" else _EXPERIENCE_POINTS
    difficulty = default_difficulty(setup.level)
    profile = grounding.profile
    resume: list[PlannedQuestion] = []
    if profile is not None:
        # An entry that tries to instruct the interviewer is never turned into a question.
        roles = [
            r
            for r in profile.roles
            if r.kind == "job"
            and (r.title or r.organisation)
            and not steers(r.title, r.organisation, r.description)
        ]
        projects = [p for p in profile.projects if not steers(p.name, p.description)]
        texts: list[str | None] = []
        named: set[str] = set()  # each tool is asked about once
        for role in roles[:MAX_ROLE_QUESTIONS]:
            texts.append(role_question(role, rng, used=named))
            named |= {tool} if (tool := role_tool(role, named)) else set()
        for i, (role, text) in enumerate(zip(roles, texts, strict=False)):
            if text:
                resume.append(_make(f"cv-role-{i}", qtype, text, points, role.skills))
        for i, project in enumerate(projects[:MAX_PROJECT_QUESTIONS]):
            text = project_question(project, rng)
            if text:
                resume.append(_make(f"cv-project-{i}", qtype, text, points, project.skills))
        fresh = [s for s in _skills_to_ask(grounding) if s not in named]
        for i, skill in enumerate(fresh[:MAX_SKILL_QUESTIONS]):
            text = skill_question(skill, rng)
            resume.append(_make(f"cv-skill-{i}", "technical", text, _TECHNICAL_POINTS, [skill]))
    job: list[PlannedQuestion] = []
    if grounding.job is not None:
        unevidenced = unevidenced_requirements(profile, grounding.job)
        gaps = [c for c in unevidenced if not steers(c.text)][:MAX_JOB_QUESTIONS]
        for chunk in gaps:
            text = requirement_question(chunk.text, rng)
            if text:
                q = _make(f"jd-{chunk.index}", qtype, text, _JOB_POINTS, [])
                q["jd_snippets"] = [speakable(chunk.text)]
                job.append(q)
    for q in resume + job:
        q["difficulty"] = difficulty
    return [q for pair in _zip_longest(job, resume) for q in pair]


def _skills_to_ask(grounding: Grounding) -> list[str]:
    """Listed skills, those the job also names first."""
    assert grounding.profile is not None
    skills = list(grounding.profile.skills)
    if grounding.job is not None:
        wanted = {s.lower() for s in grounding.job.skills}
        skills.sort(key=lambda s: s.lower() not in wanted)
    return skills


def _zip_longest(a: list[PlannedQuestion], b: list[PlannedQuestion]) -> list[list[PlannedQuestion]]:
    return [[*a[i : i + 1], *b[i : i + 1]] for i in range(max(len(a), len(b)))]


def _make(
    qid: str,
    qtype: QuestionType,
    text: str,
    points: tuple[str, ...],
    skills: list[str],
) -> PlannedQuestion:
    topics = [t for t in (s.lower() for s in skills) if _TAG.fullmatch(t)][:4]
    return {
        "id": qid,
        "type": qtype,
        "text": text,
        "reference_points": list(points),
        "topics": topics,
        "follow_ups": list(_GROUNDED_FOLLOW_UPS),
        "jd_snippets": [],
        "difficulty": 0.0,
        "source": "job" if qid.startswith("jd-") else "resume",
    }


REPEATED_TOPICS = 2
"""Topics in common with an asked question from which a bank question comes after the others."""


def choose_next(
    questions: list[PlannedQuestion],
    asked: list[str],
    *,
    target: float,
    setup: InterviewSetup,
    adaptive: bool = True,
) -> PlannedQuestion | None:
    """The next main question: none asked before (by id or text). Adaptive: every other
    question is grounded while grounded ones remain; otherwise a bank question of the slot's
    type (a mixed interview follows its round) nearest to ``target`` difficulty."""
    done = {normalise(q["text"]) for q in questions if q["id"] in asked}
    left = [q for q in questions if q["id"] not in asked and normalise(q["text"]) not in done]
    if not left or not adaptive:
        return left[0] if left else None
    grounded = [q for q in left if q["source"] != "bank"]
    bank = [q for q in left if q["source"] == "bank"]
    if grounded and (len(asked) % 2 == 1 or not bank):
        return grounded[0]
    asked_bank = sum(1 for q in questions if q["id"] in asked and q["source"] == "bank")
    wanted: QuestionType | str = setup.interview_type
    if wanted == "mixed":
        round_ = mixed_round(setup.role)
        wanted = round_[asked_bank % len(round_)]
    pool = [q for q in bank if q["type"] == wanted] or bank
    covered = [set(q["topics"]) for q in questions if q["id"] in asked]
    return min(pool, key=lambda q: (_repeats(q, covered), abs(q["difficulty"] - target)))


def _repeats(q: PlannedQuestion, covered: list[set[str]]) -> bool:
    """Whether ``q`` shares `REPEATED_TOPICS` topics with a question already asked ("what is
    an index?" after "how would you fix a slow query?"): its answer was likely given there."""
    return any(len(set(q["topics"]) & topics) >= REPEATED_TOPICS for topics in covered)


def context(
    q: PlannedQuestion, text: str | None = None, follow_up: str | None = None
) -> QuestionContext:
    """The question as answer analysis sees it; ``text`` replaces the wording (with the
    ``follow_up`` being answered)."""
    return QuestionContext(
        text=text or q["text"],
        type=q["type"],
        reference_points=tuple(q["reference_points"]),
        topics=tuple(q["topics"]),
        jd_snippets=tuple(q["jd_snippets"]),
        follow_ups=tuple(q["follow_ups"]),
        follow_up=follow_up,
    )
