"""Was shipped package data embedded by this embedder?

Vectors made ahead of time (the question field, the answer memory) are only comparable with an
answer embedded by the same model. Each file keeps the vector of `PROBE`; an embedder whose
own vector of it differs (a test double, another model) gets no reading from the file rather
than a wrong one. Checked once per embedder and file.
"""

from __future__ import annotations

import threading
import weakref

from .embeddings import Embedder, Vectors

PROBE = "A probe sentence that checks the field was embedded by the same model."
_PROBE_COSINE = 0.999

_known: weakref.WeakKeyDictionary[Embedder, dict[bytes, bool]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def made_by(probe: Vectors, embedder: Embedder) -> bool:
    """Whether ``embedder`` is the model that embedded `PROBE` as ``probe``."""
    key = probe.tobytes()
    try:
        with _lock:
            known = _known.get(embedder, {}).get(key)
    except TypeError:  # a test double that cannot be weakly referenced
        return False
    if known is None:
        known = float(embedder.embed([PROBE])[0] @ probe) >= _PROBE_COSINE
        with _lock:
            _known.setdefault(embedder, {})[key] = known
    return known
