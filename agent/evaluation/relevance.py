"""Relevance and correctness: does the answer cover what a good answer to this question covers?

Each reference point is matched against each sentence by meaning (MiniLM cosine) and by the
point's own key words (stems, leaving out words already in the question, since echoing the
question proves nothing). Embeddings alone are too generous: "an index makes the database
faster" sits close to every point about indexes. A point about an outcome or a lesson
("the result", "what they learned") is also met by the matching cue phrase. Points named in
a bare list of terms only half count. The answer as a whole must also be on the question, and
near the job description's requirements when the interview had one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from agent.understanding.embeddings import EMBEDDING_DIM, Embedder, Vectors
from agent.understanding.lang import cached_vectors, content_stems, embed_each, unit_mean, words
from agent.understanding.specifics import Specifics, read_specifics
from agent.understanding.topic import TopicQuestion, TopicReading, read_topic

from .cues import COMMUNICATION, EXAMPLE, HEDGE, NUMBER, OWNERSHIP, ROLE_LINK, VAGUE
from .models import DimensionScore, QuestionForScoring, Span, clip01, round_half
from .star import ACTION_I, REFLECTION, RESULT
from .text import Segment, quote, unique_spans

# Padding with the question's own words: points off per share of echoed content words above
# the share any on-topic answer has.
ECHO_FREE, ECHO_PENALTY = 0.3, 10.0
OFF_TOPIC_CAP = 3.0  # relevance of an answer the topic reading finds is about something else
# A story this specific is judged on what it covers even when its words are far from the
# question's (`agent.interviewer.analysis` probes it rather than redirecting).
SPECIFIC_STORY = 0.6


PointStrengths = npt.NDArray[np.float64]
"""(reference points, sentences) match strengths in 0..1 (`point_strengths`)."""


@dataclass(frozen=True, slots=True)
class Reading:
    """What the live interviewer also reads: is it on topic, and how specific is it."""

    topic: TopicReading
    specifics: Specifics


def read_answer(
    embedder: Embedder,
    question: QuestionForScoring,
    segments: Sequence[Segment],
    strengths: PointStrengths | None = None,
) -> Reading:
    """The shared readings (`agent.understanding.topic`, `.specifics`) of the scored text;
    with the answer's point ``strengths``, the topic reading knows how many reference points
    it covers, as the live interviewer's does (an answer that covers most of them says
    something, however terse)."""
    text = " ".join(seg.text for seg in segments)
    asked = TopicQuestion(question.text, question.type, question.reference_points)
    covers = 0.0
    if strengths is not None and strengths.size:
        best = strengths.max(axis=1)
        covers = float((best >= COVERED).sum()) / len(best)
    topic = read_topic(text, asked, embedder, covers=covers)
    return Reading(topic, read_specifics(text, question.text))


# Match strength (0..1) at which a reference point counts as covered, or touched in passing.
COVERED = 0.55
PARTIAL = 0.35
# Cosine similarities are rounded so that float noise never moves a threshold.
_DECIMALS = 4

# Abstract reference points ("the result") and the cue that shows an answer meets them; the
# first concept a point names decides its cue.
_CONCEPTS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"\b(?:learn\w*|lessons?|take ?aways?|differently|next time|afterwards|"
                r"repeat|change in behavior)\b", re.I), REFLECTION),
    (re.compile(r"\b(?:owns?|ownership|honest\w*|accountab\w+)\b", re.I), OWNERSHIP),
    (re.compile(r"\b(?:result|outcome|impact|resolved)\b", re.I), RESULT),
    (re.compile(r"\b(?:communicat\w*|informed|stakeholders|people affected|told)\b", re.I),
     COMMUNICATION),
    (re.compile(r"\b(?:the role|this role|role fit|company)\b", re.I), ROLE_LINK),
    (re.compile(r"\b(?:example|concrete|situation)\b", re.I), EXAMPLE),
    (re.compile(r"\b(?:actions? taken|steps taken|initiative they took)\b", re.I), ACTION_I),
    (re.compile(r"\b(?:generic|specific)\b", re.I), NUMBER),
)  # fmt: skip
# Words of explanation a covered point needs to count in full: a bare list of terms is not
# an answer ("DNS, TCP, TLS, headers").
_WORDS_PER_POINT = 10
# A cue met in a thin or hedged sentence ("I guess I learned") only half counts.
_CUE_STRONG, _CUE_WEAK, _SUBSTANTIVE_WORDS = 0.75, 0.4, 10


@dataclass(frozen=True, slots=True)
class AnswerVectors:
    """Everything the evaluation embeds for one answer, in one batch."""

    segments: Vectors
    question: Vectors
    points: Vectors
    jd: Vectors
    answer: Vectors


@dataclass(frozen=True, slots=True)
class Relevance:
    score: DimensionScore
    covered: tuple[int, ...]
    missed: tuple[int, ...]
    segment_focus: tuple[float, ...]
    """Per sentence: its cosine to the question, a reference point, or a neighbouring
    sentence, whichever is closest. Low means the sentence wanders off."""


def embed_answer(
    embedder: Embedder, question: QuestionForScoring, segments: Sequence[Segment]
) -> AnswerVectors:
    """Sentences, question, reference points and JD snippets, each embedded on its own.

    One text per call makes every vector independent of what else is in the answer (no
    batch padding), so a sentence scores the same wherever it appears; it is also faster
    than one padded batch. Question-side texts come from the toolkit's cache (shared with
    the live interviewer); the candidate's words are not cached. The answer as a whole is
    the normalised mean of its sentences.
    """
    texts = list(dict.fromkeys(seg.text for seg in segments))  # a repeat is embedded once
    seen = dict(zip(texts, embed_each(embedder, texts), strict=True))
    own = np.stack([seen[s.text] for s in segments]) if segments else _EMPTY
    question_side = [question.text, *question.reference_points, *question.jd_snippets]
    theirs = cached_vectors(embedder, question_side)
    k = len(question.reference_points)
    return AnswerVectors(
        segments=own,
        question=theirs[0],
        points=theirs[1 : 1 + k],
        jd=theirs[1 + k :],
        answer=unit_mean(own),
    )


_EMPTY = np.zeros((0, EMBEDDING_DIM), dtype=np.float32)


def score_relevance(
    answer: str,
    question: QuestionForScoring,
    segments: Sequence[Segment],
    vectors: AnswerVectors,
    reading: Reading | None = None,
    strengths: PointStrengths | None = None,
) -> Relevance:
    """``reading``: the shared topic and specificity reading of the answer (`read_answer`);
    without it relevance rests on coverage and closeness alone. ``strengths``: the
    answer's `point_strengths`, where the caller has them already."""
    if not segments:
        missed = tuple(range(len(question.reference_points)))
        empty = DimensionScore("relevance", 0.0, "No answer to score.", (), ("no answer",))
        return Relevance(empty, (), missed, ())
    if strengths is None:
        strengths = point_strengths(question, segments, vectors)
    best = strengths.max(axis=1)
    covered = tuple(int(j) for j in np.flatnonzero(best >= COVERED))
    partial = tuple(int(j) for j in np.flatnonzero((best >= PARTIAL) & (best < COVERED)))
    missed = tuple(j for j in range(len(best)) if j not in covered)
    coverage = (len(covered) + 0.4 * len(partial)) / max(1, len(best))
    n_words = sum(len(words(s.text)) for s in segments)
    explained = clip01(n_words / (_WORDS_PER_POINT * max(1, len(covered))))
    coverage *= 0.5 + 0.5 * explained
    on_topic = clip01((_cos(vectors.answer, vectors.question) - 0.2) / 0.45)
    specific = 0.0
    if reading is not None:
        # A list of terms is about the topic without saying anything about it.
        on_topic = reading.topic.probability * (0.5 + 0.5 * explained)
        specific = reading.specifics.score
    # Specifics weigh more than shared vocabulary, the more so for stories.
    story = question.type in ("behavioral", "hr")
    share = (0.45, 0.25, 0.3) if story else (0.65, 0.15, 0.2)
    parts = list(zip(share, (coverage, on_topic, specific), strict=True))
    jd_fit = _jd_fit(vectors)
    if jd_fit is not None:
        parts = [(w * 0.85, v) for w, v in parts] + [(0.15, jd_fit)]
    value = 10 * sum(w * v for w, v in parts)
    elsewhere = False
    if reading is not None:
        value -= ECHO_PENALTY * max(0.0, reading.specifics.echo - ECHO_FREE)
        if not reading.topic.on_topic and reading.specifics.score < SPECIFIC_STORY:
            value = min(value, OFF_TOPIC_CAP)
            on_topic = min(on_topic, 0.3)
            elsewhere = reading.topic.elsewhere
    value = round_half(clip01(value / 10) * 10)
    evidence = unique_spans(
        quote(answer, segments[int(strengths[j].argmax())]) for j in covered
    ) or (_most_on_topic(answer, segments, vectors),)
    rationale = _rationale(question, covered, partial, on_topic, jd_fit, elsewhere=elsewhere)
    if covered and explained < 0.8:
        rationale += " The points are named rather than explained."
    gaps = tuple(f"did not cover: {question.reference_points[j]}" for j in missed)
    focus = _focus(vectors)
    return Relevance(
        DimensionScore("relevance", value, rationale, evidence, gaps),
        covered,
        missed,
        focus,
    )


