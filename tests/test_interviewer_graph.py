"""The interview graph itself: plain-function nodes, and persistence through a checkpointer."""

from __future__ import annotations

from typing import Any, cast

from langgraph.checkpoint.memory import MemorySaver

from agent.interviewer import graph
from agent.interviewer.bank import select_questions


def _state() -> graph.InterviewState:
    questions = select_questions("backend_engineer", "mid", "technical", 3, seed=1)
    return graph.initial_state("backend_engineer", "mid", "technical", questions, variety=1)


def _turn(text: str) -> graph.InterviewState:
    # A partial input: the checkpointer supplies the rest of the state.
    return cast(graph.InterviewState, {"candidate_text": text})


def test_nodes_are_plain_functions_returning_partial_state() -> None:
    state = _state()
    state["phase"] = "asking"
    state["candidate_text"] = "yes"
    update = graph.listen(state)
    assert update == {
        "route": "short",
        "turns": [
            {"speaker": "candidate", "text": "yes", "question_id": state["questions"][0]["id"]}
        ],
    }
    nudged = graph.nudge(state)
    assert nudged["nudged"] is True and "example" in nudged["last_reply"]
    assert set(graph.skip(state)) == {"index", "nudged", "last_reply", "phase"}


def test_runs_turn_by_turn_with_a_checkpointer() -> None:
    app = graph.build_graph(checkpointer=MemorySaver())
    config: Any = {"configurable": {"thread_id": "interview-1"}}
    state = _state()
    questions = [q["text"] for q in state["questions"]]

    out = app.invoke(state, config)
    assert out["phase"] == "asking" and out["last_reply"].endswith(questions[0])

    # With a checkpointer only the candidate's words travel with each turn.
    out = app.invoke(_turn("I would add an index on the user id column."), config)
    assert out["index"] == 1 and out["last_reply"].endswith(questions[1])

    phases = []
    for update in app.stream(_turn("Let's end the interview."), config, stream_mode="updates"):
        phases += [part["phase"] for part in update.values() if part and "phase" in part]
    assert phases == ["closing", "done"]

    final = app.get_state(config).values
    assert final["phase"] == "done"
    assert [t["speaker"] for t in final["turns"]] == [
        "interviewer",
        "candidate",
        "interviewer",
        "candidate",
        "interviewer",
    ]


def test_an_interview_without_questions_still_opens_and_closes() -> None:
    state = graph.initial_state("backend_engineer", "mid", "technical", [], variety=0)
    out = graph.build_graph().invoke(state)
    assert out["phase"] == "done"
    assert out["last_reply"].startswith("Hi") and "Goodbye" in out["last_reply"]
    assert "last question" not in out["last_reply"] and "zero" not in out["last_reply"]
