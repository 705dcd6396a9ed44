"""A short acknowledgement the moment the candidate's turn ends, while the reply is decided.

A person answers "Okay." or "Right." within a quarter of a second and thinks while saying
it. When the interviewer's reply cannot start playing almost at once (the decision is not
ready: a busy machine, a language model's first token; or its first sentence still has to
be synthesized, 0.1-0.5 s of CPU), the call says one of these first; the sounds are
pre-synthesized, so they play at once, and the reply's first sentence is made meanwhile. The reply that follows drops its own leading acknowledgement, so the
candidate never hears "Okay. Thanks." The choice rotates and never repeats the previous one.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

ACKS = ("Okay.", "Right.", "Alright.", "Mm-hmm.", "I see.", "Okay, sure.")
"""Neutral: none judges the answer, and each fits before a follow-up, a redirect, the next
question, a repeat or the close."""
WAIT_BEFORE_ACK_S = 0.12
"""A decision ready sooner than this whose first sentence is already synthesized is spoken
directly, without an acknowledgement."""

_ACK_WORDS = frozenset(
    [
        "okay",
        "ok",
        "alright",
        "right",
        "sure",
        "thanks",
        "thank",
        "you",
        "got",
        "it",
        "understood",
        "noted",
        "i",
        "see",
        "mm",
        "hmm",
        "mm-hmm",
        "great",
        "good",
        "fine",
        "so",
        "well",
    ]
)
_SENTENCE_END = re.compile(r"[.!?](\s|$)")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_LOOKAHEAD_CHARS = 60
"""How much of a streamed reply is read before deciding that it opens with no ack."""


class AckRotation:
    """Picks the next acknowledgement for one call: round the list, never the same twice."""

    def __init__(self) -> None:
        self._next = 0

    def __call__(self) -> str:
        ack = ACKS[self._next % len(ACKS)]
        self._next += 1
        return ack


def is_ack(sentence: str) -> bool:
    """A sentence that only acknowledges ("Thanks.", "Okay, understood.", "Got it, thank you.")."""
    found = _WORD.findall(sentence.lower())
    return 0 < len(found) <= 4 and all(w in _ACK_WORDS for w in found)


async def without_leading_ack(deltas: AsyncIterator[str]) -> AsyncIterator[str]:
    """``deltas`` with a first sentence that only acknowledges removed."""
    head = ""
    passing = False
    async for delta in deltas:
        if passing:
            yield delta
            continue
        head += delta
        match = _SENTENCE_END.search(head)
        if match is None and len(head) < _LOOKAHEAD_CHARS:
            continue
        passing = True
        if match is not None and is_ack(head[: match.end()]):
            head = head[match.end() :].lstrip()
        if head:
            yield head
    if not passing and head and not is_ack(head):
        yield head
