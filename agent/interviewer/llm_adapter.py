"""The interviewer as a livekit-agents LLM, so an ``AgentSession`` can drive it turn by turn.

``chat()`` answers the latest user message in the chat context with one ``Interviewer``
reply and streams it as word groups, so TTS can start on the first words. livekit may ask
more than once about the same turn: after an interruption, on a retry, or speculatively
(preemptive generation) on a transcript that is later discarded. Replies are therefore
keyed on the user message id, and each new reply is computed from the interview state as
it stood after the latest earlier turn the chat context actually contains.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Never

from livekit.agents import llm, utils
from livekit.agents.types import (
    DEFAULT_API_CONNECT_OPTIONS,
    NOT_GIVEN,
    APIConnectOptions,
    NotGivenOr,
)

from .graph import InterviewState
from .interviewer import Interviewer

# Key for a reply generated with no user message in the context: the interview opener.
OPENING_KEY = ""
# Older replies are forgotten past this many; a live interview has a few dozen turns.
MAX_REMEMBERED_REPLIES = 128


@dataclass(frozen=True, slots=True)
class _Answered:
    reply: str
    after: InterviewState


class InterviewerLLM(llm.LLM[Never]):
    """Wraps one ``Interviewer``. ``on_reply`` receives the full text of each newly generated
    reply (also a speculative one that livekit may later discard), before any of it is
    spoken, so the caller can record what was said even if the candidate interrupts it."""

    def __init__(
        self,
        interviewer: Interviewer,
        *,
        on_reply: Callable[[str], None] | None = None,
        words_per_chunk: int = 4,
    ) -> None:
        super().__init__()
        self._interviewer = interviewer
        self.on_reply = on_reply
        self._words_per_chunk = max(1, words_per_chunk)
        self._origin = interviewer.snapshot()
        self._answered: dict[str, _Answered] = {}

    @property
    def model(self) -> str:
        return "mockline-interviewer"

    @property
    def provider(self) -> str:
        return "mockline"

    @property
    def interviewer(self) -> Interviewer:
        return self._interviewer

    @property
    def finished(self) -> bool:
        return self._interviewer.finished

    def chat(
        self,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool] | None = None,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
        parallel_tool_calls: NotGivenOr[bool] = NOT_GIVEN,
        tool_choice: NotGivenOr[llm.ToolChoice] = NOT_GIVEN,
        extra_kwargs: NotGivenOr[dict[str, Any]] = NOT_GIVEN,
    ) -> llm.LLMStream:
        reply = self.reply_for(chat_ctx)
        return InterviewerStream(
            self,
            reply=reply,
            words_per_chunk=self._words_per_chunk,
            chat_ctx=chat_ctx,
            tools=tools or [],
            conn_options=conn_options,
        )

    def reply_for(self, chat_ctx: llm.ChatContext) -> str:
        """The interviewer's reply to the latest user message in ``chat_ctx`` (the opener
        when there is none), computed at most once per user message."""
        users = [
            item
            for item in chat_ctx.items
            if isinstance(item, llm.ChatMessage) and item.role == "user"
        ]
        key = users[-1].id if users else OPENING_KEY
        if (known := self._answered.get(key)) is not None:
            return known.reply

        self._interviewer.restore(self._state_before(users[:-1]))
        text = (users[-1].text_content or "") if users else None
        reply = self._interviewer.reply(text)
        self._remember(key, _Answered(reply=reply, after=self._interviewer.snapshot()))
        if self.on_reply is not None:
            self.on_reply(reply)
        return reply

    def _state_before(self, earlier_users: list[llm.ChatMessage]) -> InterviewState:
        for msg in reversed(earlier_users):
            if (known := self._answered.get(msg.id)) is not None:
                return known.after
        opener = self._answered.get(OPENING_KEY)
        return opener.after if opener is not None else self._origin

    def _remember(self, key: str, answered: _Answered) -> None:
        self._answered[key] = answered
        while len(self._answered) > MAX_REMEMBERED_REPLIES:
            del self._answered[next(iter(self._answered))]


class InterviewerStream(llm.LLMStream):
    """Streams one precomputed reply as word-group chunks."""

    def __init__(
        self,
        llm_: InterviewerLLM,
        *,
        reply: str,
        words_per_chunk: int,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool],
        conn_options: APIConnectOptions,
    ) -> None:
        super().__init__(llm_, chat_ctx=chat_ctx, tools=tools, conn_options=conn_options)
        self._reply = reply
        self._words_per_chunk = words_per_chunk

    async def _run(self) -> None:
        request_id = utils.shortuuid("interviewer_")
        for piece in word_groups(self._reply, self._words_per_chunk):
            self._event_ch.send_nowait(
                llm.ChatChunk(id=request_id, delta=llm.ChoiceDelta(role="assistant", content=piece))
            )
            await asyncio.sleep(0)  # let TTS pick up the first words before the rest arrive


def word_groups(text: str, size: int) -> list[str]:
    """Splits ``text`` into groups of ``size`` words that concatenate back to ``text``."""
    words = text.split(" ")
    return [
        ("" if i == 0 else " ") + " ".join(words[i : i + size]) for i in range(0, len(words), size)
    ]
