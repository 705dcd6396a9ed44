"""Checks shared by the tests of the models fitted on the answer memory (the answer register,
the substance reading): the shipped model was fitted on the memory as it is, with the model."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from agent.understanding import default_embedder
from agent.understanding.answer_memory import AnswerMemory, answer_memory
from agent.understanding.answer_register import AnswerRegister
from agent.understanding.embeddings import Embedder, Vectors
from agent.understanding.topic import embed_pieces


def check_fitted_on_the_memory(model: AnswerRegister | None) -> AnswerMemory:
    """Asserts ``model`` was fitted on the shipped answer memory, over its vectors, with a cut
    per question family; returns the memory."""
    memory = answer_memory()
    assert model is not None and memory is not None
    assert model.memory == memory.fingerprint, (
        "the answer memory changed: refit with "
        "`.venv/bin/python tests/bench/bench_relevance.py --register`"
    )
    assert model.weights.shape == model.mean.shape == (memory.vectors.shape[1],)
    assert set(model.cut) == {"knowledge", "story"}
    return memory


def read_each(
    texts: Sequence[str], reading: Callable[[Vectors, Embedder], float | None]
) -> dict[str, float]:
    """Each text's ``reading`` (likeness, substance) with the shipped embedder; asserts that
    every text gets one."""
    embedder = default_embedder()
    read: dict[str, float] = {}
    for text in texts:
        value = reading(embed_pieces(text, embedder), embedder)
        assert value is not None, text
        read[text] = value
    return read
