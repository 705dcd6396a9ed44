"""Embedders that are not the shipped model, for tests of data embedded ahead of time (the
question field, the answer memory, the answer register): each must give such an embedder
no reading rather than a wrong one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from agent.understanding.embeddings import Vectors


class OneDirection:
    """Another model: every text, the probe sentence included, lands on one axis."""

    def __init__(self, axis: int = 0) -> None:
        self.axis = axis

    def embed(self, texts: Sequence[str]) -> Vectors:
        rows = np.zeros((len(texts), 384), np.float32)
        rows[:, self.axis] = 1.0
        return rows


def last_axis_model(cut: dict[str, float], bias: float) -> dict[str, Any]:
    """The mapping of a linear model (`agent.understanding.answer_register.read_register`)
    fitted with `OneDirection` on axis 0: weight 2 on the last axis, none elsewhere."""
    probe = np.zeros(384)
    probe[0] = 1.0
    return {
        "cut": cut,
        "bias": bias,
        "mean": [0.0] * 384,
        "scale": [1.0] * 384,
        "weights": [0.0] * 383 + [2.0],
        "probe": probe.tolist(),
    }
