"""Warming a process's interviewer (`agent.interviewer.warmup`): what the first answer of a
call would otherwise load, on the thread deciding the reply while the acknowledgement plays,
is loaded at start. Checked in a fresh interpreter, where nothing is loaded yet."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
from agent.understanding import embeddings
from agent.interviewer.warmup import warm_interviewer
assert embeddings._default is None, "loaded before warming"
took = warm_interviewer()
assert embeddings._default is not None, "the sentence embedder is still not loaded"
assert took > 0
print("ok")
"""


def test_warming_loads_what_reading_an_answer_needs() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("ok")
