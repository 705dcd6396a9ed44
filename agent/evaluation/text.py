"""Reading an answer for scoring: sentences with their offsets, words, stems, cue matching, quotes.

Every scorer works on `Segment`s (contiguous pieces of the original answer) and quotes its
evidence through `quote`, so evidence is always an exact substring of what the candidate said.
Scores depend only on the segments' text, never on their offsets: the same sentences score the
same wherever they sit in the answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from agent.understanding.wording import word_set

from .models import Span

# A sentence ends at . ! ? or a line break, unless the dot belongs to an abbreviation.
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)|\n+")
_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "approx.", "dr.", "mr.", "mrs.")
_WORD = re.compile(r"[a-z0-9][a-z0-9'+#.\-]*[a-z0-9+#]|[a-z0-9]", re.IGNORECASE)
_QUOTE_CHARS = 180
CHUNK_WORDS = 30
_CHUNK_MIN = 10
# Where a long spoken sentence can be cut: after a comma, or before a joining word.
_CLAUSE_BREAK = re.compile(
    r"[,;:]|\s+(?:so|but|and then|because|then|which|for example|whereas|although)\b", re.I
)

STOPWORDS = word_set(
    """a an the and or but if then so of to in on at by for with from into onto over under as is
    are was were be been being it its this that these those there their they them he she his her
    we our us you your i me my mine do does did done doing have has had having not no nor can
    could would should will shall may might must about such than too very just also only both each
    more most some any all other own same few what which who whom whose when where why how while
    up down out off again further once here maybe like through during before after above below
    between because until against among per via without within one ones way ways thing things
    get gets got make makes made use uses used using tell talk describe explain"""
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
    return Segment(start, end, text) if _WORD.search(text) else None


def _is_abbreviation(text: str, dot: int) -> bool:
    head = text[max(0, dot - 7) : dot + 1].lower()
    return text[dot] == "." and any(head.endswith(a) for a in _ABBREVIATIONS)


def words(text: str) -> list[str]:
    """Lower-case word tokens ("b-tree", "c++", "3.5" stay whole)."""
    return [w.lower() for w in _WORD.findall(text)]


def stem(word: str) -> str:
    """A deliberately crude suffix stripper: enough to match "scans" with "scanning"."""
    w = word.lower().strip("'")
    for suffix, keep in (
        ("ies", "y"),
        ("ing", ""),
        ("edly", ""),
        ("ed", ""),
        ("es", ""),
        ("ly", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + keep
            break
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "scann" -> "scan", "stopp" -> "stop"
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]  # "prioritize" -> "prioritiz", as "prioritizing" gives
    return w


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1}


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
