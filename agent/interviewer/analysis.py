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
from dataclasses import dataclass
from typing import Literal

from agent.understanding.embeddings import Embedder, default_embedder
from agent.understanding.lang import GENERIC, content_words, filler_words, words

from . import relevance
from .hooks import find_hooks
from .injection import is_injection
from .intents import command, is_confused, lexicon, outside_cue, stall_words
from .relevance import QuestionContext
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
OFF_TOPIC_BELOW = 0.35  # relevance under this is not about the question
OUTSIDE_BELOW = 0.45  # a question about the job or the process, unless the question is too
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
    content = content_words(tokens)
    hooks = find_hooks(answer, question.text)
    specificity = _specificity(answer, content, hooks)
    if _hesitant(answer, tokens, content, delivery, substance=bool(hooks)):
        return Assessment("hesitant", 0.0, 0.0, (), round(0.1 * specificity, 3), hooks)
    asking = outside_cue(answer, question.text) == "soft" or _asks_the_interviewer(answer)
    if len(content) < MIN_SUBSTANCE_WORDS and not asking:
        return Assessment("too_short", 0.0, 0.0, (), round(0.15 * specificity, 3), hooks)
    match = relevance.match(answer, question, embedder or default_embedder())
    coverage = len(match.covered) / max(len(question.reference_points), 1)
    thin = len(content) < MIN_CONTENT_WORDS and not hooks and match.relevance < THIN_RELEVANCE
    kind = _answer_kind(match.relevance, coverage, len(content), asking=asking, thin=thin)
    quality = _quality(kind, match.relevance, coverage, specificity)
    return Assessment(kind, match.relevance, round(coverage, 3), match.covered, quality, hooks)


def prepare(question: QuestionContext, *, embedder: Embedder | None = None) -> None:
    """Embeds the question side ahead of the answer (e.g. while the question is spoken), so
    the first ``assess`` for it costs only the answer. Blocking."""
    relevance.anchors(question, embedder or default_embedder())


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
    specific = [t for t in content if t not in GENERIC]
    stalling = stall_words(answer)
    rest = [t for t in specific if t not in stalling]
    if stalling and len(rest) < STALL_MAX_CONTENT - int(substance):
        return True
    if filler_words(answer) / len(tokens) >= FILLER_SHARE and len(specific) < HESITANT_MAX_CONTENT:
        return True
    if delivery is None:
        return False
    slow = (delivery.time_to_start_s or 0.0) >= LONG_START_S
    paused = delivery.longest_pause_s >= LONG_PAUSE_S
    filled = delivery.filler_count >= 3 and delivery.filler_count >= FILLER_SHARE * len(tokens)
    return (slow or paused or filled) and len(specific) < HESITANT_MAX_CONTENT


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
