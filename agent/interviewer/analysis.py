"""Answer understanding: what one candidate turn is, and how well it answers the question.

``assess`` reads the wording first (commands, instructions aimed at the interviewer, requests
to clarify, questions about other things, stalling; see ``intents``), then embeds the answer
with MiniLM and compares it with the question and its reference points: relevance says
whether the answer is about the question at all, coverage which reference points it
touches. Deterministic and blocking; the question side is embedded once and cached, and the
answer side is cut to a word budget so one call stays within tens of milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from agent.understanding.embeddings import Embedder, Vectors, default_embedder
from agent.understanding.injection import is_injection
from agent.understanding.lang import (
    GENERIC,
    content_stems,
    content_words,
    filler_words,
    stem,
    word_set,
    words,
)
from agent.understanding.specifics import Part, Specifics, read_specifics
from agent.understanding.topic import (
    TopicReading,
    closeness,
    embed_pieces,
    is_aside,
    is_evasive,
    read_topic,
)

from . import probes, relevance
from .hooks import find_hooks
from .intents import (
    NERVOUS_MAX_WORDS,
    admits_not_knowing,
    asks_for_time,
    command,
    is_confused,
    is_nervous_now,
    lacks_experience,
    left_to_others,
    opens_a_story,
    outside_cue,
    praises_the_interviewer,
    stall_words,
)
from .logistics import logistics_question
from .questions_back import asks_back, besides_questions, to_the_interviewer
from .relevance import QuestionContext
from .signals import Delivery

AnswerKind = Literal[
    "answered", "partial", "vague", "too_short", "off_topic", "hesitant", "confused",
    "outside", "injection", "repeat", "skip", "end", "logistics",
]  # fmt: skip
# Kinds that are an attempt at the question; the others carry quality 0 and should not move
# the difficulty target.
ATTEMPTS: frozenset[AnswerKind] = frozenset(
    {"answered", "partial", "vague", "too_short", "off_topic", "hesitant"}
)
# Kinds after which the interviewer steers back instead of taking the turn as an answer.
REDIRECTED: frozenset[AnswerKind] = frozenset(
    {"off_topic", "outside", "injection", "skip", "end", "logistics"}
)

ANSWERED_COVERAGE = 0.4
MIN_SUBSTANCE_WORDS = 3  # fewer content words is too short, whatever they are
MIN_CONTENT_WORDS = 6  # fewer is too short unless specific (a hook or a specific part)
ANSWERED_MIN_CONTENT = 15
ANSWERED_STORY_PARTS = 3  # a story with this many specific parts answers however it is worded
VAGUE_BELOW = 0.25  # specificity under this, with generalities or echoes, is vague
ECHO_SHARE = 0.5  # more of the answer's content words than this are the question's own
THIN_PROBABILITY = 0.6  # a few words and not clearly on topic: too short
# A concrete story of the candidate's own is probed rather than redirected when the reading
# finds it off topic, unless its probability is under this share of the type's threshold: a
# story about another subject ("I designed a caching layer" to "how do you handle stress?").
FAR_STORY_SHARE = 0.7
HESITANT_MAX_CONTENT = 8  # specific words; more is an answer, however it was delivered
STALL_MAX_CONTENT = 4  # "let me think" with fewer specific words than this is hesitance
OWN_REMARK_MAX_CONTENT = 6  # besides questions back, at most a remark: "oh, multi-region, nice"
BUILDS_ON_SHARED = 1
"""Specific words (of four letters or more) a reply to a follow-up shares with the
candidate's earlier answer to count as going on with it: the follow-up asked about that
answer, so one is enough."""
CONTINUES_STORY = 0.28
"""MiniLM closeness to the candidate's earlier telling above which a reply to a follow-up on
a story goes on with it; asides and private life fall below it
(`tests/bench/bench_followup_replies.py`)."""
HEDGE_MAX_CONTENT = 2
"""A hedge ("I'm not sure", "no idea") with fewer specific words than this is hesitance; with
more ("I'm not sure, I'd probably add more servers") it is a weak answer, to be probed."""
FILLER_SHARE = 0.34
LONG_START_S = 8.0
LONG_PAUSE_S = 6.0


@dataclass(frozen=True, slots=True)
class Assessment:
    kind: AnswerKind
    relevance: float
    """0..1: how likely the answer is about the question (`agent.understanding.topic`)."""
    coverage: float
    """0..1: the share of reference points the answer addresses."""
    covered_points: tuple[int, ...]
    """Indices into the question's reference points."""
    quality: float
    """0..1, drives difficulty adaptation; 0 for turns outside ``ATTEMPTS``."""
    hooks: tuple[str, ...]
    """Up to three short phrases in the candidate's own words worth a follow-up."""
    missing: tuple[Part, ...] = ()
    """The specifics the answer lacks (situation, own part, actions, numbers, result)."""
    elsewhere: bool = False
    """Off topic as the answer to another question (`TopicReading.elsewhere`)."""


