"""Is a story about what the behavioural question asks, or about something else?

A behavioural question asks for a story about one kind of event: a mistake, a disagreement,
difficult feedback, several deadlines at once, an outage. A candidate who tells a rehearsed
story meant for another question (a hackathon they organized, when asked about feedback)
tells a fluent work story, and MiniLM finds one work story about as close to any story
question as another: the topic reading kept such answers. People tell them apart by the event:
a story about feedback mentions the feedback, in some words; a story that opens with another
event and never touches the asked one is about that other event.

So each theme (`story_theme_words`) has the wording that asks for it, read from the question
(a question not in the bank works too), the broad words a story about it uses somewhere, and
the narrow signature its story opens with. An answer is about another story only when it
touches none of the asked themes anywhere and opens (its first `OPENING_WORDS` words) with
another theme's signature. A vague answer ("I always try to listen") opens with no event, so
it is never called off here: it is for a probe, not a redirect. The other way round, a plain
work story that touches the asked event is on topic however far MiniLM puts it
(`agent.understanding.topic`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lang import words
from .story_theme_words import THEMES

OPENING_WORDS = 25
"""How far into the answer the other event must come up: the story opens with it."""
MIN_WORDS = 12
"""Shorter turns are left to the topic reading: too little story to tell an event from."""


def _rx(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.IGNORECASE)


_ASKS = {name: _rx(theme.asks) for name, theme in THEMES.items()}
_TOUCHES = {name: _rx(theme.touches) for name, theme in THEMES.items()}
_OPENS = {name: _rx(theme.opens) for name, theme in THEMES.items() if theme.opens}


@lru_cache(maxsize=256)
def asked_themes(question: str) -> frozenset[str]:
    """The story themes that ``question`` asks for (empty for anything else). Cached: the
    same question is read again at every turn on it."""
    return frozenset(name for name, pattern in _ASKS.items() if pattern.search(question))


def touches_asked(answer: str, question: str) -> bool:
    """Whether ``answer`` touches an event that ``question`` asks a story about."""
    return _touches(answer, asked_themes(question))


def _touches(answer: str, themes: frozenset[str]) -> bool:
    return any(_TOUCHES[name].search(answer) for name in themes)


def tells_instead(answer: str, question: str) -> str | None:
    """The theme of another story that ``answer`` opens with, where it never touches a theme
    the asked ``question`` asks for; else None (on the asked event, or no event to tell)."""
    asked = asked_themes(question)
    said = words(answer)
    if not asked or len(said) < MIN_WORDS:
        return None
    if _touches(answer, asked):
        return None
    opening = " ".join(said[:OPENING_WORDS])
    return next((name for name, pattern in _OPENS.items() if pattern.search(opening)), None)
