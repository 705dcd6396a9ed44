"""The interview graph: plain-function nodes and their bounds, and persistence through a
checkpointer. Handler tests set the assessment by hand, so they test the graph's decisions
apart from answer analysis."""

from __future__ import annotations

from typing import Any, cast

from langgraph.checkpoint.memory import MemorySaver

from agent.interviewer import graph, handlers
from agent.interviewer.analysis import AnswerKind
from agent.interviewer.grounding import empty_summary
from agent.interviewer.interviewer import Interviewer
from agent.interviewer.policy import follow_up_limit, prompt
from agent.interviewer.setup import InterviewSetup, Length
from agent.interviewer.state import InterviewState, Policy, initial_state

ANSWER = "We kept a write-ahead log and replayed it after the crash, which took about an hour."


def _opened(n: int = 3, **length: object) -> InterviewState:
    setup = InterviewSetup(
        role="backend_engineer",
        level="mid",
        interview_type="technical",
        length=Length.model_validate(length or {"value": n}),
    )
    iv = Interviewer.create(setup, seed=1)
    iv.reply(None)
    return iv.snapshot()


def _turn(
    state: InterviewState, kind: AnswerKind, *, quality: float = 0.5, coverage: float = 0.5
) -> InterviewState:
    """``state`` as ``listen`` leaves it for a candidate turn of ``kind``."""
    return {
        **state,
        "candidate_text": ANSWER,
        "route": kind,
        "assessment": {
            "kind": kind,
            "relevance": 0.8,
            "coverage": coverage,
            "covered_points": [0],
            "quality": quality,
            "hooks": ["write-ahead log"],
        },
        "best_quality": quality,
    }


def _apply(state: InterviewState, update: graph.InterviewUpdate) -> InterviewState:
    return cast(InterviewState, {**state, **update})


def test_listen_records_the_words_and_routes_by_kind() -> None:
    state: InterviewState = {**_opened(), "candidate_text": "Can you repeat that question?"}
    update = graph.listen(state)
    assert update["route"] == "repeat"
    assert update["turns"] == [
        {
            "speaker": "candidate",
            "text": "Can you repeat that question?",
            "question_id": state["asked"][0],
        }
    ]


def test_a_partial_answer_gets_at_most_two_follow_ups_then_moves_on() -> None:
    state = _opened()
    first = handlers.probe(_turn(state, "partial"))
    assert first["move"] == "follow_up" and first["next_step"] == "stay"
    assert first["pending"] and first["last_reply"].endswith(first["pending"])
    state = _apply(state, first)
    second = handlers.probe(_turn(state, "partial"))
    assert second["move"] == "follow_up" and second["pending"] != first["pending"]
    state = _apply(state, second)
    assert len(state["follow_ups"][state["asked"][0]]) == 2
    third = handlers.probe(_turn(state, "partial"))
    assert third["next_step"] == "advance" and third["index"] == 1 and third["pending"] is None


def test_a_full_answer_moves_on_and_a_thinner_one_may_get_one_follow_up() -> None:
    state = _opened()
    full = handlers.acknowledge(_turn(state, "answered", quality=0.9, coverage=1.0))
    assert full["next_step"] == "advance" and full["difficulty"] > state["difficulty"]
    thinner = handlers.acknowledge(_turn(state, "answered", coverage=0.5))
    assert thinner["move"] == "follow_up"
    again = handlers.acknowledge(_turn(_apply(state, thinner), "answered", coverage=0.5))
    assert again["next_step"] == "advance"


def test_a_short_answer_asks_for_an_example_once() -> None:
    state = _opened()
    first = handlers.ask_example(_turn(state, "too_short"))
    assert first["nudged"] is True and "example" in first["last_reply"]
    second = handlers.ask_example(_turn(_apply(state, first), "too_short", quality=0.1))
    assert second["next_step"] == "advance"
    assert second["difficulty"] < state["difficulty"]


