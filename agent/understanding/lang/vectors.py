"""The embedding cache: question-side texts (questions, reference points, job requirements,
anchors) embedded once per model and process, for the live interviewer and the evaluator.

Each text is embedded on its own, so its vector never depends on what it was batched with
(padding changes the float sums): a question scores the same in the live interview and in
the report. Vectors are read-only. Only texts that Mockline or the job description wrote go
in here, never the candidate's words, and the table per model is bounded (least recently
used out). A model that cannot be weakly referenced or hashed is simply not cached.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from ..embeddings import EMBEDDING_DIM, Embedder, Vectors

CACHE_SIZE = 4096  # texts per model: about 6 MB of float32 vectors

_tables: weakref.WeakKeyDictionary[Embedder, OrderedDict[str, Vectors]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()


def unit_mean(rows: Vectors) -> Vectors:
    """The mean of ``rows`` (an answer's embedded pieces) at unit length: the answer taken
    together. Zeros where there are no rows, or they cancel out."""
    if not len(rows):
        return np.zeros(EMBEDDING_DIM, dtype=np.float32)
    mean = np.asarray(rows.mean(axis=0), dtype=np.float32)
    norm = float(np.linalg.norm(mean))
    return mean / np.float32(norm) if norm > 0 else mean


def embed_each(embedder: Embedder, texts: Sequence[str]) -> Vectors:
    """(n, 384): each text embedded alone, not cached (the candidate's words)."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    return np.stack([np.asarray(embedder.embed([t])[0], dtype=np.float32) for t in texts])


def cached_vectors(embedder: Embedder, texts: Sequence[str]) -> Vectors:
    """(n, 384) unit rows for ``texts``, in order; each embedded once per ``embedder``."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    try:
        with _lock:
            table = _tables.setdefault(embedder, OrderedDict())
    except TypeError:  # a test double that cannot be weakly referenced or hashed
        return embed_each(embedder, texts)
    found: dict[str, Vectors] = {}
    with _lock:
        for text in texts:
            if text in table:
                table.move_to_end(text)
                found[text] = table[text]
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    for text, vector in zip(missing, embed_each(embedder, missing), strict=True):
        vector.setflags(write=False)
        found[text] = vector
    if missing:
        with _lock:
            for text in missing:
                table[text] = found[text]
            while len(table) > CACHE_SIZE:
                table.popitem(last=False)
    return np.stack([found[t] for t in texts])
