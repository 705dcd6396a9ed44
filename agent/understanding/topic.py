"""Is an answer about the question? Read by meaning (MiniLM), with word overlap as tie-breaker.

One reading shared by the live interviewer (to redirect a candidate who drifted) and the
evaluator (to mark an answer that is not about the question), so the two never disagree.

The answer is cut into a few clause-sized pieces (fillers out, the most contentful first up
to `WORD_BUDGET` words) and embedded; the features are its closeness to the question (and
the follow-up being answered), to the question's reference points, to anchors of work talk,
of private life and of evasion, and how many content words it shares with the question. A
logistic model per question family (knowledge questions; stories: behavioural and HR) turns
them into the probability that the answer is on topic, and a threshold per question type
decides; near the threshold, shared words break the tie. Weights, anchors and thresholds are
data (``data/topic_calibration.json``), fitted on the labelled set in ``tests/data/relevance``
by ``tests/bench/bench_relevance.py --fit``.

For knowledge questions the answer's place among the interview's other questions
(`agent.understanding.field`) also decides: an answer that fits more than a set share of the
other questions of its type better than the asked one (``field_cut``, per type) is about
something else, unless the model is sure it is on topic (``field_guard``). That catches a
fluent answer to another question, which closeness alone reads as a weak answer to this one.
For a question of the bank, the answer is also compared with remembered labelled answers
(`agent.understanding.answer_memory`): one that sounds much more like answers to other
questions, or like chat and private life, than like this question's answers (a margin under
``memory_cut``, per family) is off topic, unless the model is sure it is on topic; one that
sounds at least as much like this question's answers as like anything else is kept, however
far the model puts it from the question's wording (`LIKE_ITS_ANSWERS`). A turn that does
not sound like an answer to any question (`agent.understanding.answer_register`: musing,
chat, a polite refusal) is off topic too.
A story from private life told in a story question's words ("the biggest change I led was
moving my family") is off topic (`agent.understanding.private_life`), and so is one the
speaker only heard of or watched, however full of work words (`agent.understanding.hearsay`).
For HR questions, an answer that opens as the answer to another classic career question
(`agent.understanding.career_talk`: "I'm leaving because..." to "where do you see yourself")
is about that question.

Blocking (one embedding batch of a few pieces, about 10-30 ms); question-side texts come from
the toolkit's cache.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import numpy as np

from .answer_memory import memory_margin
from .answer_register import answer_likeness, unlike_an_answer
from .career_talk import (
    answers_asked,
    answers_instead,
    knowledge_answers_instead,
    story_answers_instead,
)
from .deflection import is_deflection
from .embeddings import Embedder, Vectors
from .field import field_rank
from .hearsay import hearsay
from .lang import cached_vectors, content_stems, content_words, find_fillers, unit_mean, words
from .no_story import tells_no_story
from .opening_subject import names_another_subject
from .private_life import AT_WORK, private_aside, private_story
from .story_themes import tells_instead, touches_asked
from .substance import says_nothing, substance

WORD_BUDGET = 45
PIECE_WORDS = 15
FEATURES = ("question", "points", "work", "life", "evasion", "overlap", "private")
OWN_WORDS_FLOOR = 0.1
"""The least probability at which an answer that gives what was asked in words of its own is
on topic (`_gives_what_was_asked`)."""
LIKE_ITS_ANSWERS = 0.0
"""The memory margin (`answer_memory`) at which an answer the model finds too far from the
question's wording is kept all the same: it sounds at least as much like the answers this
question gets as like anything else ("I'm good with people, upset customers calm down when
they talk to me", asked for a strength)."""
SAYS_ENOUGH_COVERAGE = 0.8
"""The share of a question's reference points an answer covers from which the substance
reading no longer decides that it says nothing: four of five points, in noun phrases or not,
say what a good answer says. Of the relevance set's 618 polite evasions outside the check
sets, it let one more through (at 0.6, five), and none of the check sets' (measured with
the development sets remembered, before they were left out of the memory)."""
HEARSAY_COVERAGE = 0.3
"""The share of a knowledge question's reference points under which a story heard of answers
nothing: the question's words said back as an opening ("backups, did you follow that story
about the startup that lost its database…") cover one point of four or five. On the
relevance sets, it redirected no on-topic answer."""
ANOTHER_SUBJECT_COVERAGE = 0.5
"""The share of a knowledge question's reference points under which an answer that opens on
another question's subject answers that one. On the relevance sets outside the check sets,
the off-topic answers that open so cover 0-0.4 of the asked question's points, and the one
on-topic answer ("for classification, a decision tree tries candidate splits…") 0.8."""
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
_CLAUSE_WORDS = frozenset({"and", "but", "so", "then", "which", "because", "while", "or"})
# Deflection in the candidate's own words: on topic it never is, whatever it mentions.
EVASION = re.compile(
    r"\b(?:i'?d|i would) (?:rather|prefer) (?:not|to skip|to talk|to discuss|if we|we)\b"
    r"|\bprefer not to\b|\b(?:not|never) (?:going|gonna) to answer\b|\bi won'?t answer\b"
    r"|\b(?:can|could|shall) we (?:do|talk about|discuss|come back|move on|skip|go to|leave)"
    r"(?: this| that| it)?(?: one)? (?:later|instead|first|else|something|another|to)\b"
    r"|\blet'?s (?:not go there|skip|do this (?:one )?later|talk about something|move on to)\b"
    r"|\b(?:isn'?t|not) (?:really )?(?:relevant|fair to ask|my area|my thing)\b"
    r"|\bnot (?:really )?comfortable (?:with|answering|talking|guessing)\b"
    r"|\blet me tell you (?:instead|about my)\b|\bbefore i answer\b"
    r"|\b(?:let me|i'?ll|i will|i'?d|i would) (?:leave (?:this|that)|sit (?:this|that)(?: one)? out"
    r"|pass on (?:this|that|guessing|it))\b|\bno comment\b|\b(?:can|could|shall) we jump\b"
    r"|\b(?:don'?t|do not) (?:really )?want to (?:talk about|get into|go into|discuss)\b",
    re.IGNORECASE,
)
_EVASION_MAX_WORDS = 40
# The candidate says they are changing the subject ("that reminds me", "funny story"): with
# no talk of work in the turn, it is an aside, whatever words it shares with the question.
DIGRESSION = re.compile(
    r"\b(?:reminds me|speaking of \w+|funny story|funnily enough|funny enough|off topic|unrelated"
    r"|on (?:a|an) (?:different|side|unrelated|personal|lighter) note"
    r"|(?:something|anything) (?:totally|completely) different|(?:totally|completely) different "
    r"(?:topic|subject|note)"
    r"|(?:that|this) has nothing to do with|not (?:work|job) related|outside (?:of )?work,)\b",
    re.IGNORECASE,
)
Family = str  # "knowledge" or "story"
_STORY_TYPES = frozenset({"behavioral", "hr"})


@dataclass(frozen=True, slots=True)
class TopicQuestion:
    text: str
    """The question as asked; with a pending follow-up, the main question and the follow-up."""
    kind: str
    """Its type: technical, system_design, case_study, behavioral or hr."""
    reference_points: tuple[str, ...] = ()
    follow_up: str | None = None
    """The follow-up being answered, if any (also in ``text``)."""

    @property
    def family(self) -> Family:
        return "story" if self.kind in _STORY_TYPES else "knowledge"


@dataclass(frozen=True, slots=True)
class TopicReading:
    probability: float
    """0..1: how likely the answer is about the question."""
    on_topic: bool
    evasive: bool
    """The wording deflects ("I'd rather not", "can we talk about something else"), or the
    turn only talks around the subject (`agent.understanding.substance`)."""
    threshold: float
    """The probability at which an answer to this type of question counts as on topic."""
    similarity: float
    """Cosine of the answer (mean of its pieces) to the question or follow-up."""
    overlap: int
    """Content words (stems) the answer shares with the question and its points."""
    features: tuple[float, ...]
    field_rank: float | None = None
    """The share of the interview's other questions of this type that the answer fits better
    (`agent.understanding.field`); None where that is not read."""
    memory_margin: float | None = None
    """How much more the answer sounds like the answers this question gets than like those it
    does not (`agent.understanding.answer_memory`); None where that is not read."""
    likeness: float | None = None
    """How much the turn sounds like an answer at all, whatever was asked
    (`agent.understanding.answer_register`); None where that is not read."""
    answers_instead: str | None = None
    """For an HR question, the other classic career question the answer opens as the answer
    to (`agent.understanding.career_talk`); for a behavioural one, the other story it tells
    (`agent.understanding.story_themes`); for a knowledge question, the classic it opens as
    the answer to, or the other question's subject it opens on
    (`agent.understanding.opening_subject`); None if none."""
    elsewhere: bool = False
    """Off topic because it reads as the answer to another question (the question field, the
    career classics or the story themes decided), not as chat, an aside or a question of the
    candidate's."""
    substance: float | None = None
    """How much the turn's clauses say about the subject rather than around it
    (`agent.understanding.substance`); None where that is not read."""
    private: bool = False
    """Off topic as a story from private life or of what the speaker watched or heard of
    (`private_life.private_story`, `hearsay`): however concrete, no story from work to ask
    about."""


@dataclass(frozen=True, slots=True)
class _Model:
    mean: Vectors
    scale: Vectors
    weights: Vectors
    bias: float


@dataclass(frozen=True, slots=True)
class Calibration:
    anchors: dict[str, tuple[str, ...]]
    models: dict[Family, _Model]
    thresholds: dict[str, float]
    tie_band: float
    field_cut: dict[str, float]
    field_guard: float
    field_near: tuple[float, float]
    """(share, lift): an answer that fits at least this share of the other questions better
    is also off topic while its probability is under the threshold plus the lift."""
    memory_cut: dict[Family, float]
    """Per family, the memory margin under which an answer sounds like answers to other
    questions or like off-topic talk, not like this question's answers."""


@cache
def calibration() -> Calibration:
    raw = resources.files("agent.understanding").joinpath("data/topic_calibration.json")
    data = json.loads(raw.read_text("utf-8"))
    models = {
        family: _Model(
            np.asarray(m["mean"], np.float32),
            np.asarray(m["scale"], np.float32),
            np.asarray(m["weights"], np.float32),
            float(m["bias"]),
        )
        for family, m in data["models"].items()
    }
    anchors = {name: tuple(texts) for name, texts in data["anchors"].items()}
    near = data.get("field_near", (1.0, 0.0))
    return Calibration(
        anchors, models, dict(data["thresholds"]), float(data["tie_band"]),
        dict(data.get("field_cut", {})), float(data.get("field_guard", 1.0)),
        (float(near[0]), float(near[1])), dict(data.get("memory_cut", {})),
    )  # fmt: skip


def embed_pieces(answer: str, embedder: Embedder) -> Vectors:
    """The answer's pieces (`answer_pieces`), embedded in one batch. Blocking."""
    return embedder.embed(answer_pieces(answer))


def closeness(pieces: Vectors, text: str, embedder: Embedder) -> float:
    """Cosine between an answer's pieces, taken together, and ``text``. Blocking."""
    return float(embedder.embed([text])[0] @ unit_mean(pieces))


def read_topic(
    answer: str,
    question: TopicQuestion,
    embedder: Embedder,
    *,
    pieces: Vectors | None = None,
    covers: float = 0.0,
) -> TopicReading:
    """How likely ``answer`` is about ``question``, and the decision. ``pieces``: the
    answer's `embed_pieces`, when the caller has them already; ``covers``: the share of the
    question's reference points it covers, where the caller has read them (an answer that
    covers `SAYS_ENOUGH_COVERAGE` of them says something, however terse its clauses:
    "a few key metrics with clear definitions, context such as targets and trends").
    Blocking."""
    if pieces is None:
        pieces = embed_pieces(answer, embedder)
    features, similarity, overlap = topic_features(answer, question, embedder, pieces=pieces)
    cal = calibration()
    model = cal.models[question.family]
    z = float(((features - model.mean) / model.scale) @ model.weights) + model.bias
    probability = 1.0 / (1.0 + float(np.exp(-z)))
    evasive = is_evasive(answer, question.text)
    threshold = cal.thresholds.get(question.kind, 0.5)
    # A reply to a follow-up is about one narrow aspect, which other questions may fit as well.
    cut = None if question.follow_up else cal.field_cut.get(question.kind)
    rank = None
    if cut is not None:
        rank = field_rank(pieces, question.kind, question.text, question.reference_points, embedder)
    instead = _told_instead(answer, question) or _another_subject(
        answer, question, covers, embedder
    )
    # A reply to a follow-up is not compared with answers to the main question.
    margin = None if question.follow_up else memory_margin(pieces, question.text, embedder)
    likeness = None if question.follow_up else answer_likeness(pieces, embedder)
    # A reply to a follow-up may be one short remark; only a main answer is read for substance.
    said = None if question.follow_up else substance(pieces, embedder)
    evasive = evasive or (covers < SAYS_ENOUGH_COVERAGE and says_nothing(said, question.family))
    elsewhere = False
    private = _private_story(answer, question, covers)
    if evasive or is_aside(answer) or private or _no_story(answer, question):
        on_topic = False
    elif instead is not None:
        on_topic, elsewhere = False, True
    elif _unlike_its_answers(margin, question.family, probability):
        on_topic = False  # it sounds like the answers other questions get, or like chat
        elsewhere = _sounds_like_work(features)
    elif _no_answer_at_all(likeness, answer, question, features, probability):
        on_topic = False  # chat, musing or a polite refusal, whatever it is about
        elsewhere = _sounds_like_work(features)
    elif _meant_for_another(rank, cut, probability, threshold):
        on_topic = False  # it fits other questions better
        elsewhere = _sounds_like_work(features)  # else chat that fits nothing in particular
    else:
        # Too close to call by meaning: shared words decide.
        tie = abs(probability - threshold) < cal.tie_band
        on_topic = overlap >= 1 if tie else probability >= threshold
        on_topic = on_topic or _gives_what_was_asked(answer, question, features, probability)
        on_topic = on_topic or (margin is not None and margin >= LIKE_ITS_ANSWERS)
    elsewhere = elsewhere and "?" not in answer  # a turn that asks something answers nothing
    return TopicReading(
        round(probability, 4), on_topic, evasive, threshold, round(similarity, 4), overlap,
        tuple(round(float(f), 4) for f in features),
        None if rank is None else round(rank, 4),
        None if margin is None else round(margin, 4),
        None if likeness is None else round(likeness, 4), instead, elsewhere,
        None if said is None else round(said, 4), private,
    )  # fmt: skip


def _private_story(answer: str, question: TopicQuestion, covers: float) -> bool:
    """A story from private life (`private_life.private_story`), or one the speaker only
    heard of or watched (`hearsay`), given to a story question; or, given to a knowledge
    question, a story heard of that covers under `HEARSAY_COVERAGE` of its reference points
    (one that covers more relays an answer: "I read how they shard by channel"). A reply to
    a follow-up is not read this way."""
    if question.follow_up:
        return False
    if question.family == "story":
        return private_story(answer, question.text) or hearsay(answer)
    return covers < HEARSAY_COVERAGE and hearsay(answer)


def _no_story(answer: str, question: TopicQuestion) -> bool:
    """Asked for a time something happened (behavioural), a turn that tells no event and no
    doing of the candidate's own (`no_story.tells_no_story`); a reply to a follow-up is not
    read this way."""
    return question.kind == "behavioral" and not question.follow_up and tells_no_story(answer)


def _told_instead(answer: str, question: TopicQuestion) -> str | None:
    """The other career classic (HR) or story (behavioural) the answer is about, if any; a
    behavioural question answered as a career classic ("a bit about me...") is about that
    classic, and so is a technical, design or case question answered as one ("my biggest
    weakness is...", "in five years I'd like to be leading a product area"). A reply to a
    follow-up is about one narrow aspect, so it is not read this way."""
    if question.follow_up:
        return None
    if question.kind == "hr":
        return answers_instead(answer, question.text)
    if question.kind == "behavioral":
        return tells_instead(answer, question.text) or story_answers_instead(answer, question.text)
    return knowledge_answers_instead(answer, question.text)


def _another_subject(
    answer: str, question: TopicQuestion, covers: float, embedder: Embedder
) -> str | None:
    """Asked a knowledge question, an answer that opens on another question's subject and
    covers under `ANOTHER_SUBJECT_COVERAGE` of this one's reference points answers that
    other question ("Overfitting is when…", asked about a weekly retraining pipeline; "For
    dynamic pricing I'd…", asked about fraud losses); the subject, if so. A reply to a
    follow-up is about one narrow aspect, so it is not read this way."""
    if question.follow_up or question.family != "knowledge" or covers >= ANOTHER_SUBJECT_COVERAGE:
        return None
    return names_another_subject(answer, question.text, question.reference_points, embedder)


def _gives_what_was_asked(
    answer: str, question: TopicQuestion, features: Vectors, probability: float
) -> bool:
    """An answer that says what the question asks for in words of its own is about it,
    however far MiniLM puts it (short, plain answers sit far from the question's wording):
    - a work story that touches the event a behavioural question asks about ("my lead told
      me my pull requests were too big", asked about difficult feedback); private life in
      the question's words ("my flight got cancelled", asked about bad news) does not sound
      like work;
    - an answer that opens as the answer to the classic an HR question asks ("around sixty
      thousand euros", asked for salary expectations), with no aside from private life.
    A reply to a follow-up and a turn that asks something are neither."""
    if question.follow_up or "?" in answer or probability < OWN_WORDS_FLOOR:
        return False
    if question.kind == "behavioral":
        return _sounds_like_work(features) and touches_asked(answer, question.text)
    if question.kind == "hr":
        return not features[FEATURES.index("private")] and answers_asked(answer, question.text)
    return False


def _unlike_its_answers(margin: float | None, family: Family, probability: float) -> bool:
    """The answer sounds far more like answers to other questions, or like chat, than like
    the asked question's (`answer_memory`), and the model is not sure it is on topic (the
    same guard as the question field's). False where the memory was not read."""
    cal = calibration()
    cut = cal.memory_cut.get(family)
    return margin is not None and cut is not None and margin < cut and probability < cal.field_guard


def _no_answer_at_all(
    likeness: float | None,
    answer: str,
    question: TopicQuestion,
    features: Vectors,
    probability: float,
) -> bool:
    """The turn does not sound like an answer to any question (`answer_register`), the model
    is not sure it is on topic (the field's guard), and it does not say what was asked in
    words of its own (a bare "around sixty thousand" sounds like no answer, yet is one)."""
    return (
        unlike_an_answer(likeness, question.family)
        and probability < calibration().field_guard
        and not _gives_what_was_asked(answer, question, features, probability)
    )


def _meant_for_another(
    rank: float | None, cut: float | None, probability: float, threshold: float
) -> bool:
    """Many other questions fit better, and the model is not sure it is on topic; or a few
    fit better, and the model is not far past its threshold. False where the field was not
    read (``rank`` or ``cut`` None)."""
    if rank is None or cut is None:
        return False
    cal = calibration()
    near, lift = cal.field_near
    return (rank >= cut and probability < cal.field_guard) or (
        rank >= near and probability < threshold + lift
    )


def _sounds_like_work(features: Vectors) -> bool:
    """Closer to talk of work than of private life, and no aside from private life in it."""
    work, life, private = (features[FEATURES.index(n)] for n in ("work", "life", "private"))
    return bool(work > life and not private)


@lru_cache(maxsize=64)
def is_evasive(answer: str, asked: str = "") -> bool:
    """A short turn whose wording deflects the question ``asked``, or that offers only
    generalities about it (`agent.understanding.deflection`). Cached: a turn is read by the
    topic reading and again by the interviewer's analysis."""
    short = len(words(answer)) <= _EVASION_MAX_WORDS
    return (short and EVASION.search(answer) is not None) or is_deflection(answer, asked)


@lru_cache(maxsize=64)
def is_aside(answer: str) -> bool:
    """The candidate changes the subject ("that reminds me...") and says nothing of work."""
    return DIGRESSION.search(answer) is not None and AT_WORK.search(answer) is None


def topic_features(
    answer: str, question: TopicQuestion, embedder: Embedder, *, pieces: Vectors | None = None
) -> tuple[Vectors, float, int]:
    """The model's inputs (in `FEATURES` order), the question similarity, the overlap."""
    anchors = calibration().anchors
    asked = [question.text] + ([question.follow_up] if question.follow_up else [])
    side = cached_vectors(embedder, asked)
    points = cached_vectors(embedder, list(question.reference_points))
    if pieces is None:
        pieces = embed_pieces(answer, embedder)
    similarity = float((side @ unit_mean(pieces)).max())
    to_points = float((pieces @ points.T).max()) if len(points) else similarity
    kinds = [
        float((pieces @ cached_vectors(embedder, list(anchors[name])).T).max())
        for name in ("work", "life", "evasion")
    ]
    said = content_stems(answer)
    topic = content_stems(" ".join([question.text, *question.reference_points]))
    overlap = len(said & topic)
    private = float(private_aside(answer, question.text))
    features = np.asarray([similarity, to_points, *kinds, min(overlap, 4) / 4, private], np.float32)
    return features, similarity, overlap


def answer_pieces(answer: str) -> list[str]:
    """The pieces of the answer to embed: sentences without fillers, cut to clause-sized
    pieces of at most `PIECE_WORDS` words, the most contentful first until `WORD_BUDGET`
    words, in the order they were said."""
    pieces = _pieces(answer)
    density = [len(content_words(words(" ".join(p)))) for p in pieces]
    chosen: list[int] = []
    used = 0
    for i in sorted(range(len(pieces)), key=lambda i: (-density[i], i)):
        if not chosen or used + len(pieces[i]) <= WORD_BUDGET:
            chosen.append(i)
            used += len(pieces[i])
    return [" ".join(pieces[i]) for i in sorted(chosen)]


def _pieces(answer: str) -> list[list[str]]:
    out: list[list[str]] = []
    for sentence in _SENTENCE.split(answer.strip()):
        for filler in reversed(find_fillers(sentence)):
            sentence = sentence[: filler.start] + sentence[filler.end :]
        kept = sentence.split()
        while kept:
            cut = _cut(kept)
            head, kept = kept[:cut], kept[cut:]
            if out and len(out[-1]) + len(head) <= PIECE_WORDS:
                out[-1] = out[-1] + head
            else:
                out.append(head)
    return out or [["(silence)"]]


def _cut(tokens: list[str]) -> int:
    if len(tokens) <= PIECE_WORDS:
        return len(tokens)
    for end in range(PIECE_WORDS, PIECE_WORDS // 2, -1):
        if tokens[end - 1].endswith((",", ";", ":")) or tokens[end].lower() in _CLAUSE_WORDS:
            return end
    return PIECE_WORDS
