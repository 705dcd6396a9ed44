"""The interviewer as a livekit-agents LLM, so an ``AgentSession`` can drive it turn by turn.

``chat()`` answers the latest user message in the chat context: the interview graph decides
what to do (off the event loop, it embeds the answer), then the words are streamed — the
language model's as they come when one is configured (falling back to the graph's own
words if it fails), else the graph's words in small groups so TTS starts on the first ones.

livekit may ask more than once about the same turn: after an interruption or on a retry.
Decisions are therefore keyed on the user message id, and each new one is computed from the
interview state as it stood after the latest earlier turn the chat context actually holds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any, Never

from livekit.agents import llm, utils
from livekit.agents.types import (
    DEFAULT_API_CONNECT_OPTIONS,
    NOT_GIVEN,
    APIConnectOptions,
    NotGivenOr,
)

from ..interviewer import analysis
from ..interviewer.directive import Directive
from ..interviewer.generative import phrase
from ..interviewer.graph import InterviewState
from ..interviewer.interviewer import Interviewer
from ..interviewer.model_reading import ModelReading, read_with_model
from ..interviewer.signals import Delivery
from ..llm.client import LlmClient
from .acknowledge import WAIT_BEFORE_ACK_S, AckRotation, without_leading_ack
from .continuation import continued_answer

log = logging.getLogger(__name__)

# Key for a reply generated with no user message in the context: the interview opener.
OPENING_KEY = ""
# Older replies are forgotten past this many; a live interview has a few dozen turns.
MAX_REMEMBERED_REPLIES = 128


@dataclass(slots=True)
class _Decision:
    offline: str
    directive: Directive
    after: InterviewState
    spoken: str | None = field(default=None)
    """What was actually said, once a phrasing of this decision completed."""


class InterviewerLLM(llm.LLM[Never]):
    """Wraps one ``Interviewer``.

    - ``client``: a language model to phrase the replies; None speaks the graph's own words.
    - ``resume``: the opener is a "welcome back" rather than the interview's greeting.
    - ``delivery_for``: how a candidate message was delivered (voice); None in text-only use.
    - ``elapsed``: seconds the interview has run, for a time-boxed interview.
    - ``on_reply``: the reply text so far (called again as it grows), before it is spoken,
      so the caller can record what was said even if the candidate interrupts it.
    - ``on_state``: the graph state after each new decision, to checkpoint it.
    - ``on_ack``: the acknowledgement a reply opens with, as it is said (before its words).
    - ``acknowledge``: live speech (a call): when a decision is not ready at once, say a
      short acknowledgement first (`acknowledge.py`), and decide an answer continued after
      its turn was taken as one answer (`continuation.py`).
    - ``ready_to_play``: whether a text's first sentence can be played at once (its audio
      is made already); a reply whose first sentence is not is opened with an
      acknowledgement too, which plays while that sentence is synthesized. None: every
      reply counts as ready.
    """

    def __init__(
        self,
        interviewer: Interviewer,
        *,
        client: LlmClient | None = None,
        resume: bool = False,
        delivery_for: Callable[[llm.ChatMessage], Delivery | None] | None = None,
        elapsed: Callable[[], float] | None = None,
        on_reply: Callable[[str], None] | None = None,
        on_state: Callable[[InterviewState], None] | None = None,
        words_per_chunk: int = 4,
        acknowledge: bool = False,
        ready_to_play: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__()
        self._interviewer = interviewer
        self._client = client
        self._resume = resume
        self._delivery_for = delivery_for
        self._elapsed = elapsed
        self.on_reply = on_reply
        self.on_state = on_state
        self.on_ack: Callable[[str], None] | None = None
        self._words_per_chunk = max(1, words_per_chunk)
        self._origin = interviewer.snapshot()
        self._decisions: dict[str, _Decision] = {}
        self._lock = asyncio.Lock()
        self._next_ack = AckRotation() if acknowledge else None
        self._ready_to_play = ready_to_play
        self._preparing: asyncio.Task[None] | None = None
        """Embedding the question side of what is asked next (`_prepare_next`)."""

    @property
    def model(self) -> str:
        return self._client.model if self._client is not None else "mockline-interviewer"

    @property
    def provider(self) -> str:
        return self._client.provider if self._client is not None else "mockline"

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
        return InterviewerStream(
            self, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options
        )

    def acknowledgement_for(self, chat_ctx: llm.ChatContext) -> str | None:
        """The acknowledgement to say while deciding the reply to ``chat_ctx``'s latest
        answer; None for the opener, a reply already decided, or when not acknowledging."""
        if self._next_ack is None:
            return None
        users = _user_messages(chat_ctx)
        if not users or users[-1].id in self._decisions:
            return None
        return self._next_ack()

    def opens_ready(self, decision: _Decision) -> bool:
        """Whether ``decision``'s words can start playing at once: their first sentence's
        audio is made (a language model's words are not known before they stream)."""
        if self._ready_to_play is None:
            return True
        if decision.spoken is not None:
            return self._ready_to_play(decision.spoken)
        return self._client is None and self._ready_to_play(decision.offline)

    async def decide(self, chat_ctx: llm.ChatContext) -> tuple[str, _Decision]:
        """The decision for the latest user message in ``chat_ctx`` (the opener when there is
        none), made at most once per user message; returns its key too."""
        async with self._lock:
            users = _user_messages(chat_ctx)
            key = users[-1].id if users else OPENING_KEY
            if (known := self._decisions.get(key)) is not None:
                return key, known
            # Live, an answer cut off by a pause and then continued is decided as one.
            earlier = continued_answer(chat_ctx) if self._next_ack is not None else None
            self._interviewer.restore(self._state_before(users[:-2] if earlier else users[:-1]))
            # The graph and the copy of its state both run off the event loop (audio path).
            message = users[-1] if users else None
            text = (
                f"{earlier.text_content or ''} {message.text_content or ''}".strip()
                if earlier is not None and message is not None
                else None
            )
            # Delivery is measured here, on the loop that records the speech events.
            delivery = (
                self._delivery_for(message)
                if message is not None and self._delivery_for is not None
                else None
            )
            reading = await self._reading(message, text)
            offline, after = await asyncio.to_thread(
                self._run_graph, message, delivery, text, reading
            )
            decision = _Decision(
                offline=offline, directive=self._interviewer.last_directive, after=after
            )
            self._remember(key, decision)
            if self.on_state is not None:
                self.on_state(decision.after)
            self._prepare_next()
            return key, decision

    def _prepare_next(self) -> None:
        """Embeds the question side of what the candidate will answer next, off the loop,
        while the reply is spoken (`Interviewer.prepare_current`)."""
        if self._preparing is not None and not self._preparing.done():
            return  # the one running does it; a question still unprepared is read as before
        context = self._interviewer.current_context()
        if context is not None:
            self._preparing = asyncio.create_task(
                asyncio.to_thread(analysis.prepare, context), name="interviewer-prepare"
            )
            self._preparing.add_done_callback(_log_failure)

    async def aclose(self) -> None:
        if self._preparing is not None:
            await utils.aio.cancel_and_wait(self._preparing)
        await super().aclose()

    async def _reading(
        self, message: llm.ChatMessage | None, text: str | None
    ) -> ModelReading | None:
        """With a language model, its reading of the answer (None when it fails or is late:
        the offline rules decide)."""
        if self._client is None or message is None:
            return None
        words = text if text is not None else message.text_content or ""
        question = self._interviewer.current_context()
        if question is None or not words.strip():
            return None
        return await read_with_model(self._client, question, words)

    def _run_graph(
        self,
        message: llm.ChatMessage | None,
        delivery: Delivery | None,
        text: str | None = None,
        reading: ModelReading | None = None,
    ) -> tuple[str, InterviewState]:
        """The offline reply to ``message`` (the opener when None; ``text`` instead of its
        words when given) and the state after it."""
        elapsed = self._elapsed() if self._elapsed is not None else None
        if message is None:
            reply = (
                self._interviewer.resume()
                if self._resume
                else self._interviewer.reply(None, elapsed_s=elapsed)
            )
        else:
            words = text if text is not None else message.text_content or ""
            reply = self._interviewer.reply(
                words, delivery=delivery, elapsed_s=elapsed, reading=reading
            )
        return reply, self._interviewer.snapshot()

    def words(self, decision: _Decision) -> AsyncIterator[str]:
        """The words to speak for ``decision``: the same words again if it was said before."""
        if decision.spoken is not None:
            return _once(decision.spoken)
        return phrase(decision.directive, decision.after, self._client, decision.offline)

    def _state_before(self, earlier_users: list[llm.ChatMessage]) -> InterviewState:
        for msg in reversed(earlier_users):
            if (known := self._decisions.get(msg.id)) is not None:
                return known.after
        opener = self._decisions.get(OPENING_KEY)
        return opener.after if opener is not None else self._origin

    def _remember(self, key: str, decision: _Decision) -> None:
        self._decisions[key] = decision
        while len(self._decisions) > MAX_REMEMBERED_REPLIES:
            del self._decisions[next(iter(self._decisions))]


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and (exc := task.exception()) is not None:
        log.warning("preparing the next question failed (%s)", type(exc).__name__)


def _user_messages(chat_ctx: llm.ChatContext) -> list[llm.ChatMessage]:
    return [i for i in chat_ctx.items if isinstance(i, llm.ChatMessage) and i.role == "user"]


async def _once(text: str) -> AsyncIterator[str]:
    yield text


class InterviewerStream(llm.LLMStream):
    """Streams one decision's words as chunks, as they are produced."""

    def __init__(
        self,
        llm_: InterviewerLLM,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool],
        conn_options: APIConnectOptions,
    ) -> None:
        super().__init__(llm_, chat_ctx=chat_ctx, tools=tools, conn_options=conn_options)
        self._model = llm_

    async def _run(self) -> None:
        request_id = utils.shortuuid("interviewer_")
        deciding = asyncio.ensure_future(self._model.decide(self._chat_ctx))
        said = ""
        try:
            ack = self._model.acknowledgement_for(self._chat_ctx)
            if ack is not None:
                done, _ = await asyncio.wait({deciding}, timeout=WAIT_BEFORE_ACK_S)
                if done and (
                    deciding.exception() is not None
                    or self._model.opens_ready(deciding.result()[1])
                ):
                    ack = None
                else:
                    if self._model.on_ack is not None:
                        self._model.on_ack(ack)
                    said = await self._say(request_id, said, ack + " ")
            _, decision = await deciding
        finally:
            if not deciding.done():
                deciding.cancel()
                await asyncio.gather(deciding, return_exceptions=True)
        words = self._model.words(decision)
        if ack is not None and decision.spoken is None:
            words = without_leading_ack(words)
        async for delta in words:
            if delta:
                said = await self._say(request_id, said, delta)
        decision.spoken = said

    async def _say(self, request_id: str, said: str, delta: str) -> str:
        """Sends ``delta`` in small word groups; returns everything said so far."""
        said += delta
        if self._model.on_reply is not None:
            self._model.on_reply(said)
        for piece in word_groups(delta, self._model._words_per_chunk):
            self._event_ch.send_nowait(
                llm.ChatChunk(id=request_id, delta=llm.ChoiceDelta(role="assistant", content=piece))
            )
            await asyncio.sleep(0)  # let TTS pick up the first words before the rest
        return said


def word_groups(text: str, size: int) -> list[str]:
    """Splits ``text`` into groups of ``size`` words that concatenate back to ``text``."""
    words = text.split(" ")
    return [
        ("" if i == 0 else " ") + " ".join(words[i : i + size]) for i in range(0, len(words), size)
    ]
