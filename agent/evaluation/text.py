"""Reading an answer for scoring: sentences with their offsets, cue matching, quotes.

Every scorer works on `Segment`s (contiguous pieces of the original answer) and quotes its
evidence through `quote`, so evidence is always an exact substring of what the candidate said.
Scores depend only on the segments' text, never on their offsets: the same sentences score the
same wherever they sit in the answer. Words, stems and stopwords are the language toolkit's
(`agent.understanding.lang`), shared with the live interviewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from agent.understanding.lang import WORD, words

from .models import Span

# A sentence ends at . ! ? or a line break, unless the dot belongs to an abbreviation.
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)|\n+")
_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "approx.", "dr.", "mr.", "mrs.")
_QUOTE_CHARS = 180
CHUNK_WORDS = 30
_CHUNK_MIN = 10
# Where a long spoken sentence can be cut: after a comma, or before a joining word.
_CLAUSE_BREAK = re.compile(
    r"[,;:]|\s+(?:so|but|and then|because|then|which|for example|whereas|although)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence (or the part of one that survived sanitising) of the original answer."""

    start: int
    end: int
    text: str


def split_segments(answer: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """The sentences of ``answer[start:end]``, each stripped, with offsets into ``answer``."""
    stop = len(answer) if end is None else end
    pieces: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_END.finditer(answer, start, stop):
        if _is_abbreviation(answer, match.start()):
            continue
        pieces.append((cursor, match.end()))
        cursor = match.end()
    pieces.append((cursor, stop))
    return [seg for a, b in pieces if (seg := make_segment(answer, a, b)) is not None]


def chunk_long(answer: str, segments: Sequence[Segment]) -> list[Segment]:
    """Sentences over `CHUNK_WORDS` words (an unpunctuated transcript, a run-on) cut into
    clause-sized pieces, so that matching by meaning sees one idea at a time."""
    out: list[Segment] = []
    for seg in segments:
        if len(words(seg.text)) <= CHUNK_WORDS:
            out.append(seg)
            continue
        cursor, count = 0, 0
        for token in re.finditer(r"\S+", seg.text):
            count += 1
            boundary = _CLAUSE_BREAK.match(seg.text, token.end()) is not None
            if (count >= _CHUNK_MIN and boundary) or count >= CHUNK_WORDS:
                piece = make_segment(answer, seg.start + cursor, seg.start + token.end())
                out.extend([piece] if piece else [])
                cursor, count = token.end(), 0
        piece = make_segment(answer, seg.start + cursor, seg.end)
        out.extend([piece] if piece else [])
    return out


def make_segment(answer: str, start: int, end: int) -> Segment | None:
    """The stripped piece ``answer[start:end]``; None when it holds no word."""
    while start < end and not answer[start].isalnum() and answer[start] not in "\"'(":
        start += 1
    while end > start and answer[end - 1].isspace():
        end -= 1
    text = answer[start:end]
    return Segment(start, end, text) if WORD.search(text) else None


def _is_abbreviation(text: str, dot: int) -> bool:
    head = text[max(0, dot - 7) : dot + 1].lower()
    return text[dot] == "." and any(head.endswith(a) for a in _ABBREVIATIONS)


def find_cues(
    segments: Iterable[Segment], pattern: re.Pattern[str]
) -> list[tuple[Segment, re.Match[str]]]:
    """Each segment's first match of ``pattern``, in answer order."""
    found: list[tuple[Segment, re.Match[str]]] = []
    for seg in segments:
        match = pattern.search(seg.text)
        if match:
            found.append((seg, match))
    return found


def count_matches(segments: Iterable[Segment], pattern: re.Pattern[str]) -> int:
    return sum(len(pattern.findall(seg.text)) for seg in segments)


def quote(answer: str, seg: Segment, focus: tuple[int, int] | None = None) -> Span:
    """The segment as a quote; a long one is cut at word boundaries around ``focus``
    (offsets inside the segment's text) so the quote stays readable."""
    if len(seg.text) <= _QUOTE_CHARS:
        return Span(seg.start, seg.end, seg.text)
    lo, hi = focus or (0, 0)
    centre = (lo + hi) // 2
    a = max(0, min(centre - _QUOTE_CHARS // 2, len(seg.text) - _QUOTE_CHARS))
    b = min(len(seg.text), a + _QUOTE_CHARS)
    while a > 0 and not seg.text[a - 1].isspace():
        a += 1
    while b < len(seg.text) and not seg.text[b].isspace():
        b -= 1
    start, end = seg.start + a, seg.start + b
    return Span(start, end, answer[start:end])


def quote_match(answer: str, seg: Segment, match: re.Match[str]) -> Span:
    return quote(answer, seg, (match.start(), match.end()))


def unique_spans(spans: Iterable[Span], limit: int = 3) -> tuple[Span, ...]:
    """Distinct, non-overlapping spans in the order given, at most ``limit``."""
    kept: list[Span] = []
    for span in spans:
        if any(span.start < k.end and k.start < span.end for k in kept):
            continue
        kept.append(span)
        if len(kept) == limit:
            break
    return tuple(kept)


def joined(segments: Sequence[Segment]) -> str:
    return " ".join(seg.text for seg in segments)
