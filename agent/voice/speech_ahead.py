"""What a call will probably say, so its audio can be made before it is needed.

Offline, the interviewer's words are known ahead: the planned questions, and the persona's
fixed phrases (acknowledgements, transitions, redirects, prompts) that its replies are built
from. Pre-synthesized while the candidate talks or the line is quiet (`BackendTTS.
presynthesize` waits whenever a call needs speech now), each of these sentences is then
played from the speech cache as soon as the reply is decided, instead of after piper has
made it. With a language model phrasing the replies the questions still hit; the rest is
made live, as before.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..interviewer import Interviewer, phrases
from .acknowledge import ACKS

# Phrase tables with a "{slot}" are filled per answer and cannot be made ahead.
_SLOT = "{"
# Questions made ahead per call at most (a plan holds a few more than it asks).
MAX_PLANNED = 12


def _fixed_strings(value: object, tone: str) -> Iterator[str]:
    """The plain strings of one phrase table: a tuple, or a dict by tone (only ``tone``'s)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _fixed_strings(item, tone)
    elif isinstance(value, dict) and tone in value:
        yield from _fixed_strings(value[tone], tone)


def _speakable(text: str) -> bool:
    """A whole sentence (not a number word or a fragment) with no slot to fill."""
    return text.endswith((".", "?", "!")) and _SLOT not in text


def persona_phrases(tone: str) -> list[str]:
    """Every fixed phrase of the ``tone`` persona, shortest first (acknowledgements lead)."""
    found: set[str] = set()
    for name, value in vars(phrases).items():
        if name.isupper() or (name.startswith("_") and name[1:].isupper()):
            found.update(s for s in _fixed_strings(value, tone) if _speakable(s))
    return sorted(found, key=lambda s: (len(s), s))


def known_sentences(interviewer: Interviewer) -> list[str]:
    """The texts to pre-synthesize for a call, most urgent first: the acknowledgements said
    while a reply is decided, the question being asked and the next candidates, the persona's phrases, then the rest of the plan (an adaptive
    interview picks its next question among the plan's, so all of them are candidates)."""
    asked = [q["text"] for q in interviewer.questions]
    at = interviewer.question_index
    unasked = [q["text"] for q in interviewer.snapshot()["plan"] if q["text"] not in asked]
    upcoming = [*asked[at:], *unasked][:MAX_PLANNED]
    soon, later = upcoming[:3], upcoming[3:]
    return [*ACKS, *soon, *persona_phrases(interviewer.setup.persona.tone), *later]
