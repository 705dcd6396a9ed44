"""Delivery, from what the voice pipeline measured: fillers, pace, pauses, time to start.

Only scored when there was audio; in text mode the dimension is "not measured" (score None)
and is left out of every mean, never counted as zero. The quotes are the filler words in the
transcript, or the opening words when the candidate took long to start. The voice pipeline
counts fillers with the same finder that picks the quotes here (`agent.understanding.lang`),
so every filler the score counts is one the report can quote.
"""

from __future__ import annotations

from collections.abc import Sequence

from agent.interviewer.signals import Delivery
from agent.understanding.lang import find_fillers, words

from .models import DimensionScore, Span, round_half
from .text import Segment, quote, unique_spans

# Comfortable ranges: conversational interview speech runs at roughly 120 to 170 words a minute.
WPM_RANGE = (120.0, 170.0)
START_OK_S = 3.0
PAUSE_OK_S = 3.0
FILLERS_OK_PER_100 = 2.0

NOT_MEASURED = DimensionScore(
    "delivery", None, "Not measured: this answer was typed, so there is no audio to judge."
)


def score_delivery(
    answer: str, segments: Sequence[Segment], delivery: Delivery | None
) -> DimensionScore:
    if delivery is None:
        return NOT_MEASURED
    word_count = delivery.word_count or sum(len(words(s.text)) for s in segments)
    penalties: list[tuple[float, str, str]] = []  # (points, note, gap)
    filler_rate = 100.0 * delivery.filler_count / word_count if word_count else 0.0
    if filler_rate > FILLERS_OK_PER_100:
        points = min(4.0, 0.5 * (filler_rate - FILLERS_OK_PER_100))
        penalties.append((points, f"{filler_rate:.1f} fillers per 100 words", "filler words"))
    wpm = delivery.word_count * 60.0 / delivery.duration_s if delivery.duration_s > 0 else None
    if wpm is not None:
        low, high = WPM_RANGE
        if wpm < low:
            points = min(3.5, (low - wpm) / 12)
            penalties.append(
                (points, f"slow pace, {wpm:.0f} words a minute", "speaking too slowly")
            )
        elif wpm > high:
            points = min(3.5, (wpm - high) / 12)
            penalties.append((points, f"fast pace, {wpm:.0f} words a minute", "speaking too fast"))
    start = delivery.time_to_start_s
    if start is not None and start > START_OK_S:
        points = min(3.0, 0.4 * (start - START_OK_S))
        penalties.append((points, f"took {start:.1f} s to start", "slow to start answering"))
    if delivery.longest_pause_s > PAUSE_OK_S:
        points = min(2.0, 0.3 * (delivery.longest_pause_s - PAUSE_OK_S))
        note = f"a {delivery.longest_pause_s:.1f} s pause mid-answer"
        penalties.append((points, note, "long pauses"))
    value = 10.0 - sum(p for p, _, _ in penalties)
    measured = [
        f"{filler_rate:.1f} fillers per 100 words",
        f"{wpm:.0f} words a minute" if wpm is not None else "pace unknown",
        f"started after {start:.1f} s" if start is not None else "start time unknown",
        f"longest pause {delivery.longest_pause_s:.1f} s",
    ]
    problems = [note for _, note, _ in penalties]
    rationale = "Measured: " + ", ".join(measured) + "."
    rationale += f" Held back by: {'; '.join(problems)}." if problems else " Steady delivery."
    evidence = _evidence(answer, segments, slow_start=start is not None and start > START_OK_S)
    gaps = tuple(gap for _, _, gap in penalties)
    return DimensionScore("delivery", round_half(value), rationale, evidence, gaps)


def _evidence(answer: str, segments: Sequence[Segment], *, slow_start: bool) -> tuple[Span, ...]:
    spans: list[Span] = []
    for seg in segments:
        spans.extend(quote(answer, seg, (f.start, f.end)) for f in find_fillers(seg.text))
    if slow_start and segments:
        spans.insert(0, quote(answer, segments[0]))
    if not spans and segments:
        spans.append(quote(answer, segments[0]))
    return unique_spans(spans)
