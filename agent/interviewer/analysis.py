"""Answer understanding: what one candidate turn is, and how well it answers the question.

``assess`` reads the wording first (commands, instructions aimed at the interviewer, requests
to clarify, questions about other things, stalling; see ``intents``), then embeds the answer
with MiniLM and compares it with the question and its reference points: relevance says
whether the answer is about the question at all, coverage which reference points it
touches. Deterministic and blocking; the question side is embedded once and cached, and the
answer side is cut to a word budget so one call stays within tens of milliseconds.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Literal

import numpy as np

from agent.understanding.embeddings import Embedder, Vectors, default_embedder

from .bank import QuestionType
from .hooks import find_hooks
from .intents import (
    command,
    is_confused,
    is_injection,
    lexicon,
    outside_cue,
    stall_words,
    words,
)
from .signals import Delivery

AnswerKind = Literal[
    "answered", "partial", "too_short", "off_topic", "hesitant", "confused",
    "outside", "injection", "repeat", "skip", "end",
]  # fmt: skip
# Kinds that are an attempt at the question; the others carry quality 0 and should not move
# the difficulty target.
ATTEMPTS: frozenset[AnswerKind] = frozenset(
    {"answered", "partial", "too_short", "off_topic", "hesitant"}
)

# Calibrated on the examples in tests/interviewer_answers.py (MiniLM cosines).
RELEVANCE_FLOOR = 0.10  # raw cosine mapped to relevance 0
RELEVANCE_CEILING = 0.50  # raw cosine mapped to relevance 1
POINT_DISCOUNT = 0.10  # a reference point alone is weaker evidence than the question
OFF_TOPIC_BELOW = 0.35  # relevance under this is not about the question
OUTSIDE_BELOW = 0.45  # a question about the job or the process, unless the question is too
COVERED_COSINE = 0.48  # an answer chunk this close to a reference point addresses it
ANSWERED_COVERAGE = 0.4
MIN_SUBSTANCE_WORDS = 3  # fewer content words is too short, whatever they are
MIN_CONTENT_WORDS = 6  # fewer is too short unless specific (a hook) or squarely on topic
THIN_RELEVANCE = 0.6
ANSWERED_MIN_CONTENT = 15
HESITANT_MAX_CONTENT = 8  # specific words; more is an answer, however it was delivered
STALL_MAX_CONTENT = 4  # "let me think" with fewer specific words than this is hesitance
FILLER_SHARE = 0.34
LONG_START_S = 8.0
LONG_PAUSE_S = 6.0
# The answer side of the embedding is held to this many words (MiniLM cost grows with
# tokens: about 0.5 ms each on a shared 2-core machine), in chunks of at most CHUNK_WORDS.
EMBED_WORD_BUDGET = 45
CHUNK_WORDS = 15
_CACHED_TEXTS = 1024  # question-side sentences kept embedded (about 1.5 MB)

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_EXAMPLE = re.compile(
    r"\b(for example|for instance|such as|e\.g\.|in my (last|previous|current) (job|role|team|company)"
    r"|at my (last|previous|current)|on (a|one|my|our) project|last (year|month|quarter|week))\b",
    re.IGNORECASE,
)
_OWNERSHIP = re.compile(r"\b(i|we)\b\s+(\w+\s+)?(built|wrote|led|designed|set up|added|moved|"
                        r"migrated|decided|chose|measured|reduced|shipped|fixed|found|ran|used|"
                        r"created|changed|introduced|owned|handled|talked|explained|learned)\b",
                        re.IGNORECASE)  # fmt: skip
_STEM = 5


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
class Assessment:
    kind: AnswerKind
    relevance: float
    """0..1: the answer against the question and its reference points (embeddings)."""
    coverage: float
    """0..1: the share of reference points the answer addresses."""
    covered_points: tuple[int, ...]
    """Indices into the question's reference points."""
    quality: float
    """0..1, drives difficulty adaptation; 0 for turns outside ``ATTEMPTS``."""
    hooks: tuple[str, ...]
    """Up to three short phrases in the candidate's own words worth a follow-up."""


@dataclass(frozen=True, slots=True)
class _Match:
    relevance: float
    covered: tuple[int, ...]


def assess(
    answer: str,
    question: QuestionContext,
    *,
    delivery: Delivery | None = None,
    embedder: Embedder | None = None,
) -> Assessment:
    """Classifies one candidate turn and measures it against ``question``. Blocking."""
    early = _wording_kind(answer, question.text)
    if early is not None:
        return Assessment(early, 0.0, 0.0, (), 0.0, ())
    tokens = words(answer)
    content = _content_words(tokens)
    hooks = find_hooks(answer, question.text)
    specificity = _specificity(answer, content, hooks)
    if _hesitant(answer, tokens, content, delivery, substance=bool(hooks)):
        return Assessment("hesitant", 0.0, 0.0, (), round(0.1 * specificity, 3), hooks)
    asking = outside_cue(answer, question.text) == "soft" or _asks_the_interviewer(answer)
    if len(content) < MIN_SUBSTANCE_WORDS and not asking:
        return Assessment("too_short", 0.0, 0.0, (), round(0.15 * specificity, 3), hooks)
    match = _match(answer, question, embedder or default_embedder())
    coverage = len(match.covered) / max(len(question.reference_points), 1)
    thin = len(content) < MIN_CONTENT_WORDS and not hooks and match.relevance < THIN_RELEVANCE
    kind = _answer_kind(match.relevance, coverage, len(content), asking=asking, thin=thin)
    quality = _quality(kind, match.relevance, coverage, specificity)
    return Assessment(kind, match.relevance, round(coverage, 3), match.covered, quality, hooks)


