"""Telling a backchannel ("mm-hmm", "yeah", "okay", "right") from an interruption.

People say these while someone else talks to show they are listening, not to take the turn.
livekit pauses the interviewer as soon as the candidate makes a sound (so a real "wait, can
I say something" stops it at once) and resumes it when that sound brings no transcript.
`OverlapFilter` is the call's transcript hook that makes a backchannel bring none: what the
candidate said while the interviewer was talking is dropped when every word of it is a
listening sound. Said when the interviewer is quiet, the same "yeah" is an answer and kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_WORDS = re.compile(r"[a-z]+(?:-[a-z]+)*")
_BACKCHANNEL = frozenset(
    [
        "mm",
        "mmm",
        "mhm",
        "mm-hmm",
        "mm-hm",
        "mhmm",
        "hmm",
        "hm",
        "uh-huh",
        "uh-hum",
        "uh",
        "huh",
        "ah",
        "aha",
        "oh",
        "ooh",
        "um",
        "uh",
        "yeah",
        "yea",
        "yes",
        "yep",
        "yup",
        "ya",
        "okay",
        "ok",
        "kay",
        "right",
        "alright",
        "sure",
        "cool",
        "nice",
        "true",
        "exactly",
        "got",
        "it",
        "i",
        "see",
        "gotcha",
        "fine",
        "good",
        "great",
        "totally",
        "indeed",
        "absolutely",
        "makes",
        "sense",
    ]
)
MAX_WORDS = 4
"""A longer utterance is taken as a turn even if it is made of these words."""


def is_backchannel(text: str) -> bool:
    """Whether ``text`` is only listening sounds ("Mm-hmm.", "Yeah, okay.", "Right, I see.")."""
    found = _WORDS.findall(text.lower())
    return 0 < len(found) <= MAX_WORDS and all(w in _BACKCHANNEL for w in found)


class OverlapFilter:
    """Wraps a call's transcript normaliser: transcripts of speech that began while the
    interviewer talked (``overlapping()``) come out empty when they are backchannels."""

    def __init__(self, normalise: Callable[[str], str], overlapping: Callable[[], bool]) -> None:
        self._normalise = normalise
        self._overlapping = overlapping

    def __call__(self, text: str) -> str:
        text = self._normalise(text)
        if self._overlapping() and is_backchannel(text):
            return ""
        return text
