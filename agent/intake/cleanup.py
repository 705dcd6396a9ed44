"""Text cleanup shared by every format: one normal form for issue 2's profile builder.

NFKC (ligatures such as "fi" become two letters), no control, format, private-use (icon
fonts) or replacement characters, one space between words, no blank-line runs.
"""

from __future__ import annotations

import re
import unicodedata

_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})
_KEPT_CONTROLS = frozenset("\n\t")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def _keep(ch: str) -> bool:
    if ch in _KEPT_CONTROLS:
        return True
    if ch == "\ufffd":
        return False
    return unicodedata.category(ch) not in _DROPPED_CATEGORIES


def clean_text(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = "".join(ch for ch in text if _keep(ch))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def meaningful_chars(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())