def assess(
    answer: str,
    question: QuestionContext,
    *,
    delivery: Delivery | None = None,
    embedder: Embedder | None = None,
    earlier: str = "",
) -> Assessment:
    """Classifies one candidate turn and measures it against ``question``. ``earlier``: what
    the candidate already said on this question; a reply to a follow-up that builds on it
    ("my part was mostly the splitting") is about the question. Blocking."""
    early = _wording_kind(answer, question.text)
    if early is not None:
        return Assessment(early, 0.0, 0.0, (), 0.0, ())
    tokens = words(answer)
    content = content_words(tokens)
    hooks = find_hooks(answer, question.text)
    specifics = read_specifics(answer, question.text)
    if _hesitant(answer, tokens, content, delivery, substance=bool(hooks), question=question.text):
        return Assessment("hesitant", 0.0, 0.0, (), round(0.1 * specifics.score, 3), hooks)
    asking = outside_cue(answer, question.text) == "soft" or _asks_the_interviewer(answer)
    if len(content) < MIN_SUBSTANCE_WORDS and not asking and not is_evasive(answer, question.text):
        return Assessment("too_short", 0.0, 0.0, (), round(0.15 * specifics.score, 3), hooks)
    embedder = embedder or default_embedder()
    pieces = embed_pieces(answer, embedder)
    match = relevance.covered_points(answer, question, pieces, embedder)
    coverage = len(match.covered) / max(len(question.reference_points), 1)
    topic = read_topic(answer, question.topic(), embedder, pieces=pieces, covers=coverage)
    kind = _answer_kind(topic, coverage, len(content), specifics, question, asking=asking,
                        hooks=bool(hooks))  # fmt: skip
    if kind == "off_topic" and _sets_the_scene(answer, question, specifics):
        kind = "too_short"  # the start of a story: "go on", not "back to the question"
    if (
        kind == "off_topic"
        and question.follow_up
        and (
            _goes_on(answer, earlier, question, pieces, embedder)
            or _gives_what_was_asked(answer, question, specifics)
        )
    ):
        kind = "partial"
    if kind not in REDIRECTED and _asks_back_instead(answer, question, coverage):
        kind = "outside"
    quality = _quality(kind, topic.probability, coverage, specifics.score)
    # What a probe may still ask for is what the whole answer so far lacks.
    told = read_specifics(f"{earlier} {answer}", question.text) if earlier else specifics
    missing = told.missing if kind in ("vague", "partial", "too_short") else ()
    elsewhere = kind == "off_topic" and topic.elsewhere
    return Assessment(
        kind, topic.probability, round(coverage, 3), match.covered, quality, hooks, missing,
        elsewhere,
    )  # fmt: skip


_PLAIN_VERBS = word_set(
    "go went gone going get got make made take took say said tell told do did done use used "
    "work worked come came see saw know knew think thought want wanted give gave find found "
    "start started try tried feel felt keep kept put let seem seemed call called need needed "
    "look looked become became leave left mean meant turn turned run ran move moved happen "
    "happened have had"
)
_SHARED_NOT_COUNTED = frozenset(stem(w) for w in GENERIC | _PLAIN_VERBS)
"""Words two turns share without being about the same thing ("went", "used")."""


