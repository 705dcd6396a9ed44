"""The rules the graph's nodes share: the current question, the time budget, and bounds.

Pure functions of `InterviewState`. Bounds keep an interview moving: at most
`MAX_FOLLOW_UPS` follow-ups per main question (fewer when time is short); after
`MAX_DETOURS` redirections (off topic, outside, injection) or `MAX_STALLS` hesitations and
confusions on one question, the interviewer moves on.
"""

from __future__ import annotations

from .planner import PlannedQuestion, choose_next
from .setup import Persona
from .state import CloseReason, InterviewState, setup_of

MAX_FOLLOW_UPS = 2
MAX_DETOURS = 2
MAX_STALLS = 3
# An answer that covers less than this share of the reference points may get a follow-up.
FOLLOW_UP_MAX_COVERAGE = 0.8
# Seconds left per remaining main question below which no follow-up / only one is asked.
NO_FOLLOW_UP_SHARE_S = 90.0
ONE_FOLLOW_UP_SHARE_S = 150.0
# A time-boxed interview starts a new main question only with this much time left.
MIN_NEW_QUESTION_S = 60.0
# With less time than this left, a question put off is asked again instead of a new one
# (an answer and its follow-ups take about two minutes).
LAST_QUESTION_S = 3 * MIN_NEW_QUESTION_S


def persona(state: InterviewState) -> Persona:
    return Persona.model_validate(state["setup"]["persona"])


def current(state: InterviewState) -> PlannedQuestion | None:
    """The main question being asked; None before the first, between two, and once done."""
    i = state["index"]
    if state["phase"] == "done" or not 0 <= i < len(state["asked"]):
        return None
    qid = state["asked"][i]
    return next((q for q in state["plan"] if q["id"] == qid), None)


def prompt(state: InterviewState) -> str:
    """What the candidate is answering now: the pending follow-up, else the main question."""
    if state["pending"]:
        return state["pending"]
    q = current(state)
    return q["text"] if q else ""


def variant(state: InterviewState) -> int:
    """Picks phrasings: moves on with every exchange, fixed for a seed."""
    return state["variety"] + len(state["turns"]) // 2


def waiting(state: InterviewState) -> list[str]:
    """Ids of the questions put off to come back to, not asked again yet."""
    return [qid for qid in state.get("deferred", []) if qid not in state["asked"]]


def taken(state: InterviewState) -> list[str]:
    """Ids no new main question may have: those asked and those waiting to be asked again."""
    return [*state["asked"], *waiting(state)]


def said_on(state: InterviewState, qid: str) -> list[str]:
    """What the candidate said on question ``qid``, turn by turn, in order."""
    return [
        t["text"] for t in state["turns"] if t["speaker"] == "candidate" and t["question_id"] == qid
    ]


def asked_texts(state: InterviewState) -> list[str]:
    """Every question spoken so far: main questions and follow-ups."""
    mains = [q["text"] for q in state["plan"] if q["id"] in state["asked"]]
    return mains + [text for texts in state["follow_ups"].values() for text in texts]


def time_left(state: InterviewState) -> float | None:
    budget = setup_of(state).length.time_budget_s
    elapsed = state["elapsed_s"]
    return None if budget is None or elapsed is None else budget - elapsed


def time_up(state: InterviewState) -> bool:
    left = time_left(state)
    return left is not None and left <= 0


def follow_up_limit(state: InterviewState) -> int:
    """Follow-ups the current question may have: fewer as time per remaining question runs low."""
    top = min(MAX_FOLLOW_UPS, state["policy"]["max_follow_ups"])
    left = time_left(state)
    if left is None:
        return top
    remaining = max(1, setup_of(state).length.main_questions - state["index"])
    share = left / remaining
    if share < NO_FOLLOW_UP_SHARE_S:
        return 0
    return min(top, 1) if share < ONE_FOLLOW_UP_SHARE_S else top


def question_total(state: InterviewState) -> int | None:
    """How many main questions the interview has; None when the time budget decides."""
    length = setup_of(state).length
    if length.unit == "minutes":
        return None
    return min(length.main_questions, len(state["plan"]))


def close_reason(state: InterviewState, *, before_asking: bool = False) -> CloseReason | None:
    """Why the interview ends now, or (``before_asking``) None when another main question
    should be asked: a new one, or one put off (`coming_back`). In a time-boxed interview with
    a clock, time decides the count."""
    if state["close_reason"] is not None:
        return state["close_reason"]
    left = time_left(state)
    if left is not None and left < (MIN_NEW_QUESTION_S if before_asking else 0.0):
        return "time_up"
    if before_asking and coming_back(state) is not None:
        return None
    if _no_new_question(state):
        return "completed" if taken(state) else "no_questions"
    return None if before_asking else "completed"


def coming_back(state: InterviewState) -> str | None:
    """The question put off that is asked again now: once no new question is due (the count
    is reached or the plan is used up), or, with a clock, when time is left for one more."""
    wait = waiting(state)
    if not wait:
        return None
    left = time_left(state)
    if left is not None and left < LAST_QUESTION_S:
        return wait[0]
    return wait[0] if _no_new_question(state) else None


def _no_new_question(state: InterviewState) -> bool:
    """Whether no new main question is due: the count is reached (a question waiting to be
    asked again counts) or none is left to choose."""
    setup = setup_of(state)
    count = state["index"] + len(waiting(state))
    if count >= setup.length.main_questions and (
        time_left(state) is None or setup.length.unit == "questions"
    ):
        return True
    nxt = choose_next(
        state["plan"],
        taken(state),
        target=state["difficulty"],
        setup=setup,
        adaptive=state["policy"]["adaptive"],
    )
    return nxt is None
