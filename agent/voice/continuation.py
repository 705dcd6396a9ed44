"""An answer the candidate went on with after the interviewer took the turn.

A pause mid-answer can end the turn (the end-of-turn wait is short, for speed); if the
candidate then goes on talking, they cut into the reply, which stops. When all they heard
of that reply was an acknowledgement (or nothing), the reply was never really given, so the
two parts are one answer: the interviewer decides again, from where it stood before the
first part, on both parts joined. A reply they heard more of stands: what they say next
answers it.
"""

from __future__ import annotations

from livekit.agents import llm

from agent.understanding.lang import sentences

from .acknowledge import is_ack

CONTINUE_WITHIN_S = 4.0
"""The second part must start this soon after the first ended to continue it."""


def _heard_only_acks(text: str) -> bool:
    return all(is_ack(s.strip()) for s in sentences(text) if s.strip())


def continued_answer(chat_ctx: llm.ChatContext) -> llm.ChatMessage | None:
    """The earlier candidate message that the latest one continues, if it does."""
    items = chat_ctx.items
    users = [
        i for i, it in enumerate(items) if isinstance(it, llm.ChatMessage) and it.role == "user"
    ]
    if len(users) < 2:
        return None
    first_at, latest_at = users[-2], users[-1]
    earlier, latest = items[first_at], items[latest_at]
    assert isinstance(earlier, llm.ChatMessage) and isinstance(latest, llm.ChatMessage)
    replies = [
        it
        for it in items[first_at + 1 : latest_at]
        if isinstance(it, llm.ChatMessage) and it.role == "assistant"
    ]
    if any(not reply.interrupted for reply in replies):
        return None
    heard = " ".join(reply.text_content or "" for reply in replies)
    if not _heard_only_acks(heard):
        return None
    ended = earlier.metrics.get("stopped_speaking_at", earlier.created_at)
    began = latest.metrics.get("started_speaking_at", latest.created_at)
    return earlier if began - ended <= CONTINUE_WITHIN_S else None
