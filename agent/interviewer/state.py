"""The interview's state: plain JSON data only, so it can be stored as jsonb and restored.

`InterviewState` is what the graph passes between nodes and what `Interviewer.snapshot()`
returns. Every value is a str, int, float, bool, None, list or dict of those: no tuples, no
dataclasses, no pydantic models. `STATE_VERSION` is bumped whenever the shape changes, so a
stored state of another shape is refused rather than misread.
"""

from __future__ import annotations

import operator
from typing import Annotated, Literal, NotRequired, TypedDict

from agent.understanding.specifics import PARTS

from .analysis import AnswerKind, Assessment
from .directive import DirectiveData, Move
from .grounding import GroundingSummary
from .planner import PlannedQuestion
from .setup import InterviewSetup
from .signals import Delivery

STATE_VERSION = 2

Phase = Literal["greeting", "asking", "closing", "done"]
Speaker = Literal["interviewer", "candidate"]
Route = Literal[
    "open", "resume", "after_end", "answered", "partial", "too_short", "off_topic",
    "hesitant", "confused", "outside", "injection", "repeat", "skip", "end", "vague",
    "logistics", "wrap_up", "addition",
]  # fmt: skip
NextStep = Literal["stay", "advance", "close"]
CloseReason = Literal["completed", "ended_early", "time_up", "no_questions"]

# Legacy name: the v1 state called a planned question an asked question.
AskedQuestion = PlannedQuestion


class DeliveryData(TypedDict):
    speech_s: float
    duration_s: float
    time_to_start_s: float | None
    longest_pause_s: float
    filler_count: int
    word_count: int


class Turn(TypedDict):
    speaker: Speaker
    text: str
    question_id: str | None
    delivery: NotRequired[DeliveryData]
    """How a candidate turn was delivered, when the voice pipeline measured it."""


class SetupData(TypedDict):
    """``InterviewSetup.model_dump(mode="json")``."""

    role: str
    level: str
    interview_type: str
    length: dict[str, str | int]
    persona: dict[str, str]


class AssessmentData(TypedDict):
    kind: AnswerKind
    relevance: float
    coverage: float
    covered_points: list[int]
    quality: float
    hooks: list[str]
    missing: NotRequired[list[str]]
    """The specifics a vague answer lacks (`agent.understanding.specifics.PARTS`)."""
    follow_up: NotRequired[str]
    """A follow-up the language model proposed for this answer (`model_reading`)."""
    elsewhere: NotRequired[bool]
    """Off topic as the answer to another question (`Assessment.elsewhere`)."""


class ReadingData(TypedDict):
    """`model_reading.ModelReading` as JSON data."""

    kind: str
    missing: list[str]
    follow_up: str | None


class Policy(TypedDict):
    """How this interview runs: the v2 brain, or the fixed bank-only interview of v1."""

    adaptive: bool
    """Pick each next main question by difficulty; else ask the plan in order."""
    max_follow_ups: int
    """Follow-ups per main question at most (time may allow fewer)."""


class InterviewState(TypedDict):
    version: int
    setup: SetupData
    grounding: GroundingSummary
    plan: list[PlannedQuestion]
    policy: Policy
    asked: list[str]
    """Ids of the main questions asked so far, in order; the last one is the current one."""
    index: int
    """The main question being asked (0-based); how many were moved past once closing."""
    follow_ups: dict[str, list[str]]
    """Follow-up texts asked, per main question id."""
    pending: str | None
    """The follow-up (or request for an example) the candidate is answering now, if any."""
    nudged: bool
    """Whether the current question already had its one request for a concrete example."""
    detours: int
    """Redirections (off topic, outside, injection) on the current question."""
    stalls: int
    """Hesitations and confusions on the current question."""
    best_quality: float | None
    """The best answer quality on the current question, for difficulty adaptation."""
    difficulty: float
    """The target difficulty (1 to 5) of the next main question."""
    elapsed_s: float | None
    turns: Annotated[list[Turn], operator.add]
    phase: Phase
    close_reason: CloseReason | None
    last_reply: str
    directive: DirectiveData | None
    variety: int
    """Picks phrasings, so an interview with a fixed seed is reproducible."""
    # This run's input and working values.
    candidate_text: str | None
    resuming: bool
    delivery: DeliveryData | None
    assessment: AssessmentData | None
    route: Route
    next_step: NextStep
    move: Move
    probed: NotRequired[list[str]]
    """Ids of the main questions whose vague answer already had its probe for specifics."""
    reading: NotRequired[ReadingData | None]
    """This run's input: the language model's reading of the answer, if one was made."""
    deferred: NotRequired[list[str]]
    """Ids of the main questions the candidate asked to come back to. One is out of ``asked``
    while it waits, and back at its end once asked again (`policy.waiting`)."""
    pace: NotRequired[int]
    """Steps slower (below 0) or faster than its own the voice speaks, as the candidate asked
    (`pace`); 0 or absent until they ask."""