def point_strengths(
    question: QuestionForScoring, segments: Sequence[Segment], vectors: AnswerVectors
) -> PointStrengths:
    """(points, segments) match strengths in 0..1: meaning, key words, or a concept cue.

    Key words are looked for in the sentence and the one after it, since a point is often
    made across two sentences."""
    cos = np.round(vectors.points @ vectors.segments.T, _DECIMALS)
    question_stems = content_stems(question.text)
    stems = [content_stems(s.text) for s in segments]
    windows = [
        stems[i] | (stems[i + 1] if i + 1 < len(stems) else set()) for i in range(len(stems))
    ]
    substantive = [_substantive(s.text) for s in segments]
    out = np.zeros(cos.shape, dtype=np.float64)
    for j, point in enumerate(question.reference_points):
        keys = content_stems(point) - question_stems
        cue = next((c for concept, c in _CONCEPTS if concept.search(point)), None)
        for i, seg in enumerate(segments):
            meaning = clip01((float(cos[j, i]) - 0.3) / 0.35)
            strength = meaning
            if keys:
                lexical = clip01(len(keys & windows[i]) / len(keys) / 0.5)
                strength = 0.6 * meaning + 0.4 * lexical
            if cue is not None and cue.search(seg.text):
                strength = max(strength, _CUE_STRONG if substantive[i] else _CUE_WEAK)
            out[j, i] = strength
    return out


