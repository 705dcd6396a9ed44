"""The interview as a LangGraph state machine: one graph run per candidate turn.

Each run starts at ``listen`` (record the candidate's words, classify them), branches to
one handler, and ends at ``speak`` (record the interviewer's reply). Nodes are plain
functions returning partial state, so a later, fuller brain can add nodes (follow-up
questions, scoring) without changing the shape. All state is plain data, so any
LangGraph checkpointer can persist it.
"""

from __future__ import annotations

import operator
from typing import Annotated, Literal, TypedDict

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from . import phrases
from .bank import InterviewType, Level, Question, QuestionType, load_bank
from .intents import Intent, classify

Phase = Literal["greeting", "asking", "closing", "done"]
Route = Literal["open", "answer", "short", "repeat", "skip", "end", "after_end"]
Speaker = Literal["interviewer", "candidate"]


class AskedQuestion(TypedDict):
    id: str
    type: QuestionType
    text: str
    reference_points: list[str]


class Turn(TypedDict):
    speaker: Speaker
    text: str
    question_id: str | None


class InterviewState(TypedDict):
    role: str
    level: Level
    interview_type: InterviewType
    questions: list[AskedQuestion]
    index: int
    """The question being asked (0-based); equals len(questions) once all are covered."""
    turns: Annotated[list[Turn], operator.add]
    phase: Phase
    last_reply: str
    candidate_text: str | None
    """This run's input: the candidate's words, or None to open the interview."""
    route: Route
    nudged: bool
    """Whether the current question already got its one nudge for a fuller answer."""
    variety: int
    """Picks phrasings, so an interview with a fixed seed is reproducible."""


class InterviewUpdate(TypedDict, total=False):
    """What a node returns: the fields it changes (``turns`` holds only the new turns)."""

    index: int
    turns: list[Turn]
    phase: Phase
    last_reply: str
    route: Route
    nudged: bool


def initial_state(
    role: str,
    level: Level,
    interview_type: InterviewType,
    questions: list[Question],
    variety: int = 0,
) -> InterviewState:
    return {
        "role": role,
        "level": level,
        "interview_type": interview_type,
        "questions": [
            {
                "id": q.id,
                "type": q.type,
                "text": q.text,
                "reference_points": list(q.reference_points),
            }
            for q in questions
        ],
        "index": 0,
        "turns": [],
        "phase": "greeting",
        "last_reply": "",
        "candidate_text": None,
        "route": "open",
        "nudged": False,
        "variety": variety,
    }


def _current(state: InterviewState) -> AskedQuestion | None:
    i = state["index"]
    return state["questions"][i] if 0 <= i < len(state["questions"]) else None


def _current_id(state: InterviewState) -> str | None:
    q = _current(state)
    return q["id"] if q else None


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _advance(state: InterviewState, reply: str) -> InterviewUpdate:
    nxt = state["index"] + 1
    return {
        "index": nxt,
        "nudged": False,
        "last_reply": reply,
        "phase": "asking" if nxt < len(state["questions"]) else "closing",
    }


# Nodes ----------------------------------------------------------------------------------


def listen(state: InterviewState) -> InterviewUpdate:
    text = state["candidate_text"]
    route: Route
    if state["phase"] == "greeting":
        route = "open"
    elif state["phase"] == "done":
        route = "after_end"
    else:
        intent: Intent = classify(text or "")
        route = "answer" if intent == "short" and state["nudged"] else intent
    update: InterviewUpdate = {"route": route}
    if text is not None:
        update["turns"] = [
            {"speaker": "candidate", "text": text, "question_id": _current_id(state)}
        ]
    return update


def opening(state: InterviewState) -> InterviewUpdate:
    label = load_bank().role_label(state["role"])
    n = len(state["questions"])
    return {
        "last_reply": phrases.opening(label, state["level"], state["interview_type"], n),
        "index": 0,
        "nudged": False,
        "phase": "asking" if n else "closing",
    }


def acknowledge(state: InterviewState) -> InterviewUpdate:
    q = _current(state)
    ack = phrases.acknowledgement(
        state["candidate_text"] or "",
        q["text"] if q else "",
        q["reference_points"] if q else [],
        state["variety"] + state["index"],
    )
    return _advance(state, ack)


def nudge(state: InterviewState) -> InterviewUpdate:
    q = _current(state)
    qtype: QuestionType = q["type"] if q else "behavioral"
    text = phrases.nudge(qtype, state["candidate_text"] or "", state["variety"] + state["index"])
    return {"last_reply": text, "nudged": True}


def repeat(state: InterviewState) -> InterviewUpdate:
    q = _current(state)
    variant = state["variety"] + len(state["turns"])
    return {"last_reply": _join(phrases.repeat(variant), q["text"] if q else "")}


def skip(state: InterviewState) -> InterviewUpdate:
    return _advance(state, phrases.skip(state["variety"] + state["index"]))


def end_early(state: InterviewState) -> InterviewUpdate:
    return {"last_reply": "", "phase": "closing"}


def ask(state: InterviewState) -> InterviewUpdate:
    q = _current(state)
    assert q is not None, "ask is only routed to while questions remain"
    total = len(state["questions"])
    lead = phrases.transition(state["index"], total, state["variety"] + state["index"])
    if state["route"] == "skip" and state["index"] < total - 1:
        lead = ""  # the skip phrase already says we are moving on
    return {"last_reply": _join(state["last_reply"], lead, q["text"])}


def closing(state: InterviewState) -> InterviewUpdate:
    if state["route"] == "end":
        text = phrases.closing("ended_early")
    elif state["questions"]:
        text = phrases.closing("completed")
    else:
        text = phrases.closing("no_questions")
    return {"last_reply": _join(state["last_reply"], text), "phase": "done"}


def after_end(state: InterviewState) -> InterviewUpdate:
    return {"last_reply": phrases.after_end()}


def speak(state: InterviewState) -> InterviewUpdate:
    turn: Turn = {
        "speaker": "interviewer",
        "text": state["last_reply"],
        "question_id": _current_id(state),
    }
    return {"turns": [turn]}


# Edges ----------------------------------------------------------------------------------

_HANDLERS: dict[Route, str] = {
    "open": "opening",
    "answer": "acknowledge",
    "short": "nudge",
    "repeat": "repeat",
    "skip": "skip",
    "end": "end_early",
    "after_end": "after_end",
}


def route_turn(state: InterviewState) -> str:
    return _HANDLERS[state["route"]]


def next_or_close(state: InterviewState) -> Literal["ask", "closing"]:
    return "closing" if state["phase"] == "closing" else "ask"


def build_graph(
    checkpointer: BaseCheckpointSaver[str] | None = None,
) -> CompiledStateGraph[InterviewState, None, InterviewState, InterviewState]:
    """The compiled interview graph. Without a checkpointer, pass the whole state each run;
    with one, pass the initial state once and then only ``{"candidate_text": ...}``."""
    g = StateGraph(InterviewState)
    for node in (listen, opening, acknowledge, nudge, repeat, skip, end_early, ask, closing):
        g.add_node(node.__name__, node)
    g.add_node("after_end", after_end)
    g.add_node("speak", speak)

    g.add_edge(START, "listen")
    g.add_conditional_edges("listen", route_turn, list(_HANDLERS.values()))
    for name in ("opening", "acknowledge", "skip"):
        g.add_conditional_edges(name, next_or_close, ["ask", "closing"])
    g.add_edge("end_early", "closing")
    for name in ("nudge", "repeat", "ask", "closing", "after_end"):
        g.add_edge(name, "speak")
    g.add_edge("speak", END)
    return g.compile(checkpointer=checkpointer)
