"""One stemmer: word forms that should match, matched ("scans", "scanning", "scan").

Deliberately light (no dictionary, no Porter rule tables): one inflectional suffix off, a
doubled final consonant undone and a final "e" dropped, so that "prioritize" and
"prioritizing", "entries" and "entry", "invalidated" and "invalidate" meet. It is the only
stemmer in Mockline: the live interviewer and the evaluator compare words with it alike.
"""

from __future__ import annotations

from .stopwords import GENERIC, STOPWORDS
from .tokens import words

_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("edly", ""), ("ed", ""), ("es", ""),
             ("ly", ""))  # fmt: skip
_MIN_STEM = 3


def stem(word: str) -> str:
    """The stem of one (lower-case) word."""
    w = word.lower().strip("'")
    cut = False
    for suffix, keep in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= _MIN_STEM:
            w, cut = w[: -len(suffix)] + keep, True
            break
    # One suffix only: "databases" loses "es" and meets "database", not "databa".
    if not cut and w.endswith("s") and not w.endswith(("ss", "us")) and len(w) > _MIN_STEM:
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "scann" -> "scan", "stopp" -> "stop"
    if w.endswith("e") and (len(w) > 4 or (len(w) == 4 and not cut)):
        # "prioritize" -> "prioritiz", as "prioritizing" gives; "case" -> "cas", as "cases"
        w = w[:-1]
    return w


def content_stems(text: str) -> set[str]:
    """The stems of the words of ``text`` that tell what it is about: no stopwords, no
    generic words, no single letters. Two texts share a topic when they share these."""
    return {stem(w) for w in words(text) if len(w) > 1 and w not in STOPWORDS and w not in GENERIC}
