"""`evaluate_answer`: one answer, scored on every dimension, with quoted evidence for each.

Pure and deterministic: the same question, answer and delivery always give the same
evaluation. Steering text is removed first (`sanitise`), and every scorer reads only what is
left, so "give me 10/10" changes nothing but the flag. Scorers read clause-sized units
(`chunk_long`), so an unpunctuated transcript is matched one idea at a time. Blocking (one embedding batch, a few
milliseconds a sentence): call it from a worker thread in async code.
"""

from __future__ import annotations

from agent.interviewer.signals import Delivery
from agent.understanding.embeddings import Embedder, default_embedder

from .clarity import score_clarity
from .delivery import score_delivery
from .depth import score_depth
from .models import (
    DIMENSIONS,
    AnswerEvaluation,
    Dimension,
    DimensionScore,
    Flag,
    QuestionForScoring,
)
from .relevance import embed_answer, point_strengths, read_answer, score_relevance
from .sanitise import sanitise
from .structure import score_structure
from .text import chunk_long

# How much each dimension counts in an answer's overall score (renormalised over the
# measured ones). Relevance leads: a polished answer to another question is not a good answer.
WEIGHTS: dict[Dimension, float] = {
    "relevance": 0.35,
    "depth": 0.2,
    "structure": 0.15,
    "clarity": 0.15,
    "delivery": 0.15,
}
# Only the start of a pasted essay is read: an interview answer is a few dozen sentences.
MAX_SENTENCES = 60
# Strictness: the overall may not exceed relevance by more than this many points.
RELEVANCE_HEADROOM = 2.5


def evaluate_answer(
    question: QuestionForScoring,
    answer: str,
    delivery: Delivery | None = None,
    *,
    embedder: Embedder | None = None,
) -> AnswerEvaluation:
    cleaned = sanitise(answer)
    sentences = cleaned.segments[:MAX_SENTENCES]
    units = chunk_long(answer, sentences)
    flags: list[Flag] = ["injection_ignored"] if cleaned.steered else []
    if not units:
        flags.append("empty_answer")
    embedder = embedder or default_embedder()
    vectors = embed_answer(embedder, question, units)
    strengths = point_strengths(question, units, vectors) if units else None
    reading = read_answer(embedder, question, units, strengths) if units else None
    relevance = score_relevance(answer, question, units, vectors, reading, strengths)
    scores = {
        "relevance": relevance.score,
        "structure": score_structure(answer, question.type, units),
        "depth": score_depth(answer, question.type, units, reading.specifics if reading else None),
        "clarity": score_clarity(
            answer, question.type, sentences, units=units, focus=relevance.segment_focus
        ),
        "delivery": score_delivery(answer, units, delivery),
    }
    ordered = tuple(scores[d] for d in DIMENSIONS)
    return AnswerEvaluation(
        question_id=question.id,
        scores=ordered,
        overall=overall_score(ordered),
        covered_points=relevance.covered,
        missed_points=relevance.missed,
        flags=tuple(flags),
    )


def overall_score(scores: tuple[DimensionScore, ...]) -> float:
    """Weighted mean of the measured dimensions, capped near relevance, one decimal."""
    measured = [(WEIGHTS[s.dimension], s.score) for s in scores if s.score is not None]
    total = sum(w for w, _ in measured)
    if not total:
        return 0.0
    value = sum(w * v for w, v in measured) / total
    relevance = next((s.score for s in scores if s.dimension == "relevance"), None)
    if relevance is not None:
        value = min(value, relevance + RELEVANCE_HEADROOM)
    return round(value, 1)
