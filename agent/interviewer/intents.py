"""What a candidate's utterance asks of the interviewer: an answer, or a spoken command.

Text comes from ASR, so matching is on lower-cased words without punctuation. Commands
are only recognised in short utterances: a long answer that happens to say "stop" or
"next question" is still an answer.
"""

from __future__ import annotations

import re
from typing import Literal

Intent = Literal["answer", "short", "repeat", "skip", "end"]

# An answer with fewer words than this earns one gentle nudge for more detail.
SHORT_ANSWER_WORDS = 5
# Utterances longer than this are always answers, whatever words they contain.
COMMAND_MAX_WORDS = 12

_WORD = re.compile(r"[a-z0-9']+")

_END = re.compile(
    r"\b(end|stop|finish|quit|wrap up|conclude|terminate)\b(\s+\w+){0,3}?\s+(interview|call|session)\b"
    r"|\b(stop|end|finish|quit|wrap up|wrap it up)( it| this| things)?( right)? (here|now|for today)\b"
    r"|\b(want|like|need|have) to (stop|end|quit|leave|go)( now| here| this)?$"
    r"|^(please )?(stop|end|quit|goodbye|bye|bye bye|that's enough|that's all for today)"
    r"( please| now| it)?$"
)
_REPEAT = re.compile(
    r"\b(repeat|rephrase|come again|pardon|what's the question"
    r"|what (was|is) (the|that) question|(say|ask|read) (it|that|the question) (again|one more time))\b"
    r"|\b(didn't|did not|couldn't) (catch|hear|get|understand) (that|it|the question|you)$"
    r"|^(sorry|what|huh|excuse me)$"
)
_SKIP = re.compile(
    r"\b(next question|another question|different question|skip (this|that|it|the question)"
    r"|rather not answer|prefer not to answer|i'll pass|pass on (this|that))\b"
    r"|\b(can we|could we|let's|let us|i'd like to|i want to|i'd rather) (skip|move on|go to the next)\b"
    r"|^(skip|next|pass|move on)( please| it| one)?$"
)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def classify(text: str) -> Intent:
    """Classifies one candidate utterance (already known not to be the interview opener)."""
    tokens = words(text)
    if len(tokens) <= COMMAND_MAX_WORDS:
        normalized = " ".join(tokens)
        if _END.search(normalized):
            return "end"
        if _REPEAT.search(normalized):
            return "repeat"
        if _SKIP.search(normalized):
            return "skip"
    return "short" if len(tokens) < SHORT_ANSWER_WORDS else "answer"
