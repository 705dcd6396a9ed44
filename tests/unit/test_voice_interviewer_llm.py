"""InterviewerLLM through livekit-agents' own text-only harness (no LiveKit server)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from livekit.agents import Agent, AgentSession, llm
from livekit.agents.voice.run_result import RunResult

from agent.interviewer.interviewer import Interviewer
from agent.interviewer.signals import Delivery
from agent.llm import LlmClient
from agent.llm.config import CallLimits, ProviderConfig
from agent.voice.interviewer_llm import InterviewerLLM, word_groups

from fake_openai_server import FakeOpenAI, Json, Status, Stream


class InterviewerAgent(Agent):
    def __init__(self) -> None:
        super().__init__(instructions="Mock interviewer; replies come from the interview graph.")

    async def on_enter(self) -> None:
        self.session.generate_reply()


def _message_text(result: RunResult[Any]) -> str:
    event = result.expect.next_event().is_message(role="assistant").event()
    return event.item.text_content or ""


async def test_session_runs_an_interview_turn_by_turn() -> None:
    interviewer = Interviewer("backend_engineer", "junior", "technical", max_questions=3, seed=4)
    questions = [q["text"] for q in interviewer.questions]
    replies: list[str] = []
    model = InterviewerLLM(interviewer, on_reply=replies.append)

    async with AgentSession(llm=model) as session:
        opened = await session.start(InterviewerAgent(), capture_run=True)
        opened.expect.skip_next_event_if(type="agent_handoff")
        opening = _message_text(opened)
        assert opening.startswith("Hi") and opening.endswith(questions[0])

        # Commands move the interview deterministically; answers may earn a follow-up.
        result: RunResult[None] = await session.run(user_input="Can we skip this one?")
        assert _message_text(result).endswith(questions[1])
        result.expect.no_more_events()

        result = await session.run(user_input="Can you repeat the question?")
        assert _message_text(result).endswith(questions[1])
        assert interviewer.question_index == 1

        result = await session.run(user_input="End the interview.")
        closing = _message_text(result)
        assert "Goodbye" in closing
        assert model.finished

    assert replies[0] == opening and replies[-1] == closing and len(replies) == 4


async def test_reply_streams_in_several_chunks() -> None:
    model = InterviewerLLM(Interviewer("data_analyst", "mid", "hr", seed=1), words_per_chunk=3)
    chunks = []
    async with model.chat(chat_ctx=llm.ChatContext.empty()) as stream:
        async for chunk in stream:
            assert chunk.delta is not None and chunk.delta.role == "assistant"
            chunks.append(chunk.delta.content or "")
    assert len(chunks) > 5
    assert "".join(chunks) == model.interviewer.turns[-1]["text"]


async def test_same_user_message_never_advances_twice() -> None:
    interviewer = Interviewer("product_manager", "mid", "behavioral", seed=2)
    questions = [q["text"] for q in interviewer.questions]
    model = InterviewerLLM(interviewer)
    ctx = llm.ChatContext.empty()
    opening = await model.chat(chat_ctx=ctx).collect()
    ctx.add_message(role="assistant", content=opening.text)
    ctx.add_message(role="user", content="Could we move on to the next question?")

    first = await model.chat(chat_ctx=ctx).collect()
    # A re-generation for the same message, e.g. after an interruption, says the same thing.
    again = await model.chat(chat_ctx=ctx).collect()
    ctx.add_message(role="assistant", content=first.text, interrupted=True)
    after_interruption = await model.chat(chat_ctx=ctx).collect()

    assert first.text == again.text == after_interruption.text
    assert first.text.endswith(questions[1])
    assert interviewer.question_index == 1


async def test_discarded_speculative_reply_is_not_built_upon() -> None:
    interviewer = Interviewer("data_scientist", "senior", "technical", seed=3)
    questions = [q["text"] for q in interviewer.questions]
    model = InterviewerLLM(interviewer)
    base = llm.ChatContext.empty()
    opening = await model.chat(chat_ctx=base).collect()
    base.add_message(role="assistant", content=opening.text)

    # livekit's preemptive generation answers an early transcript, then discards it.
    speculative = base.copy()
    speculative.add_message(role="user", content="Skip")
    await model.chat(chat_ctx=speculative).collect()
    assert interviewer.question_index == 1

    final = base.copy()
    final.add_message(role="user", content="Let's skip this one please.")
    reply = await model.chat(chat_ctx=final).collect()
    assert reply.text.endswith(questions[1])
    assert interviewer.question_index == 1


def test_word_groups_rebuild_the_text() -> None:
    text = "Thanks for that. Next question. How would you design it?"
    groups = word_groups(text, 4)
    assert "".join(groups) == text
    assert groups[0] == "Thanks for that. Next"


async def test_a_language_model_phrases_the_reply_as_it_streams() -> None:
    limits = CallLimits(first_token_timeout_s=2.0, total_timeout_s=5.0, max_attempts=1)
    async with FakeOpenAI() as server:
        config = ProviderConfig.for_provider(
            "openai", "sk-test-0000", source="server", base_url=server.base_url, limits=limits
        )
        client = LlmClient(config)
        try:
            interviewer = Interviewer("backend_engineer", "mid", "technical", seed=5)
            said: list[str] = []
            model = InterviewerLLM(interviewer, client=client, on_reply=said.append)
            server.queue(Stream(["Hello, I am Alex.", " Let us begin.", " Tell me about caching."]))
            chunks = [
                c.delta.content if c.delta else None
                async for c in model.chat(chat_ctx=llm.ChatContext.empty())
            ]
            assert "".join(c or "" for c in chunks) == (
                "Hello, I am Alex. Let us begin. Tell me about caching."
            )
            assert said[0] == "Hello, I am Alex." and said[-1].endswith("caching.")

            # The model fails before its first word: the offline interviewer's words are spoken.
            ctx = llm.ChatContext.empty()
            ctx.add_message(role="user", content="Can we skip this one?")
            server.queue(Status(401))
            reply = await model.chat(chat_ctx=ctx).collect()
            assert reply.text == interviewer.turns[-1]["text"]
        finally:
            await client.aclose()


async def test_a_resumed_interview_opens_with_a_welcome_back_and_reports_state() -> None:
    first = Interviewer("backend_engineer", "junior", "technical", max_questions=3, seed=7)
    first.reply(None)
    first.reply("Can we skip this one?")
    current = first.questions[1]["text"]

    states: list[dict[str, object]] = []
    resumed = Interviewer.from_snapshot(first.snapshot())
    model = InterviewerLLM(resumed, resume=True, on_state=lambda s: states.append(dict(s)))
    opening = await model.chat(chat_ctx=llm.ChatContext.empty()).collect()
    assert current in opening.text
    assert not opening.text.startswith("Hi")
    assert len(states) == 1 and states[0]["turns"] == resumed.turns


async def test_delivery_of_each_message_reaches_the_interviewer() -> None:
    seen: list[str] = []

    def delivery_for(message: llm.ChatMessage) -> Delivery:
        seen.append(message.text_content or "")
        return Delivery(
            speech_s=1.0,
            duration_s=9.0,
            time_to_start_s=8.0,
            longest_pause_s=6.0,
            filler_count=3,
            word_count=4,
        )

    model = InterviewerLLM(
        Interviewer("backend_engineer", "mid", "technical", seed=8), delivery_for=delivery_for
    )
    ctx = llm.ChatContext.empty()
    await model.chat(chat_ctx=ctx).collect()
    ctx.add_message(role="user", content="Um, uh, let me think.")
    reply = await model.chat(chat_ctx=ctx).collect()
    assert seen == ["Um, uh, let me think."]
    assert model.interviewer.last_directive.move == "encourage", reply.text


async def test_on_a_call_the_model_reads_the_answer_before_the_reply_is_decided() -> None:
    limits = CallLimits(first_token_timeout_s=2.0, total_timeout_s=5.0, max_attempts=1)
    probe = "Which table was it, and how did you measure the speed-up?"
    answer = "We added an index once and the queries got faster, it went well."
    async with FakeOpenAI() as server:
        config = ProviderConfig.for_provider(
            "openai", "sk-test-0000", source="server", base_url=server.base_url, limits=limits
        )
        client = LlmClient(config)
        try:
            interviewer = Interviewer("backend_engineer", "mid", "technical", seed=5)
            model = InterviewerLLM(interviewer, client=client, acknowledge=True)
            reading = {"kind": "vague", "missing": ["numbers"], "follow_up": probe}
            server.queue(
                Stream(["Hello, I am Alex. Tell me about an index you added."]),
                Json(json.dumps(reading)),
                Stream(["Thanks. ", probe]),
            )
            ctx = llm.ChatContext.empty()
            opening = await model.chat(chat_ctx=ctx).collect()
            ctx.add_message(role="assistant", content=opening.text)
            ctx.add_message(role="user", content=answer)
            reply = await model.chat(chat_ctx=ctx).collect()
            assert reply.text.endswith(probe)  # after an acknowledgement, if one was needed
            assert answer in json.dumps(server.requests[1].body)
            assert probe in json.dumps(server.requests[2].body)  # the probe was phrased
        finally:
            await client.aclose()


async def test_each_question_is_prepared_for_its_answer_while_it_is_spoken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    prepared: list[str] = []
    monkeypatch.setattr(
        "agent.voice.interviewer_llm.analysis.prepare",
        lambda context: prepared.append(context.text),
    )
    interviewer = Interviewer("backend_engineer", "junior", "technical", seed=4)
    model = InterviewerLLM(interviewer)
    ctx = llm.ChatContext.empty()
    try:
        for answer in (None, "Can we skip this one?"):
            if answer is not None:
                ctx.add_message(role="user", content=answer)
            reply = (await model.chat(chat_ctx=ctx).collect()).text
            ctx.add_message(role="assistant", content=reply)
            asked = interviewer.current_context()
            assert asked is not None and asked.text in reply
            for _ in range(200):
                if prepared and prepared[-1] == asked.text:
                    break
                await asyncio.sleep(0.01)
            assert prepared[-1] == asked.text
        assert len(prepared) == 2 and prepared[0] != prepared[1]
    finally:
        await model.aclose()