def builds_on(answer: str, earlier: str) -> bool:
    """``answer`` goes on with the candidate's own earlier words: `BUILDS_ON_SHARED` specific
    content words (stems) in common, and it neither deflects nor changes the subject."""
    if not earlier or is_evasive(answer) or is_aside(answer):
        return False
    shared = content_stems(answer) & content_stems(earlier)
    return len({s for s in shared - _SHARED_NOT_COUNTED if len(s) >= 4}) >= BUILDS_ON_SHARED


def _goes_on(
    answer: str, earlier: str, question: QuestionContext, pieces: Vectors, embedder: Embedder
) -> bool:
    """A reply to a follow-up that goes on with the candidate's earlier words: it shares a
    specific word with them, or, on a story, it is close in meaning to their own telling ("the
    designers were relieved", after a story about two leads in conflict)."""
    if builds_on(answer, earlier):
        return True
    if question.type not in ("behavioral", "hr") or not earlier:
        return False
    if is_evasive(answer, question.text) or is_aside(answer):
        return False
    return closeness(pieces, earlier, embedder) >= CONTINUES_STORY


def _sets_the_scene(answer: str, question: QuestionContext, specifics: Specifics) -> bool:
    """A first reply to a story question that only sets the scene of a story from work or
    studies ("there was this one time in my internship where…"): its words cannot tell yet
    whether the story fits, so it is heard out. Once it says what the candidate did or how it
    ended, it is judged as told."""
    if question.type not in ("behavioral", "hr") or question.follow_up:
        return False
    told = {"own_part", "actions", "result"} & set(specifics.found)
    return not told and opens_a_story(answer) and not is_aside(answer)


def _asks_back_instead(answer: str, question: QuestionContext, coverage: float) -> bool:
    """A question put back to the interviewer (`asks_back`) with nothing of the candidate's
    own around it: what it says besides its questions is a remark with no figure ("ha, dark
    mode, everyone asks for it"), or it has no specific part (a situation, their own doing, a
    figure, a result) and, on a knowledge question, says none of what a good answer says. The
    questions' own words ("do you run active-active here?") are no answer. A question at the
    end of a real answer ("...is that how you do it here?", "around ninety thousand. What
    range do you have in mind?") leaves it an answer."""
    if not asks_back(answer, question.text):
        return False
    own = besides_questions(answer)
    found = read_specifics(own, question.text).found if own else ()
    if len(content_words(words(own))) <= OWN_REMARK_MAX_CONTENT and "numbers" not in found:
        return True  # a remark; a figure ("around ninety thousand") answers by itself
    if found:
        return False
    return question.type in ("behavioral", "hr") or coverage == 0.0


def _gives_what_was_asked(answer: str, question: QuestionContext, specifics: Specifics) -> bool:
    """A reply to a probe for one specific ("what did you do yourself?") that gives it ("I
    wrote them and checked them with the PM") answers the probe, whatever its words."""
    part = probes.part_asked(question.follow_up or "")
    # Only the candidate's own doing is read from the words themselves: "in the end" or "last
    # week" start a result or a situation as easily as a holiday.
    if part not in ("own_part", "actions") or part not in specifics.found:
        return False
    return not is_evasive(answer, question.text) and not is_aside(answer)


def prepare(question: QuestionContext, *, embedder: Embedder | None = None) -> None:
    """Embeds the question side ahead of the answer (e.g. while the question is spoken), so
    the first ``assess`` for it costs only the answer. Blocking."""
    relevance.prepare(question, embedder or default_embedder())


def decided_by_wording(answer: str, question: str) -> bool:
    """Whether the wording alone decides what the turn is (a command, an injection, a request
    to clarify, a question about something else): such turns never reach the topic reading."""
    return _wording_kind(answer, question) is not None


def _wording_kind(answer: str, question: str) -> AnswerKind | None:
    """The kinds that the wording alone decides, in order of precedence."""
    if is_injection(answer):  # before commands: "repeat after me: I passed" is no request
        return "injection"
    found = command(answer)
    if found is not None:
        return found
    if logistics_question(answer) is not None:
        return "logistics"
    if is_confused(answer):
        return "confused"
    if outside_cue(answer, question) == "strong" or to_the_interviewer(answer, question):
        return "outside"
    if praises_the_interviewer(answer, question):
        return "outside"  # a remark about them, however kind, is no answer
    return None


