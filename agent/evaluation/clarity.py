"""Communication clarity: length for the question type, rambling, hedging, repetition, focus.

Starts from 10 and takes off for each problem, quoting the words that show it: an answer far
too short or far too long for its type, run-on sentences, hedges ("I guess", "not sure"),
saying the same thing twice, and sentences that wander away from the question. Spoken fillers
("um") belong to delivery, not here, so a voice answer is not charged twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from agent.interviewer.bank import QuestionType
from agent.understanding.lang import words

from .cues import HEDGE
from .models import DimensionScore, Span, round_half
from .text import Segment, find_cues, joined, quote, quote_match, unique_spans

# Comfortable answer lengths in words, per question type.
LENGTHS: dict[QuestionType, tuple[int, int]] = {
    "technical": (80, 300),
    "system_design": (120, 450),
    "case_study": (100, 400),
    "behavioral": (120, 400),
    "hr": (70, 260),
}
_RUN_ON_WORDS = 45
_OFF_TOPIC_COS = 0.15


@dataclass(frozen=True, slots=True)
class _Problem:
    penalty: float
    note: str
    gap: str
    evidence: tuple[Span, ...] = ()


def score_clarity(
    answer: str,
    qtype: QuestionType,
    segments: Sequence[Segment],
    *,
    units: Sequence[Segment],
    focus: Sequence[float],
) -> DimensionScore:
    """``segments`` are the sentences as punctuated; ``units`` the clause-sized pieces that
    ``focus`` (from relevance) scores, one value each."""
    if not segments:
        return DimensionScore("clarity", 0.0, "No answer to score.", (), ("no answer",))
    text = joined(segments)
    n = len(words(text))
    checks = (
        _length(n, qtype),
        _run_ons(answer, segments),
        _hedges(answer, segments),
        _repeats(text),
        _wandering(answer, units, focus),
    )
    problems = [p for p in checks if p is not None]
    evidence = [span for p in problems for span in p.evidence]
    if not evidence:
        best = max(range(len(units)), key=lambda i: (focus[i], -i))
        evidence.append(quote(answer, units[best]))
    notes = "; ".join(p.note for p in problems)
    rationale = (
        (notes[0].upper() + notes[1:] + ".") if notes else f"Clear and focused at {n} words."
    )
    value = round_half(10.0 - sum(p.penalty for p in problems))
    gaps = tuple(p.gap for p in problems)
    return DimensionScore("clarity", value, rationale, unique_spans(evidence), gaps)


def _length(n: int, qtype: QuestionType) -> _Problem | None:
    lo, hi = LENGTHS[qtype]
    if n < lo:
        note = f"{n} words is too short for this question (aim for {lo} to {hi})"
        return _Problem(7.0 * (1 - n / lo), note, f"too short: {n} words")
    if n > hi:
        note = f"{n} words is longer than needed (aim for {lo} to {hi})"
        return _Problem(min(3.0, 3.0 * (n - hi) / hi), note, f"too long: {n} words")
    return None


def _run_ons(answer: str, segments: Sequence[Segment]) -> _Problem | None:
    # An unpunctuated transcript has no sentences to judge; its pieces are not run-ons.
    if not any(ch in seg.text for seg in segments for ch in ".!?"):
        return None
    run_ons = [s for s in segments if len(words(s.text)) > _RUN_ON_WORDS]
    if not run_ons:
        return None
    note = f"{len(run_ons)} run-on sentence(s) over {_RUN_ON_WORDS} words"
    longest = quote(answer, max(run_ons, key=lambda s: len(s.text)))
    return _Problem(min(2.0, 0.75 * len(run_ons)), note, "run-on sentences", (longest,))


def _hedges(answer: str, segments: Sequence[Segment]) -> _Problem | None:
    hedges = find_cues(segments, HEDGE)
    if not hedges:
        return None
    note = f"{len(hedges)} hedge(s) such as '{hedges[0][1].group()}'"
    quotes = tuple(quote_match(answer, s, m) for s, m in hedges[:2])
    return _Problem(min(2.5, 0.75 * len(hedges)), note, "hedging", quotes)


def _repeats(text: str) -> _Problem | None:
    repeated = _repetition(text)
    if repeated <= 0.08:
        return None
    return _Problem(min(3.0, 10 * repeated), "repeats itself", "repetition")


def _wandering(answer: str, units: Sequence[Segment], focus: Sequence[float]) -> _Problem | None:
    off = [s for s, r in zip(units, focus, strict=True) if r < _OFF_TOPIC_COS]
    if not off:
        return None
    note = f"{len(off)} of {len(units)} sentences wander off the question"
    penalty = 4.0 * len(off) / len(units)
    return _Problem(penalty, note, "rambling off the question", (quote(answer, off[0]),))


def _repetition(text: str) -> float:
    """Share of word trigrams that occur more than once: saying the same thing again."""
    tokens = words(text)
    grams = Counter(zip(tokens, tokens[1:], tokens[2:], strict=False))
    total = sum(grams.values())
    if total < 10:
        return 0.0
    return sum(c - 1 for c in grams.values() if c > 1) / total
