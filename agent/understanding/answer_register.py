"""Does a turn sound like an answer at all, whatever was asked?

An interviewer hears that "stress is part of modern life, isn't it, everyone deals with it
differently" is no answer before weighing what it says: it is a register (musing, chat,
a polite refusal, a question back) as much as a subject. The other readings compare an
answer with one question (its wording, its remembered answers, the other questions); this
one asks only how the turn sounds, so it also serves questions the memory has never heard
answered (those written from a resume).

A logistic model over the turn's embedding (the mean of its pieces, as
`agent.understanding.topic` embeds them), fitted on the answer memory's labelled turns by
``tests/bench/bench_relevance.py --register``; per question family, the cut under which a
turn is not an answer keeps 99 % of the remembered on-topic answers, each scored by a model
fitted without its question. Data: ``data/answer_register.json``, which keeps the vector of
`agent.understanding.made_by.PROBE`: an embedder that is not the model it was fitted with
gets no reading. Blocking: one dot product.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from .embeddings import Embedder, Vectors
from .lang import unit_mean
from .made_by import made_by

_FILE = "data/answer_register.json"


@dataclass(frozen=True, slots=True, eq=False)
class AnswerRegister:
    mean: Vectors
    scale: Vectors
    weights: Vectors
    bias: float
    cut: dict[str, float]
    """Per family, the likeness under which a turn does not sound like an answer."""
    probe: Vectors
    memory: str
    """The fingerprint of the answer memory it was fitted on."""


@cache
def answer_register() -> AnswerRegister | None:
    """The shipped model, or None where the package has none."""
    source = resources.files("agent.understanding").joinpath(_FILE)
    return read_register(json.loads(source.read_text("utf-8"))) if source.is_file() else None


def read_register(data: dict[str, Any]) -> AnswerRegister:
    """A model from the mapping ``bench_relevance.py --register`` writes."""

    def vector(name: str) -> Vectors:
        return np.asarray(data[name], np.float32)

    cut = {str(k): float(v) for k, v in data["cut"].items()}
    return AnswerRegister(
        vector("mean"), vector("scale"), vector("weights"), float(data["bias"]), cut,
        vector("probe"), str(data.get("memory", "")),
    )  # fmt: skip


def answer_likeness(
    pieces: Vectors, embedder: Embedder, register: AnswerRegister | None = None
) -> float | None:
    """0..1: how much the turn, embedded as ``pieces``, sounds like an answer to an interview
    question; None where there is no model or ``embedder`` is not its model."""
    register = register or answer_register()
    if register is None or not len(pieces) or not made_by(register.probe, embedder):
        return None
    z = float(((unit_mean(pieces) - register.mean) / register.scale) @ register.weights)
    return 1.0 / (1.0 + float(np.exp(-(z + register.bias))))


def unlike_an_answer(likeness: float | None, family: str) -> bool:
    """Whether a turn of this ``likeness`` does not sound like an answer to a question of
    ``family`` ("knowledge" or "story"); False where it was not read."""
    register = answer_register()
    if likeness is None or register is None or family not in register.cut:
        return False
    return likeness < register.cut[family]