def test_redirections_are_bounded_per_question() -> None:
    state = _opened()
    question = prompt(state)
    for handler in (handlers.redirect, handlers.steer_back):
        update = handler(_turn(state, "off_topic"))
        assert update["next_step"] == "stay" and update["last_reply"].endswith(question)
        state = _apply(state, update)
    assert state["detours"] == 2
    moved = handlers.ignore_instruction(_turn(state, "injection"))
    assert moved["next_step"] == "advance" and moved["detours"] == 0


def test_encouragement_asks_nothing_new() -> None:
    state = _opened()
    update = handlers.encourage(_turn(state, "hesitant"))
    assert update["move"] == "encourage" and update["next_step"] == "stay"
    assert "?" not in update["last_reply"] and prompt(state) not in update["last_reply"]


def test_follow_ups_shrink_as_time_runs_out() -> None:
    state = _opened(unit="minutes", value=15)  # five main questions, three minutes each
    assert follow_up_limit(state) == 2
    assert follow_up_limit({**state, "elapsed_s": 300.0}) == 1  # 600 s left for 5 questions
    assert follow_up_limit({**state, "elapsed_s": 600.0}) == 0
    late = _turn({**state, "elapsed_s": 15 * 60.0}, "partial")
    update = handlers.probe(late)
    assert update["next_step"] == "advance"
    assert graph.next_step(_apply(late, update)) == "closing"


def test_a_timed_interview_runs_on_the_clock_not_the_question_count() -> None:
    state = _opened(unit="minutes", value=6)  # two main questions planned, 3 minutes each
    moved = _apply(state, {"index": 2, "asked": [*state["asked"], "x"], "next_step": "advance"})
    assert graph.next_step(moved) == "closing"  # no clock: the planned count decides
    assert graph.next_step(_apply(moved, {"elapsed_s": 200.0})) == "ask"  # 160 s left
    late = _apply(moved, {"elapsed_s": 320.0})  # 40 s left: too little for a new question
    assert graph.next_step(late) == "closing"
    assert graph.closing(late)["close_reason"] == "time_up"


def test_ending_routes_to_the_closing() -> None:
    state = _opened()
    update = handlers.end_early(_turn(state, "end"))
    assert graph.next_step(_apply(state, update)) == "closing"
    closed = graph.closing(_apply(state, update))
    assert closed["phase"] == "done" and closed["close_reason"] == "ended_early"


def test_runs_turn_by_turn_with_a_checkpointer() -> None:
    app = graph.build_graph(checkpointer=MemorySaver())
    config: Any = {"configurable": {"thread_id": "interview-1"}}
    setup = InterviewSetup(role="backend_engineer", level="mid", interview_type="technical")
    fixed = Interviewer("backend_engineer", "mid", "technical", max_questions=3, seed=1)
    questions = [q["text"] for q in fixed.questions]

    out = app.invoke(fixed.snapshot(), config)
    assert out["phase"] == "asking" and out["last_reply"].endswith(questions[0])
    assert setup.role == out["setup"]["role"]

    # With a checkpointer only the candidate's words travel with each turn.
    turn = cast(InterviewState, {"candidate_text": "Can we skip this one?"})
    out = app.invoke(turn, config)
    assert out["index"] == 1 and out["last_reply"].endswith(questions[1])

    end = cast(InterviewState, {"candidate_text": "Let's end the interview."})
    phases = []
    for update in app.stream(end, config, stream_mode="updates"):
        phases += [part["phase"] for part in update.values() if part and "phase" in part]
    assert phases == ["done"]
    final = app.get_state(config).values
    assert [t["speaker"] for t in final["turns"]] == [
        "interviewer",
        *["candidate", "interviewer"] * 2,
    ]


def test_an_interview_without_questions_still_opens_and_closes() -> None:
    setup = InterviewSetup(role="backend_engineer", level="mid", interview_type="technical")
    policy: Policy = {"adaptive": True, "max_follow_ups": 2}
    state = initial_state(
        setup, [], grounding=empty_summary(), policy=policy, difficulty=3.0, variety=0
    )
    out = graph.build_graph().invoke(state)
    assert out["phase"] == "done" and out["close_reason"] == "no_questions"
    assert out["last_reply"].startswith("Hi") and "Goodbye" in out["last_reply"]
    assert "last question" not in out["last_reply"] and "zero" not in out["last_reply"]
