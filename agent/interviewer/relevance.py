"""How close an answer is to its question: MiniLM similarity and word overlap.

The question side (its text, reference points and, for stories, context anchors) is embedded
once per embedder and cached; the answer side is cut into pieces of at most `CHUNK_WORDS`
words, the most contentful first up to a word budget, so one match stays within tens of
milliseconds. Word overlap reads the whole answer and catches reference points that MiniLM,
reading only part of a long answer, would miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from agent.understanding.embeddings import Embedder, Vectors
from agent.understanding.lang import (
    cached_vectors,
    content_stems,
    content_words,
    find_fillers,
    words,
)

from .bank import QuestionType
from .intents import lexicon

# Calibrated on the examples in tests/interviewer_answers.py (MiniLM cosines).
RELEVANCE_FLOOR = 0.10  # raw cosine mapped to relevance 0
RELEVANCE_CEILING = 0.50  # raw cosine mapped to relevance 1
POINT_DISCOUNT = 0.10  # a reference point alone is weaker evidence than the question
COVERED_COSINE = 0.48  # an answer chunk this close to a reference point addresses it
# The answer side of the embedding is held to this many words (MiniLM cost grows with
# tokens: about 0.5 ms each on a shared 2-core machine), in chunks of at most CHUNK_WORDS.
EMBED_WORD_BUDGET = 45
CHUNK_WORDS = 15

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass(frozen=True, slots=True)
class QuestionContext:
    """The question the candidate is answering, as analysis and follow-ups need it."""

    text: str
    type: QuestionType
    reference_points: tuple[str, ...]
    """For scoring only: never spoken, never put in a prompt."""
    topics: tuple[str, ...] = ()
    jd_snippets: tuple[str, ...] = ()
    """Job description requirements this question targets."""
    follow_ups: tuple[str, ...] = ()
    """The bank's spoken probes for this question, if any."""


@dataclass(frozen=True, slots=True)
class Match:
    relevance: float
    covered: tuple[int, ...]


# Embeddings -------------------------------------------------------------------------------


def match(answer: str, question: QuestionContext, embedder: Embedder) -> Match:
    """Relevance (0..1) of ``answer`` to ``question`` and the reference points it covers."""
    anchors_ = anchors(question, embedder)
    by_words = _lexically_covered(answer, question)
    # An answer whose words already cover points is on topic: one piece tells how much.
    budget = CHUNK_WORDS if len(by_words) >= 2 else EMBED_WORD_BUDGET
    vectors = embedder.embed(_chunks(answer, budget))
    raw = float((vectors @ anchors_.question).max())
    covered: set[int] = set()
    if len(anchors_.points):
        to_points = (vectors @ anchors_.points.T).max(axis=0)
        raw = max(raw, float(to_points.max()) - POINT_DISCOUNT)
        covered = {int(j) for j in np.nonzero(to_points >= COVERED_COSINE)[0]}
    if len(anchors_.context):
        raw = max(raw, float((vectors @ anchors_.context.T).max()))
    covered |= by_words
    scaled = (raw - RELEVANCE_FLOOR) / (RELEVANCE_CEILING - RELEVANCE_FLOOR)
    if len(by_words) >= 2:  # only part of it was embedded; its words speak for the rest
        scaled = max(scaled, len(by_words) / len(question.reference_points))
    return Match(round(min(max(scaled, 0.0), 1.0), 3), tuple(sorted(covered)))


def _chunks(answer: str, budget: int) -> list[str]:
    """The pieces of the answer to embed: the most contentful first until ``budget`` words,
    then put back in the order they were said."""
    pieces = _pieces(answer)
    density = [len(content_words(words(" ".join(p)))) for p in pieces]
    chosen: list[int] = []
    used = 0
    for i in sorted(range(len(pieces)), key=lambda i: (-density[i], i)):
        if not chosen or used + len(pieces[i]) <= budget:
            chosen.append(i)
            used += len(pieces[i])
    return [" ".join(pieces[i]) for i in sorted(chosen)]


def _pieces(answer: str) -> list[list[str]]:
    """Sentences without fillers, short ones packed together and long ones cut at a comma or
    a conjunction near the limit, into pieces of at most CHUNK_WORDS words (fewer, fuller
    pieces embed faster than many short ones)."""
    out: list[list[str]] = []
    for sentence in _SENTENCE.split(answer.strip()):
        kept = _without_fillers(sentence).split()
        while kept:
            cut = _cut(kept)
            head, kept = kept[:cut], kept[cut:]
            if out and len(out[-1]) + len(head) <= CHUNK_WORDS:
                out[-1] = out[-1] + head
            else:
                out.append(head)
    return out or [["(silence)"]]


def _cut(tokens: list[str]) -> int:
    """Where to end the next piece: after the last clause break within CHUNK_WORDS, if it
    leaves a piece of at least half that."""
    if len(tokens) <= CHUNK_WORDS:
        return len(tokens)
    for end in range(CHUNK_WORDS, CHUNK_WORDS // 2, -1):
        if tokens[end - 1].endswith((",", ";", ":")) or tokens[end].lower() in _CLAUSE_WORDS:
            return end
    return CHUNK_WORDS


_CLAUSE_WORDS = frozenset({"and", "but", "so", "then", "which", "because", "while", "or"})


def _without_fillers(sentence: str) -> str:
    for filler in reversed(find_fillers(sentence)):
        sentence = sentence[: filler.start] + sentence[filler.end :]
    return sentence


@dataclass(frozen=True, slots=True)
class _Anchors:
    question: Vectors  # (384,)
    points: Vectors  # (n points, 384)
    context: Vectors  # (n anchors, 384): a story from work or study, for behavioral and hr


def anchors(question: QuestionContext, embedder: Embedder) -> _Anchors:
    """The question side: its text, its reference points and, for stories, the context
    anchors. Each text is embedded once per embedder (a follow-up that changes only the
    question's wording costs one sentence)."""
    stories = lexicon().context_anchors if question.type in ("behavioral", "hr") else ()
    points = question.reference_points
    vectors = cached_vectors(embedder, [question.text, *points, *stories])
    return _Anchors(vectors[0], vectors[1 : 1 + len(points)], vectors[1 + len(points) :])


# Word overlap -----------------------------------------------------------------------------


def _lexically_covered(answer: str, question: QuestionContext) -> set[int]:
    """Reference points whose distinctive words the answer uses ("F1", "circuit breaker"), or
    whose kind of content it has (a result, a lesson); MiniLM reads long answers only in part,
    the word match reads all of it."""
    said_words = " ".join(words(answer))
    said = content_stems(answer)
    asked = content_stems(question.text)
    covered: set[int] = set()
    for j, point in enumerate(question.reference_points):
        own = content_stems(point) - asked or content_stems(point)
        hits = len(own & said)
        if own and hits * 3 >= len(own) and (hits >= 2 or len(own) <= 2):
            covered.add(j)
            continue
        point_words = " ".join(words(point))
        if any(p.search(point_words) and a.search(said_words) for p, a in lexicon().point_cues):
            covered.add(j)
    return covered
