"""Telling a backchannel ("mm-hmm", "yeah", "okay", "right") from an interruption.

People say these while someone else talks to show they are listening, not to take the turn.
livekit pauses the interviewer as soon as the candidate makes a sound (so a real "wait, can
I say something" stops it at once) and resumes it when that sound brings no transcript.
`OverlapFilter` is the call's transcript hook that makes a backchannel bring none: what the
candidate said while the interviewer was talking is dropped when every word of it is a
listening sound. Said when the interviewer is quiet, the same "yeah" is an answer and kept.

Whisper often hears a hum it has no word for as a few odd words ("and mamam", "And I'm
them", "and then"), so over the interviewer a short utterance takes the turn only when it
says why: fewer than `MIN_TURN_WORDS` words must hold a cue of someone taking the floor
("wait", "sorry", "stop", "no", a question word, "can I") or end in a question mark. "Hold
on.", "No." and "What?" stop the interviewer; "and mamam" is taken as the listening sound it
was. An utterance of `MIN_TURN_WORDS` words or more takes the turn (unless all of it is
listening sounds).
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
MIN_TURN_WORDS = 4
"""Over the interviewer, a shorter utterance needs a cue (`_CUES`) to take the turn."""
# Words that only ask for the floor. Words that also end a statement ("done", "finished",
# "end", "pass") are not cues: Whisper hears a hum as "And I'm done".
_CUE_WORDS = """
    wait stop sorry excuse pardon hold hang sec second moment minute
    repeat again slower slowly louder hear understand mean meant clarify
    question ask what why how when where who which
    can could would may might should
    no nope nah not don't didn't doesn't isn't wasn't can't won't wrong incorrect
    actually but however hey hello hi
    skip next quit bye
    help lost confused
"""
_CUES = frozenset(_CUE_WORDS.split())
_WORD_WITH_APOSTROPHE = re.compile(r"[a-z]+(?:['\u2019-][a-z]+)*")


def is_backchannel(text: str) -> bool:
    """Whether ``text`` is only listening sounds ("Mm-hmm.", "Yeah, okay.", "Right, I see.")."""
    found = _WORDS.findall(text.lower())
    return 0 < len(found) <= MAX_WORDS and all(w in _BACKCHANNEL for w in found)


def takes_the_turn(text: str) -> bool:
    """Whether ``text``, said over the interviewer, is meant to stop it: not a backchannel,
    and either `MIN_TURN_WORDS` words long or holding a cue of taking the floor."""
    if is_backchannel(text):
        return False
    found = [w.replace("\u2019", "'") for w in _WORD_WITH_APOSTROPHE.findall(text.lower())]
    if not found:
        return False
    if len(found) >= MIN_TURN_WORDS or text.rstrip().endswith("?"):
        return True
    return any(w in _CUES for w in found)


class OverlapFilter:
    """Wraps a call's transcript normaliser: transcripts of speech that began while the
    interviewer talked (``overlapping()``) come out empty unless they take the turn
    (`takes_the_turn`)."""

    def __init__(self, normalise: Callable[[str], str], overlapping: Callable[[], bool]) -> None:
        self._normalise = normalise
        self._overlapping = overlapping

    def __call__(self, text: str) -> str:
        text = self._normalise(text)
        if self._overlapping() and not takes_the_turn(text):
            return ""
        return text
