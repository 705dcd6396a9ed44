"""Words as every part of Mockline reads them: one tokeniser for answers, questions and resumes.

A word is a run of letters and digits that may hold ``' + # . -`` inside ("don't", "b-tree",
"c++", "3.5", "e.g"), so technical names stay whole and a sentence's full stop never sticks to
its last word. Matching is case-insensitive; `words` lower-cases, `word_spans` keeps the text
as written with its offsets (for quoting and for echoing a candidate's own words). A
typographic apostrophe reads as a plain one, character for character, so offsets stay valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

WORD = re.compile(r"[a-z0-9](?:[a-z0-9'+#.\-]*[a-z0-9+#])?", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
_PLAIN = str.maketrans("\u2019\u2018", "''")


def plain(text: str) -> str:
    """``text`` with typographic apostrophes as plain ones (same length, same offsets)."""
    return text.translate(_PLAIN)


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as written, each with its closing marks ("…?"). A plain cut
    at every ``. ! ?``, for short spoken turns: a full stop inside "3.5" cuts there too."""
    return _SENTENCE.findall(text)


def words(text: str) -> list[str]:
    """The lower-case words of ``text``."""
    return WORD.findall(plain(text).lower())


def word_spans(text: str) -> Iterator[re.Match[str]]:
    """Each word of ``text`` as a match: ``group()`` as written, ``start()``/``end()`` offsets."""
    return WORD.finditer(plain(text))


def normalise(text: str) -> str:
    """The words of ``text``, lower case, one space between: what two texts are compared by."""
    return " ".join(words(text))


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: how word lists are written in the code."""
    return frozenset(text.split())
