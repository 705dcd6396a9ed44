"""A short acknowledgement covers a slow decision, and the reply never acknowledges twice."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator

import pytest
from livekit.agents import llm

from agent.interviewer.interviewer import Interviewer
from agent.interviewer.warmup import warm_interviewer
from agent.voice.acknowledge import ACKS, AckRotation, is_ack, without_leading_ack
from agent.voice.interviewer_llm import InterviewerLLM


@pytest.mark.parametrize(
    "sentence",
    ["Thanks.", "Okay, understood.", "Got it, thank you.", "Alright.", "Right.", "Noted."],
)
def test_acknowledging_sentences(sentence: str) -> None:
    assert is_ack(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Thanks for walking me through the cache.", "Okay. What did you measure?", "Next question.",
     "Let's come back to the question.", "Sure, here it is again, slowly."],
)  # fmt: skip
def test_sentences_with_content_are_not(sentence: str) -> None:
    assert not is_ack(sentence)


async def _deltas(*parts: str) -> AsyncIterator[str]:
    for part in parts:
        yield part


async def _joined(deltas: AsyncIterator[str]) -> str:
    return "".join([d async for d in deltas])


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("Thanks. Back to ", "the question."), "Back to the question."),
        (("Got it, ", "thank you. What ", "did you measure?"), "What did you measure?"),
        (("Next question. What is an index?",), "Next question. What is an index?"),
        (("Thanks for bringing up the cache. Next one.",), "Thanks for bringing up the cache. Next one."),
        (("Okay.",), ""),
    ],
)  # fmt: skip
async def test_a_leading_acknowledgement_is_dropped(parts: tuple[str, ...], expected: str) -> None:
    assert await _joined(without_leading_ack(_deltas(*parts))) == expected


def test_the_rotation_never_says_the_same_twice_in_a_row() -> None:
    pick = AckRotation()
    said = [pick() for _ in range(3 * len(ACKS))]
    assert all(a != b for a, b in itertools.pairwise(said))
    assert set(said) == set(ACKS)


class SlowInterviewer(Interviewer):
    """The graph takes ``delay`` seconds per reply (a busy machine)."""

    delay = 0.0

    def reply(self, *args: object, **kwargs: object) -> str:
        time.sleep(self.delay)
        return super().reply(*args, **kwargs)  # type: ignore[arg-type]


async def _reply(model: InterviewerLLM, ctx: llm.ChatContext, answer: str) -> str:
    ctx.add_message(role="user", content=answer)
    reply = (await model.chat(chat_ctx=ctx).collect()).text
    ctx.add_message(role="assistant", content=reply)
    return reply


@pytest.mark.parametrize("delay", [0.0, 0.5])
async def test_a_slow_decision_is_covered_by_one_acknowledgement(delay: float) -> None:
    interviewer = SlowInterviewer("backend_engineer", "junior", "technical", seed=4)
    model = InterviewerLLM(interviewer, acknowledge=True)
    ctx = llm.ChatContext.empty()
    opening = (await model.chat(chat_ctx=ctx).collect()).text
    assert not opening.startswith(ACKS)  # the opener is never acknowledged
    ctx.add_message(role="assistant", content=opening)
    interviewer.delay = delay
    reply = await _reply(model, ctx, "Can we skip this one?")
    decided = interviewer.turns[-1]["text"]
    if delay:
        ack = next(a for a in ACKS if reply.startswith(a))
        rest = reply[len(ack) :].strip()
        assert rest and rest in decided and not is_ack(rest.split(". ")[0] + ".")
    else:
        assert reply == decided
    await asyncio.sleep(0)


@pytest.mark.parametrize("cached", [True, False])
async def test_a_reply_whose_first_sentence_is_not_synthesized_yet_opens_with_one(
    cached: bool,
) -> None:
    warm_interviewer()  # a cold process's first answer is slow for reasons of its own
    interviewer = SlowInterviewer("backend_engineer", "junior", "technical", seed=4)
    asked: list[str] = []

    def ready(text: str) -> bool:
        asked.append(text)
        return cached

    model = InterviewerLLM(interviewer, acknowledge=True, ready_to_play=ready)
    announced: list[str] = []
    model.on_ack = announced.append
    ctx = llm.ChatContext.empty()
    opening = (await model.chat(chat_ctx=ctx).collect()).text
    ctx.add_message(role="assistant", content=opening)
    replies = []
    for answer in ("Can we skip this one?", "I would add an index on the user id column."):
        # The question side is embedded while the question is spoken (not timed here).
        await asyncio.to_thread(interviewer.prepare_current)
        replies.append(await _reply(model, ctx, answer))
    decided = [t["text"] for t in interviewer.turns if t["speaker"] == "interviewer"][-2:]
    assert asked[-2:] == decided  # asked about the words the decision will say
    for reply, words in zip(replies, decided, strict=True):
        if cached:
            assert reply == words
        else:
            ack = next(a for a in ACKS if reply.startswith(a))
            assert reply[len(ack) :].strip() in words
    # The call is told of each acknowledgement it will play (to time the words after it).
    opened = [next(a for a in ACKS if r.startswith(a)) for r in replies] if not cached else []
    assert announced == opened
    if not cached:  # two acknowledgements in a row are never the same
        assert replies[0].split()[0] != replies[1].split()[0] or replies[0][:6] != replies[1][:6]
