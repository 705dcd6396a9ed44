"""Does the answer sound like the answers this question gets, or like answers to others?

People recognise an answer to "tell me about a mistake" by having heard many: a story told
for another question (a hackathon, a conflict), chat or private life sounds like those, not
like the answers this question gets. The question's own words are a weaker guide: MiniLM
puts one work story about as close to any story question as another, and a plain answer in
the candidate's own words far from the wording it answers.

So the package ships a memory of labelled answers to the bank's questions (written as
calibration material; ``tests/bench/bench_relevance.py --memory`` remakes it from
``tests/data/relevance``, never from a check set). `memory_margin` compares the answer with
the two remembered on-topic answers to the asked question that it is closest to, against the
two closest of everything this question's answers are not: on-topic answers to the other
questions of its type (except those asking for the same story theme, a conflict story being
on topic for either conflict question) and every off-topic turn remembered (chat, evasion,
private life), except those given to another question that sound like this one's answers. A margin well below zero says it is one of those; `agent.understanding.topic`
decides with a cut per question family.

An answer remembered word for word is not its own neighbour, so the calibration material is
read leave-one-out. Questions with fewer than `MIN_OWN` remembered answers (a question
generated from a resume, or a follow-up) get no reading. Blocking: one (n, 384) product.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import numpy as np

from .embeddings import Embedder, Vectors
from .lang import unit_mean
from .made_by import PROBE, made_by
from .story_themes import asked_themes

MIN_OWN = 2
"""Remembered on-topic answers to the asked question needed for a reading."""
NEAREST = 2
"""How many nearest answers on each side are averaged."""
LIKE_OWN = 0.55
"""Cosine to one of the question's own answers at which a turn remembered as off topic for
another question counts as a possible answer to it: about half of each question's answers
have another answer this close, and 0.2 % of the remembered off-topic turns do."""
_SAME = 0.999
"""Cosine at which a remembered answer is the answer itself."""
_FILE = "data/answer_memory.npz"


@dataclass(frozen=True, slots=True)
class Remembered:
    question: str
    """The question's text as asked."""
    kind: str
    answer: str
    on: bool


@dataclass(frozen=True, slots=True, eq=False)
class AnswerMemory:
    questions: tuple[str, ...]
    kinds: tuple[str, ...]
    """Per question, its type."""
    asked: np.ndarray
    """(n,): the index in ``questions`` of the question each answer was given to."""
    on: np.ndarray
    """(n,): whether each answer is on topic."""
    vectors: Vectors
    """(n, 384): each answer, as `agent.understanding.topic` embeds one (its pieces' mean)."""
    fingerprint: str
    probe: Vectors


def fingerprint(remembered: Sequence[Remembered]) -> str:
    """A hash of the remembered answers (question, type, answer, label), in order."""
    digest = hashlib.sha256()
    for r in remembered:
        digest.update("\x1e".join((r.question, r.kind, r.answer, "on" if r.on else "off")).encode())
        digest.update(b"\x1d")
    return digest.hexdigest()[:16]


def build_memory(remembered: Sequence[Remembered], vectors: Vectors, embedder: Embedder) -> bytes:
    """The ``.npz`` that `answer_memory` loads: ``vectors`` are the answers' embeddings, in
    order, made by ``embedder``."""
    questions = list(dict.fromkeys(r.question for r in remembered))
    kinds = {r.question: r.kind for r in remembered}
    arrays: dict[str, np.ndarray] = {
        "fingerprint": np.array(fingerprint(remembered)),
        "probe": embedder.embed([PROBE])[0].astype(np.float32),
        "questions": np.array(questions),
        "kinds": np.array([kinds[q] for q in questions]),
        "asked": np.array([questions.index(r.question) for r in remembered], np.int32),
        "on": np.array([r.on for r in remembered]),
        "vectors": np.asarray(vectors, np.float16),
    }
    out = io.BytesIO()
    np.savez_compressed(out, **arrays)  # type: ignore[arg-type]
    return out.getvalue()


@cache
def answer_memory() -> AnswerMemory | None:
    """The shipped memory, or None where the package has none."""
    source = resources.files("agent.understanding").joinpath(_FILE)
    return read_memory(source.read_bytes()) if source.is_file() else None


def read_memory(packed: bytes) -> AnswerMemory:
    """A memory from the bytes `build_memory` made."""
    with np.load(io.BytesIO(packed)) as data:
        return AnswerMemory(
            tuple(str(q) for q in data["questions"]),
            tuple(str(k) for k in data["kinds"]),
            data["asked"].astype(np.int64),
            data["on"].astype(bool),
            data["vectors"].astype(np.float32),
            str(data["fingerprint"]),
            data["probe"].astype(np.float32),
        )


def memory_margin(
    pieces: Vectors, question: str, embedder: Embedder, memory: AnswerMemory | None = None
) -> float | None:
    """How much closer the answer, embedded as ``pieces``, is to the remembered answers to
    ``question`` than to those it is not (cosines, about -0.6 to 0.4); None where the memory
    holds too few answers to it, or ``embedder`` is not the memory's model."""
    memory = memory or answer_memory()
    if memory is None or not len(pieces) or not made_by(memory.probe, embedder):
        return None
    sides = _sides(memory, question)
    if sides is None:
        return None
    own, rivals = sides
    closeness = memory.vectors @ unit_mean(pieces)
    itself = closeness >= _SAME
    mine = np.sort(closeness[own & ~itself])[::-1][:NEAREST]
    theirs = np.sort(closeness[rivals & ~itself])[::-1][:NEAREST]
    if len(mine) < MIN_OWN or not len(theirs):
        return None
    return float(mine.mean() - theirs.mean())


@lru_cache(maxsize=256)
def _sides(memory: AnswerMemory, question: str) -> tuple[np.ndarray, np.ndarray] | None:
    """Masks of the answers to ``question`` and of those it is not; None where it has fewer
    than `MIN_OWN` remembered."""
    if question not in memory.questions:
        return None
    index = memory.questions.index(question)
    own = memory.on & (memory.asked == index)
    if own.sum() < MIN_OWN:
        return None
    themes = asked_themes(question)
    kind = memory.kinds[index]
    rival_questions = np.array(
        [
            i != index and k == kind and not (themes & asked_themes(q))
            for i, (q, k) in enumerate(zip(memory.questions, memory.kinds, strict=True))
        ]
    )
    rivals = ~memory.on | (memory.on & rival_questions[memory.asked])
    # A turn remembered as off topic for another question may be a fine answer to this one
    # (a churn analysis given where a market size was asked): one as close to this
    # question's answers as they are to each other is no rival here.
    theirs = ~memory.on & (memory.asked != index)
    like_own = (memory.vectors[theirs] @ memory.vectors[own].T).max(axis=1) >= LIKE_OWN
    rivals[np.flatnonzero(theirs)[like_own]] = False
    return own, rivals
