"""The chat messages the interviewer sends, and their shape on the OpenAI wire."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from openai.types.chat import (
    ChatCompletionAssistantMessageParam,
    ChatCompletionMessageParam,
    ChatCompletionSystemMessageParam,
    ChatCompletionUserMessageParam,
)

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True, slots=True)
class ChatMessage:
    role: Role
    content: str


def to_openai(messages: Sequence[ChatMessage]) -> list[ChatCompletionMessageParam]:
    out: list[ChatCompletionMessageParam] = []
    for message in messages:
        if message.role == "system":
            out.append(ChatCompletionSystemMessageParam(role="system", content=message.content))
        elif message.role == "user":
            out.append(ChatCompletionUserMessageParam(role="user", content=message.content))
        else:
            out.append(
                ChatCompletionAssistantMessageParam(role="assistant", content=message.content)
            )
    return out
