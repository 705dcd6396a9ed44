"""Does the turn say anything about the subject, or only talk around it?

"Indexes are something I take very seriously; best practice is to keep the schema clean and
follow the docs" names the question's subject in every clause and answers nothing: each
clause says how important, common, popular or situation-dependent the thing is, or how
conscientious the speaker is, never how it works or what happened. MiniLM puts such a turn
right beside the question, so the topic reading took it for a weak answer and the
interviewer probed for specifics instead of steering back.

An interviewer hears it clause by clause. This reading scores each of the turn's pieces (as
`agent.understanding.topic` cuts and embeds them) with a logistic model of whether a clause
carries substance, fitted on the answer memory's clauses: those of on-topic answers, weak
ones included, against those of polite evasions worded as answers. The turn's substance is
the mean over its clauses; per question family, the cut under which it says nothing keeps 99 %
of the remembered on-topic answers, each scored by a model fitted without its question.
``tests/bench/bench_relevance.py --register`` fits it. Data: ``data/answer_substance.json``,
read like the answer register's (`answer_register.read_register`), with the vector of
`agent.understanding.made_by.PROBE`: an embedder that is not the model it was fitted with gets
no reading. Blocking: one (pieces, 384) product.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import numpy as np

from .answer_register import AnswerRegister, read_register
from .embeddings import Embedder, Vectors
from .made_by import made_by

_FILE = "data/answer_substance.json"


@cache
def substance_model() -> AnswerRegister | None:
    """The shipped model, or None where the package has none."""
    source = resources.files("agent.understanding").joinpath(_FILE)
    return read_register(json.loads(source.read_text("utf-8"))) if source.is_file() else None


def clause_substance(pieces: Vectors, model: AnswerRegister) -> Vectors:
    """Per piece, 0..1: how much it carries substance rather than talk around the subject."""
    z = ((pieces - model.mean) / model.scale) @ model.weights + model.bias
    return np.asarray(1.0 / (1.0 + np.exp(-z)), np.float32)


def substance(
    pieces: Vectors, embedder: Embedder, model: AnswerRegister | None = None
) -> float | None:
    """0..1: the mean substance of the turn's clauses, embedded as ``pieces``; None where
    there is no model or ``embedder`` is not its model."""
    model = model or substance_model()
    if model is None or not len(pieces) or not made_by(model.probe, embedder):
        return None
    return float(clause_substance(pieces, model).mean())


def says_nothing(value: float | None, family: str) -> bool:
    """Whether a turn of this ``substance`` says nothing about a question of ``family``
    ("knowledge" or "story"); False where it was not read."""
    model = substance_model()
    if value is None or model is None or family not in model.cut:
        return False
    return value < model.cut[family]