class InterviewUpdate(TypedDict, total=False):
    """What a node returns: the fields it changes (``turns`` holds only the new turns)."""

    asked: list[str]
    index: int
    follow_ups: dict[str, list[str]]
    pending: str | None
    nudged: bool
    detours: int
    stalls: int
    best_quality: float | None
    difficulty: float
    elapsed_s: float | None
    turns: list[Turn]
    phase: Phase
    close_reason: CloseReason | None
    last_reply: str
    directive: DirectiveData | None
    assessment: AssessmentData | None
    route: Route
    next_step: NextStep
    move: Move
    probed: list[str]
    deferred: list[str]
    pace: int


def initial_state(
    setup: InterviewSetup,
    plan: list[PlannedQuestion],
    *,
    grounding: GroundingSummary,
    policy: Policy,
    difficulty: float,
    variety: int,
) -> InterviewState:
    data = setup.model_dump(mode="json")
    return {
        "version": STATE_VERSION,
        "setup": {
            "role": data["role"],
            "level": data["level"],
            "interview_type": data["interview_type"],
            "length": dict(data["length"]),
            "persona": dict(data["persona"]),
        },
        "grounding": grounding,
        "plan": plan,
        "policy": policy,
        "asked": [],
        "index": 0,
        "follow_ups": {},
        "pending": None,
        "nudged": False,
        "detours": 0,
        "stalls": 0,
        "best_quality": None,
        "difficulty": difficulty,
        "elapsed_s": None,
        "turns": [],
        "phase": "greeting",
        "close_reason": None,
        "last_reply": "",
        "directive": None,
        "variety": variety,
        "candidate_text": None,
        "resuming": False,
        "delivery": None,
        "assessment": None,
        "route": "open",
        "next_step": "stay",
        "move": "open",
    }


def setup_of(state: InterviewState) -> InterviewSetup:
    return InterviewSetup.model_validate(state["setup"])


def assessment_data(a: Assessment) -> AssessmentData:
    return {
        "kind": a.kind,
        "relevance": a.relevance,
        "coverage": a.coverage,
        "covered_points": list(a.covered_points),
        "quality": a.quality,
        "hooks": list(a.hooks),
        "missing": list(a.missing),
        "elsewhere": a.elsewhere,
    }


_MODEL_KINDS = frozenset({"answered", "partial", "vague", "too_short", "off_topic"})


def refined(found: Assessment, reading: ReadingData | None) -> AssessmentData:
    """The offline assessment, with the language model's reading where it may decide: the
    kind of an answer (never a command, an injection or a question about other things), the
    specifics it lacks, and a follow-up to propose."""
    data = assessment_data(found)
    if reading is None or found.kind not in _MODEL_KINDS or reading["kind"] not in _MODEL_KINDS:
        return data
    data["kind"] = reading["kind"]  # type: ignore[typeddict-item]
    data["elsewhere"] = data["elsewhere"] and data["kind"] == "off_topic"
    data["missing"] = [p for p in reading["missing"] if p in PARTS]
    if reading["follow_up"]:
        data["follow_up"] = reading["follow_up"]
    return data


def assessment_of(data: AssessmentData) -> Assessment:
    return Assessment(
        kind=data["kind"],
        relevance=data["relevance"],
        coverage=data["coverage"],
        covered_points=tuple(data["covered_points"]),
        quality=data["quality"],
        hooks=tuple(data["hooks"]),
        missing=tuple(p for p in data.get("missing", []) if p in PARTS),
        elsewhere=data.get("elsewhere", False),
    )


def delivery_data(d: Delivery | None) -> DeliveryData | None:
    if d is None:
        return None
    return {
        "speech_s": d.speech_s,
        "duration_s": d.duration_s,
        "time_to_start_s": d.time_to_start_s,
        "longest_pause_s": d.longest_pause_s,
        "filler_count": d.filler_count,
        "word_count": d.word_count,
    }


def delivery_of(data: DeliveryData | None) -> Delivery | None:
    return None if data is None else Delivery(**data)


# Keys added since STATE_VERSION 2 (NotRequired): a state saved before them still loads.
_OPTIONAL_KEYS = frozenset({"probed", "reading", "deferred", "pace"})


def check_version(state: object) -> InterviewState:
    """``state`` if it is a mapping of this schema version; raises ``ValueError`` otherwise."""
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        found = state.get("version") if isinstance(state, dict) else type(state).__name__
        raise ValueError(f"interview state version {found!r}, expected {STATE_VERSION}")
    missing = set(InterviewState.__annotations__) - _OPTIONAL_KEYS - set(state)
    if missing:
        raise ValueError(f"interview state lacks {sorted(missing)}")
    return state  # type: ignore[return-value]
