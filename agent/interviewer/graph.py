"""The interview as a LangGraph state machine: one graph run per candidate turn.

Each run starts at ``listen`` (record the candidate's words, assess them), branches to one
handler per kind of turn, goes on to ``ask`` the next main question or ``closing`` when the
handler moved on, and ends at ``speak`` (record the reply and the `Directive` behind it).
Nodes are plain functions returning partial state: the per-kind handlers live in
``handlers.py``, the rules they share (time, bounds, the current question) in ``policy.py``.
All state is plain data.
"""

from __future__ import annotations

from typing import Literal

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agent.understanding.lang import normalise

from . import phrases
from .analysis import assess, builds_on
from .bank import load_bank
from .directive import Directive, to_data
from .handlers import (
    acknowledge,
    add_to_previous,
    ask_example,
    clarify,
    encourage,
    end_early,
    ignore_instruction,
    inform,
    probe,
    probe_specifics,
    redirect,
    repeat,
    skip,
    stay,
    steer_back,
    wrap_up,
)
from .intents import says_nothing_more
from .planner import PlannedQuestion, choose_next, context
from .policy import (
    close_reason,
    coming_back,
    current,
    persona,
    question_total,
    said_on,
    taken,
    variant,
)
from .state import (
    AskedQuestion,
    InterviewState,
    InterviewUpdate,
    Route,
    Turn,
    delivery_of,
    initial_state,
    refined,
    setup_of,
)

__all__ = [
    "AskedQuestion",
    "InterviewState",
    "InterviewUpdate",
    "Turn",
    "build_graph",
    "initial_state",
]

Graph = CompiledStateGraph[InterviewState, None, InterviewState, InterviewState]


def listen(state: InterviewState) -> InterviewUpdate:
    text = state["candidate_text"]
    update: InterviewUpdate = {"assessment": None}
    q = current(state)
    qid = q["id"] if q else None
    route: Route
    if state["phase"] == "greeting":
        route = "open"
    elif state["phase"] == "done":
        route = "after_end"
    elif state["resuming"]:
        return {**update, "route": "resume"}
    elif q is None:
        route = "skip"  # nothing to answer: a state that lost its question moves on
    else:
        pending = state["pending"]
        ctx = context(q, f"{q['text']} {pending}" if pending else None, pending)
        # A reply to a follow-up is read with what the candidate said before on the question.
        earlier = pending and " ".join(said_on(state, q["id"]))
        found = assess(
            text or "", ctx, delivery=delivery_of(state["delivery"]), earlier=earlier or ""
        )
        data = refined(found, state.get("reading"))
        update["assessment"] = data
        route = data["kind"]
        if route in _MAY_WRAP_UP and says_nothing_more(text or ""):
            route = "wrap_up"
        # More on the question before, said before answering this one (read only when the
        # turn is off this question: it costs a second reading).
        previous = _previous_question(state) if route == "off_topic" else None
        if previous is not None and _adds_to(text or "", previous, state, found.relevance):
            route = "addition"
            qid = previous["id"]  # scored with the answer it adds to
        best = max(found.quality, state["best_quality"] or 0.0)
        if found.kind in ("answered", "partial", "vague", "too_short"):
            update["best_quality"] = best
    update["route"] = route
    if text is not None:
        turn: Turn = {"speaker": "candidate", "text": text, "question_id": qid}
        if state["delivery"] is not None:
            turn["delivery"] = state["delivery"]
        update["turns"] = [turn]
    return update


def _previous_question(state: InterviewState) -> PlannedQuestion | None:
    """The main question before the current one, while the current one has had no answer and
    no follow-up yet: only then can a turn be more on the one before."""
    q, index = current(state), state["index"]
    if q is None or index < 1 or state["pending"]:
        return None
    if said_on(state, q["id"]):
        return None
    qid = state["asked"][index - 1]
    return next((p for p in state["plan"] if p["id"] == qid), None)


def _adds_to(text: str, previous: PlannedQuestion, state: InterviewState, relevance: float) -> bool:
    """Whether ``text`` is more about the previous question than about the current one (its
    ``relevance`` to it), and answers it or goes on with what the candidate said on it. Words
    said on it before, again, add nothing: a candidate repeating a generic answer is not
    adding to the last one."""
    said = [
        t["text"]
        for t in state["turns"]
        if t["speaker"] == "candidate" and t["question_id"] == previous["id"]
    ]
    if normalise(text) in {normalise(s) for s in said}:
        return False
    found = assess(text, context(previous))
    if found.relevance <= relevance:
        return False
    return found.kind in ("answered", "partial", "vague") or builds_on(text, " ".join(said))


def opening(state: InterviewState) -> InterviewUpdate:
    setup = setup_of(state)
    minutes = setup.length.value if setup.length.unit == "minutes" else None
    text = phrases.opening(
        setup.persona,
        load_bank().role_label(setup.role),
        setup.level,
        setup.interview_type,
        0 if not state["plan"] else question_total(state) or setup.length.main_questions,
        minutes,
    )
    return {"last_reply": text, "next_step": "advance", "move": "open", "phase": "asking"}


