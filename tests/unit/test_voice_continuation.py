"""An answer continued after its turn was taken is decided as one answer, live only."""

from __future__ import annotations

import pytest
from livekit.agents import llm

from agent.interviewer.interviewer import Interviewer
from agent.voice.continuation import CONTINUE_WITHIN_S, continued_answer
from agent.voice.interviewer_llm import InterviewerLLM

FIRST = "I designed the order API with my team"
SECOND = "and then I added a cache in front of the database, which cut the latency by half."


def _user(ctx: llm.ChatContext, text: str, started: float, stopped: float) -> None:
    message = ctx.add_message(role="user", content=text)
    message.metrics = {"started_speaking_at": started, "stopped_speaking_at": stopped}


async def _conversation(
    heard: str, *, interrupted: bool, gap_s: float
) -> tuple[llm.ChatContext, InterviewerLLM]:
    interviewer = Interviewer("backend_engineer", "mid", "technical", seed=5)
    model = InterviewerLLM(interviewer, acknowledge=True)
    ctx = llm.ChatContext.empty()
    opening = (await model.chat(chat_ctx=ctx).collect()).text
    ctx.add_message(role="assistant", content=opening)
    _user(ctx, FIRST, 100.0, 102.0)
    await model.chat(chat_ctx=ctx).collect()
    ctx.add_message(role="assistant", content=heard, interrupted=interrupted)
    _user(ctx, SECOND, 102.0 + gap_s, 106.0 + gap_s)
    return ctx, model


@pytest.mark.parametrize("heard", ["", "Okay.", "Right. Alright."])
async def test_an_answer_continued_over_an_acknowledgement_is_one_answer(heard: str) -> None:
    ctx, model = await _conversation(heard, interrupted=True, gap_s=0.8)
    assert continued_answer(ctx) is not None
    await model.chat(chat_ctx=ctx).collect()
    answers = [t["text"] for t in model.interviewer.turns if t["speaker"] == "candidate"]
    assert answers == [f"{FIRST} {SECOND}"]


@pytest.mark.parametrize(
    ("heard", "interrupted", "gap_s"),
    [
        ("Thanks. Tell me how you would find a slow query.", True, 0.8),  # they heard a reply
        ("Okay.", False, 0.8),  # the reply was over
        ("Okay.", True, CONTINUE_WITHIN_S + 2.0),  # a new thought, much later
    ],
)
async def test_a_reply_that_stood_is_answered_in_turn(
    heard: str, interrupted: bool, gap_s: float
) -> None:
    ctx, model = await _conversation(heard, interrupted=interrupted, gap_s=gap_s)
    assert continued_answer(ctx) is None
    await model.chat(chat_ctx=ctx).collect()
    answers = [t["text"] for t in model.interviewer.turns if t["speaker"] == "candidate"]
    assert answers == [FIRST, SECOND]
