"""Fillers: the one definition that the live interviewer, the voice delivery measurement and
the report's quotes share, so a filler that is counted can always be quoted.

Two kinds:
- hesitation sounds (um, uh, er, erm, ah, hmm, mm, eh) are fillers wherever they stand;
- discourse words (so, well, like, you know, I mean, sort of, kind of, basically, actually,
  literally, anyway) are fillers only when they stand alone between pauses, that is when a
  clause (text between punctuation, or the whole of an unpunctuated one) holds nothing else:
  "So, um, we cached it" has two, "so we cached it" and "I like Python" none.

`find_fillers` gives each filler's offsets in the text; `count_fillers` is their number and
`filler_words` the number of words they hold (for the share of an answer that is filler).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tokens import plain, word_spans

SOUND = re.compile(r"u+m+|u+h+m*|e+r+m*|a+h+|h+m+|m{2,}|e+h", re.IGNORECASE)
DISCOURSE: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "you know", "i mean", "sort of", "kind of", "so", "well", "like", "basically",
        "actually", "literally", "anyway",
    )
)  # fmt: skip
# What ends a clause for this purpose: a spoken pause is written as one of these.
_CLAUSE = re.compile(r"[^,;:.!?\n\u2026\u2013\u2014()\"]+")


@dataclass(frozen=True, slots=True)
class Filler:
    start: int
    end: int
    words: int


def is_sound(word: str) -> bool:
    """Whether one word is a hesitation sound ("um", "uhh", "hmm")."""
    return SOUND.fullmatch(word) is not None


def find_fillers(text: str) -> list[Filler]:
    """Every filler in ``text``, in order, with its offsets."""
    text = plain(text)
    found: list[Filler] = []
    for clause in _CLAUSE.finditer(text):
        found += _in_clause(clause.group(), clause.start())
    return found


def count_fillers(text: str) -> int:
    """How many fillers ``text`` holds (see `find_fillers`)."""
    return len(find_fillers(text))


def filler_words(text: str) -> int:
    """How many of the words of ``text`` are fillers ("you know" is two)."""
    return sum(f.words for f in find_fillers(text))


def _in_clause(clause: str, offset: int) -> list[Filler]:
    tokens = [(m.start(), m.end(), m.group().lower()) for m in word_spans(clause)]
    every: list[Filler] = []
    alone = True  # whether the clause holds nothing but fillers
    i = 0
    while i < len(tokens):
        start, _, word = tokens[i]
        size = 1 if is_sound(word) else _discourse_at(tokens, i)
        if size:
            end = tokens[i + size - 1][1]
            every.append(Filler(offset + start, offset + end, size))
        alone = alone and size > 0
        i += max(size, 1)
    if alone:
        return every
    # The clause says something: only its sounds are fillers.
    return [f for f in every if is_sound(clause[f.start - offset : f.end - offset])]


def _discourse_at(tokens: list[tuple[int, int, str]], i: int) -> int:
    """The number of words of the discourse phrase starting at token ``i``, or 0."""
    for phrase in DISCOURSE:
        n = len(phrase)
        if tuple(t[2] for t in tokens[i : i + n]) == phrase:
            return n
    return 0
