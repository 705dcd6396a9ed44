"""Runs of transcript words rewritten as a technical term: the words (`TOKEN`), how a run is
spelled (`letters`), and the one rewriting loop (`rewrite_runs`) that
`vocabulary.join_split_terms` and `near_terms.snap_to_terms` share."""

from __future__ import annotations

import re
from collections.abc import Callable

TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#.'-]*")
_NOT_LETTER = re.compile(r"[^a-z0-9+#]")

Tokens = list[re.Match[str]]
Find = Callable[[Tokens, int], tuple[str, int] | None]
"""The term the run of words starting at token ``i`` is, and the index of its last token."""


def letters(text: str) -> str:
    """Lower-case letters, digits, ``+`` and ``#`` only: how a term is spelled, spaces aside."""
    return _NOT_LETTER.sub("", text.lower())


def run_end(last: re.Match[str]) -> int:
    """Where a run ending at token ``last`` ends in the text: a full stop or apostrophe after
    it is not part of it."""
    return last.start() + len(last.group().rstrip(".'-"))


def rewrite_runs(text: str, find: Find) -> str:
    """``text`` with each run ``find`` names written as its term; a full stop or apostrophe
    after the run stays."""
    tokens = list(TOKEN.finditer(text))
    out: list[str] = []
    cursor = 0
    i = 0
    while i < len(tokens):
        found = find(tokens, i)
        if found is None:
            i += 1
            continue
        name, last = found
        out += [text[cursor : tokens[i].start()], name]
        cursor = run_end(tokens[last])
        i = last + 1
    out.append(text[cursor:])
    return "".join(out)
