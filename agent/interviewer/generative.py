"""The interviewer's words for one turn, phrased by a language model when one is configured.

`phrase` streams the model's reply to a `Directive` as it arrives, through `FallbackStream`:
a model that fails before its first words is replaced by the offline text, one that fails
mid-reply is bridged to it. With no model, the offline text is the reply.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from agent.llm import ChatMessage, FallbackStream, LlmClient, new_request_id
from agent.llm.messages import Role

from .directive import Directive
from .prompting import messages
from .state import InterviewState

# A spoken turn is a few sentences; this bounds a model that rambles.
MAX_REPLY_TOKENS = 220
TEMPERATURE = 0.6

_ROLES: dict[str, Role] = {"system": "system", "user": "user", "assistant": "assistant"}


def chat_messages(directive: Directive, state: InterviewState) -> list[ChatMessage]:
    return [ChatMessage(_ROLES[m["role"]], m["content"]) for m in messages(directive, state)]


async def phrase(
    directive: Directive,
    state: InterviewState,
    client: LlmClient | None,
    offline_text: str,
    *,
    request_id: str | None = None,
) -> AsyncIterator[str]:
    """Text deltas to speak for ``directive``: the model's, else ``offline_text``."""
    if client is None:
        yield offline_text
        return
    rid = request_id or new_request_id()
    llm = client.stream_chat(
        chat_messages(directive, state),
        max_tokens=MAX_REPLY_TOKENS,
        temperature=TEMPERATURE,
        request_id=rid,
    )
    stream = FallbackStream(llm, lambda: offline_text, request_id=rid)
    try:
        async for delta in stream:
            yield delta
    finally:
        await stream.aclose()
