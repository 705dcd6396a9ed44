"""Structured output: asking for JSON that matches a pydantic schema, reading it back, and
telling the model what was wrong when it did not validate.

Every provider is told the schema in the prompt; where JSON mode exists the client also
sets ``response_format``. Replies are read leniently (a Markdown code fence or a sentence
around the object is dropped) and validated strictly.
"""

from __future__ import annotations

import json
import re
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .messages import ChatMessage

M = TypeVar("M", bound=BaseModel)

# Validation errors named back to the model; more only lengthens the prompt.
MAX_ERRORS_SHOWN = 8

_FENCE = re.compile(r"^```[a-zA-Z]*\s*(.*?)\s*```$", re.DOTALL)


def json_instruction(schema: type[BaseModel]) -> ChatMessage:
    spec = json.dumps(schema.model_json_schema(), separators=(",", ":"))
    return ChatMessage(
        "system",
        "Reply with one JSON object and nothing else: no prose, no Markdown. "
        f"It must validate against this JSON Schema: {spec}",
    )


def extract_json(text: str) -> str:
    """The JSON object in a reply, without a surrounding code fence or sentence."""
    text = text.strip()
    if (fenced := _FENCE.match(text)) is not None:
        text = fenced.group(1)
    if not text.startswith("{"):
        start, end = text.find("{"), text.rfind("}")
        if 0 <= start < end:
            text = text[start : end + 1]
    return text


def parse_reply(text: str | None, schema: type[M]) -> M:
    """The validated object; raises `ValidationError` (also for text that is not JSON)."""
    return schema.model_validate_json(extract_json(text or ""))


def error_summary(error: ValidationError) -> str:
    """Where and why validation failed, without echoing the input values."""
    parts = [
        f"{'.'.join(str(p) for p in item['loc']) or '(root)'}: {item['msg']}"
        for item in error.errors(include_url=False, include_input=False)[:MAX_ERRORS_SHOWN]
    ]
    return "; ".join(parts)


def correction(error: ValidationError) -> ChatMessage:
    return ChatMessage(
        "user",
        f"That reply did not validate ({error_summary(error)}). "
        "Reply again with only the corrected JSON object.",
    )
