"""`LlmClient`: streaming chat and structured JSON from one provider, over `AsyncOpenAI`.

Deadlines live here; retries in `retry.py`. The `openai` client's own retries are off
(``max_retries=0``): a stream's request is retried within its first-token deadline, a
JSON request within the total deadline, and nothing once text has been streamed (the
listener has heard it). Log lines carry the request id, provider, model, timings and
error class only: never the key or any message text.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

import openai
from openai import AsyncOpenAI, AsyncStream, Omit
from openai.types.chat import ChatCompletionChunk
from openai.types.shared_params import ResponseFormatJSONObject
from pydantic import BaseModel, ValidationError

from .config import ProviderConfig
from .errors import LlmBadOutput, LlmUnavailable, unavailable_from
from .messages import ChatMessage, to_openai
from .retry import CallTag, log_unavailable, with_retries
from .structured import correction, json_instruction, parse_reply

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

# A structured answer is asked for at most this many times (the first, and one correction).
JSON_ATTEMPTS = 2


def new_request_id() -> str:
    return f"llm_{uuid.uuid4().hex[:12]}"


@dataclass(slots=True)
class _Waited:
    """Seconds spent waiting on the provider for one reply (consumer time excluded)."""

    seconds: float = 0.0


def _chunk_text(chunk: ChatCompletionChunk) -> str:
    if not chunk.choices:
        return ""  # a usage or keep-alive chunk
    return chunk.choices[0].delta.content or ""


async def _first_text(stream: AsyncStream[ChatCompletionChunk]) -> str | None:
    # anext() rather than ``async for``: the stream is read on after this returns, and an
    # abandoned ``__aiter__`` generator would be finalised by the garbage collector.
    while (chunk := await anext(stream, None)) is not None:
        if text := _chunk_text(chunk):
            return text
    return None


class LlmClient:
    """One provider, one model, one key. Close it with `aclose()`."""

    def __init__(self, config: ProviderConfig) -> None:
        self._config = config
        self._openai = AsyncOpenAI(
            api_key=config.api_key.get_secret_value(),
            base_url=config.base_url,
            max_retries=0,
            timeout=config.limits.total_timeout_s,  # a backstop; our deadlines come first
        )

    @property
    def config(self) -> ProviderConfig:
        return self._config

    @property
    def provider(self) -> str:
        return self._config.provider

    @property
    def model(self) -> str:
        return self._config.model

    async def aclose(self) -> None:
        await self._openai.close()

    async def stream_chat(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        request_id: str | None = None,
    ) -> AsyncIterator[str]:
        """The reply's text deltas as they arrive (no empty ones).

        Raises `LlmUnavailable`: before any text when the provider fails or gives no text
        within ``first_token_timeout_s`` (after bounded retries); with ``after_text`` set
        when it fails, stalls past ``chunk_timeout_s`` or overruns ``total_timeout_s``
        mid-reply. Closing the iterator early closes the HTTP stream.
        """
        tag = self._tag(request_id)
        loop = asyncio.get_running_loop()
        started = loop.time()
        limits = self._config.limits
        first_deadline = started + min(limits.first_token_timeout_s, limits.total_timeout_s)

        async def open_once() -> tuple[AsyncStream[ChatCompletionChunk], str]:
            stream = await self._openai.chat.completions.create(
                model=self.model,
                messages=to_openai(messages),
                stream=True,
                temperature=temperature if temperature is not None else openai.omit,
                max_tokens=self._max_tokens(max_tokens, "max_tokens"),
                max_completion_tokens=self._max_tokens(max_tokens, "max_completion_tokens"),
            )
            try:
                first = await _first_text(stream)
            except BaseException:
                await stream.close()
                raise
            if first is None:
                await stream.close()
                raise LlmUnavailable("empty_reply", provider=self.provider)
            return stream, first

        stream, first = await with_retries(
            open_once, limits=limits, deadline=first_deadline, tag=tag
        )
        waited = _Waited(loop.time() - started)
        logger.info("llm %s: first text after %.0f ms", tag, waited.seconds * 1000)
        deltas, complete = 1, False
        try:
            yield first
            while (text := await self._next_text(stream, waited, tag)) is not None:
                deltas += 1
                yield text
            complete = True
        finally:
            await stream.close()
            logger.info(
                "llm %s: %d deltas, %.0f ms waiting, %s",
                tag,
                deltas,
                waited.seconds * 1000,
                "complete" if complete else "ended early",
            )

    async def complete_json(
        self,
        messages: Sequence[ChatMessage],
        schema: type[M],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        request_id: str | None = None,
    ) -> M:
        """One object of ``schema``, asked for as JSON and validated.

        A reply that does not validate is sent back once with what was wrong; a second
        invalid reply raises `LlmBadOutput`. Each request has ``total_timeout_s``, retries
        included; a provider failure raises `LlmUnavailable`.
        """
        tag = self._tag(request_id)
        conversation = [*messages, json_instruction(schema)]
        for attempt in range(1, JSON_ATTEMPTS + 1):
            text = await self._complete(conversation, max_tokens, temperature, tag)
            try:
                return parse_reply(text, schema)
            except ValidationError as exc:
                logger.warning(
                    "llm %s: reply is no valid %s (%d errors), attempt %d",
                    tag,
                    schema.__name__,
                    exc.error_count(),
                    attempt,
                )
                if attempt == JSON_ATTEMPTS:
                    raise LlmBadOutput(
                        schema.__name__,
                        provider=self.provider,
                        attempts=attempt,
                        errors=exc.error_count(),
                    ) from None
                conversation = [
                    *conversation,
                    ChatMessage("assistant", text or ""),
                    correction(exc),
                ]
        raise AssertionError("unreachable")

    async def _complete(
        self,
        messages: Sequence[ChatMessage],
        max_tokens: int | None,
        temperature: float | None,
        tag: CallTag,
    ) -> str | None:
        async def once() -> str | None:
            completion = await self._openai.chat.completions.create(
                model=self.model,
                messages=to_openai(messages),
                temperature=temperature if temperature is not None else openai.omit,
                response_format=(
                    ResponseFormatJSONObject(type="json_object")
                    if self._config.json_mode
                    else openai.omit
                ),
                max_tokens=self._max_tokens(max_tokens, "max_tokens"),
                max_completion_tokens=self._max_tokens(max_tokens, "max_completion_tokens"),
            )
            return completion.choices[0].message.content if completion.choices else None

        limits = self._config.limits
        deadline = asyncio.get_running_loop().time() + limits.total_timeout_s
        return await with_retries(once, limits=limits, deadline=deadline, tag=tag)

    def _tag(self, request_id: str | None) -> CallTag:
        return CallTag(request_id or new_request_id(), self.provider, self.model)

    def _max_tokens(self, max_tokens: int | None, param: str) -> int | Omit:
        """``max_tokens`` under the one parameter name this provider takes, else omitted."""
        if max_tokens is None or param != self._config.max_tokens_param:
            return openai.omit
        return max_tokens

    async def _next_text(
        self, stream: AsyncStream[ChatCompletionChunk], waited: _Waited, tag: CallTag
    ) -> str | None:
        """The next non-empty delta, or None at the end of the reply."""
        limits = self._config.limits
        loop = asyncio.get_running_loop()
        while True:
            budget = min(limits.chunk_timeout_s, limits.total_timeout_s - waited.seconds)
            started = loop.time()
            try:
                async with asyncio.timeout(max(budget, 0.0)):
                    chunk = await anext(stream, None)
            except TimeoutError:
                error = LlmUnavailable("timeout", provider=self.provider, after_text=True)
            except (openai.OpenAIError, ValueError) as exc:
                error = unavailable_from(exc, provider=self.provider, after_text=True)
            else:
                if chunk is None:
                    return None
                if text := _chunk_text(chunk):
                    return text
                continue
            finally:
                waited.seconds += loop.time() - started
            log_unavailable(tag, 1, error)
            raise error