def prepare(question: QuestionContext, *, embedder: Embedder | None = None) -> None:
    """Embeds the question side ahead of the answer (e.g. while the question is spoken), so
    the first ``assess`` for it costs only the answer. Blocking."""
    _anchors(question, embedder or default_embedder())


def _wording_kind(answer: str, question: str) -> AnswerKind | None:
    """The kinds that the wording alone decides, in order of precedence."""
    found = command(answer)
    if found is not None:
        return found
    if is_injection(answer):
        return "injection"
    if is_confused(answer):
        return "confused"
    if outside_cue(answer, question) == "strong":
        return "outside"
    return None


def _answer_kind(
    relevance: float, coverage: float, content: int, *, asking: bool, thin: bool
) -> AnswerKind:
    if asking and relevance < OUTSIDE_BELOW:
        return "outside"
    if thin:
        return "too_short"
    if relevance < OFF_TOPIC_BELOW:
        return "off_topic" if content >= MIN_CONTENT_WORDS else "too_short"
    if asking and content < MIN_CONTENT_WORDS:
        return "confused"  # a short question about the question itself: "should I assume...?"
    if coverage >= ANSWERED_COVERAGE and content >= ANSWERED_MIN_CONTENT:
        return "answered"
    return "partial"


def _asks_the_interviewer(answer: str) -> bool:
    """A short question put to the interviewer ("do you like pizza?")."""
    tokens = words(answer)
    return (
        0 < len(tokens) <= 20
        and answer.rstrip().endswith("?")
        and bool({"you", "your", "you're"} & set(tokens))
    )


def _hesitant(
    answer: str,
    tokens: list[str],
    content: list[str],
    delivery: Delivery | None,
    *,
    substance: bool,
) -> bool:
    """Still looking for an answer: silence, stalling ("let me think") or mostly fillers with
    little said, or a long silence before a thin answer. "I'm not sure, but..." followed by
    a real answer is an answer."""
    if not tokens:
        return True
    specific = [t for t in content if t not in lexicon().generic]
    stalling = stall_words(answer)
    rest = [t for t in specific if t not in stalling]
    if stalling and len(rest) < STALL_MAX_CONTENT - int(substance):
        return True
    if _filler_share(tokens) >= FILLER_SHARE and len(specific) < HESITANT_MAX_CONTENT:
        return True
    if delivery is None:
        return False
    slow = (delivery.time_to_start_s or 0.0) >= LONG_START_S
    paused = delivery.longest_pause_s >= LONG_PAUSE_S
    filled = delivery.filler_count >= 3 and delivery.filler_count >= FILLER_SHARE * len(tokens)
    return (slow or paused or filled) and len(specific) < HESITANT_MAX_CONTENT


def _filler_share(tokens: list[str]) -> float:
    lex = lexicon()
    text = f" {' '.join(tokens)} "
    phrases = sum(text.count(f" {p} ") * len(p.split()) for p in lex.filler_phrases)
    return (sum(1 for t in tokens if t in lex.fillers) + phrases) / len(tokens)


def _content_words(tokens: list[str]) -> list[str]:
    lex = lexicon()
    return [t for t in tokens if t not in lex.stopwords and t not in lex.fillers and len(t) > 1]


def _specificity(answer: str, content: list[str], hooks: tuple[str, ...]) -> float:
    score = 0.0
    if _NUMBER.search(answer) or any(t in lexicon().spelled_numbers for t in content):
        score += 0.2
    score += min(len(hooks), 2) * 0.15
    if _EXAMPLE.search(answer):
        score += 0.2
    if _OWNERSHIP.search(answer):
        score += 0.15
    score += min(len(content) / 40.0, 1.0) * 0.15
    return min(score, 1.0)


def _quality(kind: AnswerKind, relevance: float, coverage: float, specificity: float) -> float:
    if kind == "off_topic":
        return round(0.1 * specificity, 3)
    if kind not in ATTEMPTS:
        return 0.0
    value = 0.45 * coverage + 0.3 * relevance + 0.25 * specificity
    if kind == "partial":
        value = min(value, 0.6)
    return round(min(max(value, 0.0), 1.0), 3)


# Embeddings -------------------------------------------------------------------------------