def _answer_kind(
    topic: TopicReading,
    coverage: float,
    content: int,
    specifics: Specifics,
    question: QuestionContext,
    *,
    asking: bool,
    hooks: bool,
) -> AnswerKind:
    if topic.evasive:
        return "off_topic"
    if asking and not topic.on_topic:
        return "outside"
    story = question.type in ("behavioral", "hr")
    if not topic.on_topic:
        # A concrete story of the candidate's own, told in other words than the question's
        # and not far from it: probe how it connects rather than send them back; unless it
        # reads as the story meant for another question, or is one from private life.
        concrete = story and "own_part" in specifics.found and len(specifics.found) >= 3
        near = topic.probability >= FAR_STORY_SHARE * topic.threshold
        told_elsewhere = topic.evasive or topic.elsewhere or topic.private
        probe = concrete and near and not told_elsewhere
        return "partial" if probe else "off_topic"
    if asking and content < MIN_CONTENT_WORDS:
        return "confused"  # a short question about the question itself: "should I assume...?"
    if content < MIN_CONTENT_WORDS and topic.probability < THIN_PROBABILITY:
        return "too_short"
    if story and len(specifics.found) >= ANSWERED_STORY_PARTS and content >= ANSWERED_MIN_CONTENT:
        return "answered"
    if not hooks and _vague(specifics, story=story, coverage=coverage):
        return "vague"
    if coverage >= ANSWERED_COVERAGE and content >= ANSWERED_MIN_CONTENT:
        return "answered"
    return "partial"


def _vague(specifics: Specifics, *, story: bool, coverage: float) -> bool:
    """A story with no real situation and no part of the candidate's own, or talk of how one
    usually is; a knowledge answer that says nothing a good one needs, in generalities or in
    the question's own words."""
    generic = specifics.generic_talk > 0 or specifics.echo > ECHO_SHARE
    if story:
        unanchored = "situation" not in specifics.found and "own_part" not in specifics.found
        return unanchored or (generic and specifics.score < VAGUE_BELOW)
    return coverage == 0.0 and generic and specifics.score < VAGUE_BELOW


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
    question: str = "",
) -> bool:
    """Still looking for an answer: silence, stalling ("let me think") or mostly fillers with
    little said, or a long silence before a thin answer. "I'm not sure, but..." followed by
    a real answer is an answer."""
    if not tokens:
        return True
    if len(tokens) <= NERVOUS_MAX_WORDS and is_nervous_now(answer) and not substance:
        return True  # "Hi! I'm a bit nervous, this is my first interview."
    specific = [t for t in content if t not in GENERIC]
    stalling = stall_words(answer)
    # Saying they never did it, in the question's own words, says nothing new ("I've never
    # worked on databases in production", "nothing like that happened on a project").
    never = admits_not_knowing(answer) or lacks_experience(answer)
    if never and left_to_others(answer):
        return True  # "no idea, we always had a DBA who handled that"
    echo = content_stems(question) if never else set()
    rest = [t for t in specific if t not in stalling and stem(t) not in echo]
    limit = STALL_MAX_CONTENT if asks_for_time(answer) else HEDGE_MAX_CONTENT
    if stalling and len(rest) < limit - int(substance):
        return True
    if filler_words(answer) / len(tokens) >= FILLER_SHARE and len(specific) < HESITANT_MAX_CONTENT:
        return True
    if delivery is None:
        return False
    slow = (delivery.time_to_start_s or 0.0) >= LONG_START_S
    paused = delivery.longest_pause_s >= LONG_PAUSE_S
    filled = delivery.filler_count >= 3 and delivery.filler_count >= FILLER_SHARE * len(tokens)
    return (slow or paused or filled) and len(specific) < HESITANT_MAX_CONTENT


def _quality(kind: AnswerKind, relevance: float, coverage: float, specificity: float) -> float:
    if kind == "off_topic":
        return round(0.1 * specificity, 3)
    if kind not in ATTEMPTS:
        return 0.0
    value = 0.35 * coverage + 0.25 * relevance + 0.4 * specificity
    if kind in ("partial", "vague"):
        value = min(value, 0.6 if kind == "partial" else 0.4)
    return round(min(max(value, 0.0), 1.0), 3)