def _substantive(text: str) -> bool:
    return (
        len(words(text)) >= _SUBSTANTIVE_WORDS and not HEDGE.search(text) and not VAGUE.search(text)
    )


def _focus(vectors: AnswerVectors) -> tuple[float, ...]:
    """How well each sentence hangs on to the question: its own closeness to the question or
    a reference point, or, passed along the answer, the weakest link of a chain of
    neighbouring sentences leading to one that is close. The middle of a story is far from
    the question but follows from the sentence before; an aside follows from nothing."""
    segs = vectors.segments
    best = np.maximum(segs @ vectors.question, (segs @ vectors.points.T).max(axis=1))
    links = np.einsum("ij,ij->i", segs[1:], segs[:-1]) if len(segs) > 1 else best[:0]
    for i in range(1, len(best)):  # a chain on a line: one pass each way finds its best path
        best[i] = max(best[i], min(best[i - 1], links[i - 1]))
    for i in range(len(best) - 2, -1, -1):
        best[i] = max(best[i], min(best[i + 1], links[i]))
    return tuple(round(float(v), _DECIMALS) for v in best)


def _jd_fit(vectors: AnswerVectors) -> float | None:
    if len(vectors.jd) == 0 or len(vectors.segments) == 0:
        return None
    best = np.round((vectors.jd @ vectors.segments.T).max(axis=1), _DECIMALS)
    return float(np.mean([clip01((float(b) - 0.25) / 0.35) for b in best]))


def _cos(a: Vectors, b: Vectors) -> float:
    return round(float(a @ b), _DECIMALS)


def _most_on_topic(answer: str, segments: Sequence[Segment], vectors: AnswerVectors) -> Span:
    sims = np.round(vectors.segments @ vectors.question, _DECIMALS)
    return quote(answer, segments[int(sims.argmax())])


def _rationale(
    question: QuestionForScoring,
    covered: tuple[int, ...],
    partial: tuple[int, ...],
    on_topic: float,
    jd_fit: float | None,
    *,
    elsewhere: bool = False,
) -> str:
    """``elsewhere``: the answer reads as the answer to a different question."""
    total = len(question.reference_points)
    text = f"Covers {len(covered)} of the {total} points a strong answer makes"
    if partial:
        text += f", and touches {len(partial)} more only in passing"
    text += "."
    if elsewhere:
        text += " It reads as the answer to a different question."
    elif on_topic < 0.35:
        text += " Much of the answer is not about the question asked."
    elif not covered:
        text += " It stays on the topic but says nothing a strong answer needs."
    if jd_fit is not None and jd_fit < 0.4:
        text += " It does not connect to the job's stated requirements."
    return text