def _match(answer: str, question: QuestionContext, embedder: Embedder) -> _Match:
    anchors = _anchors(question, embedder)
    by_words = _lexically_covered(answer, question)
    # An answer whose words already cover points is on topic: one piece tells how much.
    budget = CHUNK_WORDS if len(by_words) >= 2 else EMBED_WORD_BUDGET
    vectors = embedder.embed(_chunks(answer, budget))
    raw = float((vectors @ anchors.question).max())
    covered: set[int] = set()
    if len(anchors.points):
        to_points = (vectors @ anchors.points.T).max(axis=0)
        raw = max(raw, float(to_points.max()) - POINT_DISCOUNT)
        covered = {int(j) for j in np.nonzero(to_points >= COVERED_COSINE)[0]}
    if len(anchors.context):
        raw = max(raw, float((vectors @ anchors.context.T).max()))
    covered |= by_words
    scaled = (raw - RELEVANCE_FLOOR) / (RELEVANCE_CEILING - RELEVANCE_FLOOR)
    if len(by_words) >= 2:  # only part of it was embedded; its words speak for the rest
        scaled = max(scaled, len(by_words) / len(question.reference_points))
    return _Match(round(min(max(scaled, 0.0), 1.0), 3), tuple(sorted(covered)))


def _chunks(answer: str, budget: int) -> list[str]:
    """The pieces of the answer to embed: the most contentful first until ``budget`` words,
    then put back in the order they were said."""
    pieces = _pieces(answer)
    density = [len(_content_words(words(" ".join(p)))) for p in pieces]
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
    fillers = lexicon().fillers - {"like", "well", "right", "so"}
    out: list[list[str]] = []
    for sentence in _SENTENCE.split(answer.strip()):
        kept = [w for w in sentence.split() if _bare(w) not in fillers]
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


def _bare(word: str) -> str:
    return word.strip(".,;:!?\"'()").lower()


@dataclass(frozen=True, slots=True)
class _Anchors:
    question: Vectors  # (384,)
    points: Vectors  # (n points, 384)
    context: Vectors  # (n anchors, 384): a story from work or study, for behavioral and hr


_VectorKey = tuple[object, str]
_vector_cache: OrderedDict[_VectorKey, Vectors] = OrderedDict()
_vector_lock = threading.Lock()


def _anchors(question: QuestionContext, embedder: Embedder) -> _Anchors:
    """The question side: its text, its reference points and, for stories, the context
    anchors. Each text is embedded once per embedder (a follow-up that changes only the
    question's wording costs one sentence)."""
    stories = lexicon().context_anchors if question.type in ("behavioral", "hr") else ()
    points = question.reference_points
    vectors = _embed_cached(embedder, [question.text, *points, *stories])
    return _Anchors(vectors[0], vectors[1 : 1 + len(points)], vectors[1 + len(points) :])


def _embed_cached(embedder: Embedder, texts: list[str]) -> Vectors:
    try:
        hash(embedder)
    except TypeError:  # an unhashable test double: no caching
        return embedder.embed(texts)
    found: dict[str, Vectors] = {}
    with _vector_lock:
        for text in texts:
            if (embedder, text) in _vector_cache:
                _vector_cache.move_to_end((embedder, text))
                found[text] = _vector_cache[(embedder, text)]
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    if missing:
        fresh = embedder.embed(missing)
        with _vector_lock:
            for text, vector in zip(missing, fresh, strict=True):
                found[text] = _vector_cache[(embedder, text)] = vector
            while len(_vector_cache) > _CACHED_TEXTS:
                _vector_cache.popitem(last=False)
    return np.stack([found[t] for t in texts])


# Word overlap -----------------------------------------------------------------------------


def _lexically_covered(answer: str, question: QuestionContext) -> set[int]:
    """Reference points whose distinctive words the answer uses ("F1", "circuit breaker"), or
    whose kind of content it has (a result, a lesson); MiniLM reads long answers only in part,
    the word match reads all of it."""
    said_words = " ".join(words(answer))
    said = _stems(answer)
    asked = _stems(question.text)
    covered: set[int] = set()
    for j, point in enumerate(question.reference_points):
        own = _stems(point) - asked or _stems(point)
        hits = len(own & said)
        if own and hits * 3 >= len(own) and (hits >= 2 or len(own) <= 2):
            covered.add(j)
            continue
        point_words = " ".join(words(point))
        if any(p.search(point_words) and a.search(said_words) for p, a in lexicon().point_cues):
            covered.add(j)
    return covered


def _stems(text: str) -> set[str]:
    lex = lexicon()
    return {
        _stem(t)
        for t in words(text)
        if t not in lex.stopwords
        and t not in lex.generic
        and (len(t) >= 3 or any(c.isdigit() for c in t))
    }


def _stem(word: str) -> str:
    """A crude stem, enough to match "entries" with "entry" and "invalidating" with "invalidate"."""
    for suffix in ("ies", "ing", "ed", "es", "s", "y", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:_STEM]
