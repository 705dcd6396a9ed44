"""Depth and specificity: examples, numbers, trade-offs, reasons, and named technologies.

A generic answer ("it makes things faster") scores low however long it is; one that says
what was done, with what, how much, and at what cost scores high. Vague filler ("and stuff",
"etc.") costs points. A very short answer cannot be deep, so the score is capped by length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.interviewer.bank import QuestionType
from agent.understanding.lang import words
from agent.understanding.skills import default_vocabulary
from agent.understanding.specifics import Specifics

from .cues import EXAMPLE, FIRST_PERSON_EXPERIENCE, NUMBER, REASONING, TRADEOFF, VAGUE
from .models import DimensionScore, Span, round_half
from .text import (
    Segment,
    count_matches,
    find_cues,
    joined,
    quote,
    quote_match,
    unique_spans,
)

# What each signal is worth per question type: (examples, numbers, trade-offs, reasons, terms).
_WEIGHTS: dict[QuestionType, tuple[float, float, float, float, float]] = {
    "technical": (2.5, 1.5, 2.5, 2.0, 1.5),
    "system_design": (1.5, 2.5, 3.0, 1.5, 1.5),
    "case_study": (2.0, 2.5, 2.0, 2.5, 1.0),
    "behavioral": (3.5, 2.5, 1.5, 2.0, 0.5),
    "hr": (4.0, 2.0, 1.0, 2.5, 0.5),
}
_FULL_DEPTH_WORDS = 90
# The share of depth that is the shared specificity reading (`agent.understanding.specifics`).
_SPECIFIC_SHARE: dict[QuestionType, float] = {
    "technical": 0.2, "system_design": 0.2, "case_study": 0.25, "behavioral": 0.5, "hr": 0.45,
}  # fmt: skip
ECHO_FREE, ECHO_PENALTY = 0.3, 10.0


def score_depth(
    answer: str,
    qtype: QuestionType,
    segments: Sequence[Segment],
    specifics: Specifics | None = None,
) -> DimensionScore:
    if not segments:
        return DimensionScore("depth", 0.0, "No answer to score.", (), ("no answer",))
    text = joined(segments)
    examples = find_cues(segments, EXAMPLE) + find_cues(segments, FIRST_PERSON_EXPERIENCE)
    numbers = find_cues(segments, NUMBER)
    tradeoffs = find_cues(segments, TRADEOFF)
    reasons = find_cues(segments, REASONING)
    terms = default_vocabulary().skills(text)
    w_ex, w_num, w_trade, w_reason, w_terms = _WEIGHTS[qtype]
    value = (
        w_ex * _saturate(len({s.start for s, _ in examples}))
        + w_num * _saturate(count_matches(segments, NUMBER))
        + w_trade * _saturate(count_matches(segments, TRADEOFF))
        + w_reason * _saturate(count_matches(segments, REASONING))
        + w_terms * _saturate(len(terms))
    )
    if specifics is not None:
        # Concrete actions, own part, numbers and results outweigh named vocabulary; padding
        # with the question's own words counts against.
        value = value * (1 - _SPECIFIC_SHARE[qtype]) + 10 * _SPECIFIC_SHARE[qtype] * specifics.score
        value -= ECHO_PENALTY * max(0.0, specifics.echo - ECHO_FREE)
    vague = count_matches(segments, VAGUE)
    value -= min(2.0, 0.75 * vague)
    n_words = len(words(text))
    value *= min(1.0, n_words / _FULL_DEPTH_WORDS) ** 0.5
    gaps = _gaps(qtype, examples, numbers, tradeoffs, reasons, vague)
    found = [
        f"{len(examples)} concrete example or experience cue(s)" if examples else "",
        f"{count_matches(segments, NUMBER)} number(s)" if numbers else "",
        f"{len(tradeoffs)} trade-off(s) or comparison(s)" if tradeoffs else "",
        f"{len(reasons)} reason(s)" if reasons else "",
        f"named {', '.join(terms[:4])}" if terms else "",
    ]
    said = "; ".join(f for f in found if f) or "no examples, numbers, trade-offs or reasons"
    rationale = f"Specifics: {said}."
    if vague:
        rationale += f" {vague} vague filler phrase(s) such as 'and stuff'."
    if n_words < _FULL_DEPTH_WORDS:
        rationale += f" At {n_words} words the answer is too short to go deep."
    evidence = (
        _evidence(answer, [examples, numbers, tradeoffs, reasons])
        or _evidence(answer, [find_cues(segments, VAGUE)])
        or (quote(answer, segments[0]),)
    )
    return DimensionScore("depth", round_half(value), rationale, evidence, gaps)


def _saturate(count: int) -> float:
    """None is worth nothing, one most of the credit, two or more all of it."""
    return (0.0, 0.7, 1.0)[min(count, 2)]


Hits = list[tuple[Segment, re.Match[str]]]


def _gaps(
    qtype: QuestionType, examples: Hits, numbers: Hits, tradeoffs: Hits, reasons: Hits, vague: int
) -> tuple[str, ...]:
    gaps: list[str] = []
    if not examples:
        gaps.append("no concrete example from your own experience")
    if not numbers:
        gaps.append("no numbers (scale, latency, percentages, time saved)")
    if not tradeoffs and qtype in ("technical", "system_design", "case_study"):
        gaps.append("no trade-offs or alternatives weighed")
    if not reasons:
        gaps.append("no reasons given for the choices")
    if vague:
        gaps.append("vague filler instead of specifics")
    return tuple(gaps)


def _evidence(answer: str, groups: list[Hits]) -> tuple[Span, ...]:
    """One quote per kind of specific found, first kinds first."""
    spans = [quote_match(answer, hits[0][0], hits[0][1]) for hits in groups if hits]
    return unique_spans(spans)
