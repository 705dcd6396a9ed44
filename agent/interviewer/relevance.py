"""Which reference points an answer covers: MiniLM closeness of its pieces, and word overlap.

Whether the answer is about the question at all is the shared topic reading
(`agent.understanding.topic`), which the evaluator uses too; this module reads the same
embedded pieces of the answer against each reference point. Word overlap reads the whole
answer and catches points that the pieces (a word budget of the answer) would miss.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from agent.understanding.embeddings import Embedder, Vectors
from agent.understanding.lang import cached_vectors, content_stems, words
from agent.understanding.topic import TopicQuestion

from .bank import QuestionType
from .intents import lexicon

# Calibrated on the examples in tests/support/interviewer_answers.py (MiniLM cosines).
COVERED_COSINE = 0.48  # an answer piece this close to a reference point addresses it


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
    follow_up: str | None = None
    """The follow-up being answered, when there is one (``text`` then holds both)."""

    def topic(self) -> TopicQuestion:
        """The question as the shared relevance reading (`agent.understanding.topic`) takes it."""
        return TopicQuestion(self.text, self.type, self.reference_points, self.follow_up)


@dataclass(frozen=True, slots=True)
class Match:
    covered: tuple[int, ...]


def covered_points(
    answer: str, question: QuestionContext, pieces: Vectors, embedder: Embedder
) -> Match:
    """The reference points that ``answer`` (whose embedded pieces are ``pieces``) covers."""
    covered = _lexically_covered(answer, question)
    if question.reference_points:
        points = cached_vectors(embedder, list(question.reference_points))
        closest = (pieces @ points.T).max(axis=0)
        covered |= {int(j) for j in np.nonzero(closest >= COVERED_COSINE)[0]}
    return Match(tuple(sorted(covered)))


def prepare(question: QuestionContext, embedder: Embedder) -> None:
    """Embeds the question side (question, follow-up, reference points) into the cache."""
    side = [question.text, *([question.follow_up] if question.follow_up else [])]
    cached_vectors(embedder, [*side, *question.reference_points])


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
