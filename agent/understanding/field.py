"""Does the answer fit the asked question, or other interview questions better?

A fluent answer to another question (isolation levels, when asked about indexes) sits about
as close to the asked question, by MiniLM, as a weak answer to it does: closeness alone cannot
tell them apart. Their place in the field of interview questions can. Among the bank's
questions of the same type, an answer meant for the asked one fits it among the best (on the
labelled set, 94-100 % of on-topic answers to knowledge questions fit it better than 85 % of
the others), while an answer to another question fits many others better.

An answer's fit to a question is its closeness to the question's text plus, on average over
the question's reference points, its best piece's closeness to that point (the points say
what an answer covers, so they weigh as much as the wording of the question). `field_rank`
is the share of the field's other questions of the same type that the answer fits better
than the asked one: 0 when none does, towards 1 when the answer is meant for something else.

The field's vectors are made from the question bank ahead of time and shipped as package data
(``data/question_field.npz``; ``tests/bench/bench_relevance.py --field`` remakes it, and a
test says when the bank changed without it): embedding its ~1,700 texts costs about 13 s of
CPU, too much for every process that starts. The file keeps the vector of a probe sentence,
so an embedder other than the model it was made with (a test double, another model) gets no
field reading rather than a wrong one.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from .embeddings import Embedder, Vectors
from .lang import cached_vectors, unit_mean
from .made_by import PROBE, made_by

FIELD_TYPES = ("technical", "system_design", "case_study")
"""The question types the field holds: for stories (behavioural, HR) the rank did not tell an
answer to another question from a weak answer to this one on the labelled set."""
_FILE = "data/question_field.npz"


@dataclass(frozen=True, slots=True)
class FieldQuestion:
    kind: str
    text: str
    points: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Kind:
    texts: tuple[str, ...]
    questions: Vectors
    """(n, 384): each question's text."""
    points: Vectors
    """(m, 384): the reference points of all n questions, grouped by question in order."""
    starts: np.ndarray
    """(n,): where each question's points start in ``points`` (each has at least one)."""
    counts: np.ndarray
    """(n,): how many points each question has."""


@dataclass(frozen=True, slots=True)
class QuestionField:
    kinds: dict[str, _Kind]
    fingerprint: str
    """`fingerprint` of the questions it was made from."""
    probe: Vectors
    """The embedding of `PROBE` by the model the field was made with."""


def fingerprint(questions: Sequence[FieldQuestion]) -> str:
    """A hash of the questions (type, text, points) of the field's types, in order."""
    digest = hashlib.sha256()
    for q in questions:
        if q.kind in FIELD_TYPES and q.points:
            digest.update("\x1e".join((q.kind, q.text, *q.points)).encode() + b"\x1d")
    return digest.hexdigest()[:16]


def build_field(questions: Sequence[FieldQuestion], embedder: Embedder) -> bytes:
    """The field of ``questions`` (those of `FIELD_TYPES` with reference points), embedded by
    ``embedder`` and packed as the ``.npz`` that `question_field` loads. Blocking; slow."""
    arrays: dict[str, np.ndarray] = {
        "fingerprint": np.array(fingerprint(questions)),
        "probe": embedder.embed([PROBE])[0].astype(np.float32),
    }
    for kind in FIELD_TYPES:
        mine = [q for q in questions if q.kind == kind and q.points]
        points = [p for q in mine for p in q.points]
        arrays[f"{kind}.texts"] = np.array([q.text for q in mine])
        arrays[f"{kind}.questions"] = embedder.embed([q.text for q in mine]).astype(np.float16)
        arrays[f"{kind}.points"] = embedder.embed(points).astype(np.float16)
        arrays[f"{kind}.starts"] = np.cumsum([0] + [len(q.points) for q in mine[:-1]])
    out = io.BytesIO()
    np.savez_compressed(out, **arrays)  # type: ignore[arg-type]
    return out.getvalue()


@cache
def question_field() -> QuestionField | None:
    """The shipped field, or None where the package has none."""
    source = resources.files("agent.understanding").joinpath(_FILE)
    if not source.is_file():
        return None
    with np.load(io.BytesIO(source.read_bytes())) as data:
        kinds = {
            kind: _kind(
                tuple(str(t) for t in data[f"{kind}.texts"]),
                data[f"{kind}.questions"].astype(np.float32),
                data[f"{kind}.points"].astype(np.float32),
                data[f"{kind}.starts"].astype(np.int64),
            )
            for kind in FIELD_TYPES
            if f"{kind}.texts" in data
        }
        return QuestionField(kinds, str(data["fingerprint"]), data["probe"].astype(np.float32))


def _kind(texts: tuple[str, ...], questions: Vectors, points: Vectors, starts: np.ndarray) -> _Kind:
    return _Kind(texts, questions, points, starts, np.diff(np.append(starts, len(points))))


def field_rank(
    pieces: Vectors,
    kind: str,
    text: str,
    points: Sequence[str],
    embedder: Embedder,
    field: QuestionField | None = None,
) -> float | None:
    """The share (0..1) of the field's other questions of type ``kind`` that the answer,
    embedded as ``pieces``, fits better than the question ``text`` with reference ``points``.
    None where the field has no such type, the question no points, or ``embedder`` is not
    the field's model. Blocking (a few milliseconds once the question's vectors are cached)."""
    field = field or question_field()
    if field is None or kind not in field.kinds or not points or not len(pieces):
        return None
    if not made_by(field.probe, embedder):
        return None
    rivals = field.kinds[kind]
    others = np.array([t != text for t in rivals.texts])
    if not others.any():
        return None
    mean = unit_mean(pieces)
    mine = _kind((text,), cached_vectors(embedder, [text]), cached_vectors(embedder, list(points)),
                 np.zeros(1, np.int64))  # fmt: skip
    asked = float(_fits(pieces, mean, mine)[0])
    return float(np.mean(_fits(pieces, mean, rivals)[others] > asked))


def _fits(pieces: Vectors, mean: Vectors, questions: _Kind) -> Vectors:
    """The answer's fit to each of ``questions``: closeness of the answer taken together
    (``mean``) to its text, plus the mean over its points of the closest piece."""
    best = (pieces @ questions.points.T).max(axis=0)
    fits = questions.questions @ mean + np.add.reduceat(best, questions.starts) / questions.counts
    return np.asarray(fits, dtype=np.float32)


def closest_other_question(
    vector: Vectors, text: str, embedder: Embedder, field: QuestionField | None = None
) -> float | None:
    """The cosine of ``vector`` (one unit row) to the field's question, of any type, that it
    is closest to, other than the question ``text``. None where the field is absent or not
    ``embedder``'s model."""
    field = field or question_field()
    if field is None or not field.kinds or not made_by(field.probe, embedder):
        return None
    return max(
        float(np.max(np.where([t != text for t in kind.texts], kind.questions @ vector, -1.0)))
        for kind in field.kinds.values()
    )