def resume(state: InterviewState) -> InterviewUpdate:
    """Welcome back, the current question, and the pending follow-up if there is one: after a
    break the follow-up alone would have lost its context."""
    q = current(state)
    question = q["text"] if q else ""
    back = phrases.welcome_back(persona(state).tone)
    return stay("resume", phrases.join(back, question, state["pending"] or ""))


def after_end(state: InterviewState) -> InterviewUpdate:
    return stay("after_end", phrases.after_end())


def ask(state: InterviewState) -> InterviewUpdate:
    back = coming_back(state)
    if back is not None:
        return _ask_again(state, back)
    setup = setup_of(state)
    adaptive = state["policy"]["adaptive"]
    target = state["difficulty"]
    q = choose_next(state["plan"], taken(state), target=target, setup=setup, adaptive=adaptive)
    assert q is not None, "ask is only routed to while questions remain"
    total = question_total(state)
    lead = phrases.transition(state["index"], total, variant(state))
    if state["move"] in ("skip", "defer") and (total is None or state["index"] < total - 1):
        lead = ""  # the skip phrase already says we are moving on
    return {
        "asked": [*state["asked"], q["id"]],
        "last_reply": phrases.join(state["last_reply"], lead, q["text"]),
    }


def _ask_again(state: InterviewState, qid: str) -> InterviewUpdate:
    """The question the candidate asked to come back to, said to be that one."""
    q = next(p for p in state["plan"] if p["id"] == qid)
    lead = phrases.coming_back(persona(state).tone, variant(state))
    return {
        "asked": [*state["asked"], qid],
        "move": "come_back",
        "last_reply": phrases.join(state["last_reply"], lead, q["text"]),
    }


def closing(state: InterviewState) -> InterviewUpdate:
    reason = close_reason(state, before_asking=True) or "completed"
    text = phrases.closing(persona(state).tone, reason)
    return {
        "last_reply": phrases.join(state["last_reply"], text),
        "phase": "done",
        "close_reason": reason,
        "move": "close",
        "pending": None,
    }


def speak(state: InterviewState) -> InterviewUpdate:
    q = current(state)
    resuming = state["resuming"]
    directive = Directive(
        move=state["move"],
        question=q["text"] if q else "",
        follow_up=state["pending"] if q else None,
        candidate_text=None if resuming else state["candidate_text"],
        persona=persona(state),
        offline_text=state["last_reply"],
        question_number=state["index"] + 1 if q else 0,
        closing=state["phase"] == "done" and state["move"] == "close",
    )
    turn: Turn = {
        "speaker": "interviewer",
        "text": state["last_reply"],
        "question_id": q["id"] if q else None,
    }
    return {"turns": [turn], "directive": to_data(directive)}


# Edges ----------------------------------------------------------------------------------

_HANDLERS: dict[Route, str] = {
    "open": "opening",
    "resume": "resume",
    "after_end": "after_end",
    "answered": "acknowledge",
    "partial": "probe",
    "vague": "probe_specifics",
    "too_short": "ask_example",
    "off_topic": "redirect",
    "hesitant": "encourage",
    "confused": "clarify",
    "outside": "steer_back",
    "injection": "ignore_instruction",
    "repeat": "repeat",
    "skip": "skip",
    "end": "end_early",
    "logistics": "inform",
    "wrap_up": "wrap_up",
    "addition": "add_to_previous",
}
_MAY_WRAP_UP: frozenset[Route] = frozenset(
    {"partial", "vague", "too_short", "off_topic", "hesitant", "answered"}
)
"""Kinds of answer after which "that's all I have" ends the question."""
_NODES = (
    listen, opening, resume, after_end, acknowledge, probe, probe_specifics, ask_example,
    redirect, encourage, add_to_previous,
    clarify, steer_back, ignore_instruction, repeat, skip, end_early, inform, wrap_up, ask,
    closing, speak,
)  # fmt: skip


def route_turn(state: InterviewState) -> str:
    return _HANDLERS[state["route"]]


def next_step(state: InterviewState) -> Literal["ask", "closing", "speak"]:
    if state["next_step"] == "stay":
        return "speak"
    if state["next_step"] == "close" or close_reason(state, before_asking=True) is not None:
        return "closing"
    return "ask"


def build_graph(checkpointer: BaseCheckpointSaver[str] | None = None) -> Graph:
    """The compiled interview graph. Without a checkpointer, pass the whole state each run;
    with one, pass the initial state once and then only ``{"candidate_text": ...}``."""
    g = StateGraph(InterviewState)
    for node in _NODES:
        g.add_node(node.__name__, node)
    g.add_edge(START, "listen")
    g.add_conditional_edges("listen", route_turn, list(dict.fromkeys(_HANDLERS.values())))
    for name in dict.fromkeys(_HANDLERS.values()):
        g.add_conditional_edges(name, next_step, ["ask", "closing", "speak"])
    g.add_edge("ask", "speak")
    g.add_edge("closing", "speak")
    g.add_edge("speak", END)
    return g.compile(checkpointer=checkpointer)
