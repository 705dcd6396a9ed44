"""The spoken technical answers in tests/data/terms (read by tests/bench/bench_terms.py and the
sets' test): loading a set, and whether a term is in a transcript."""

from __future__ import annotations

import json
from pathlib import Path

from agent.voice.term_runs import letters

SETS = Path(__file__).parents[1] / "data" / "terms"
"""One JSON file per set; ``prose.json``: no terms said, the hotwords sound like some of its
words."""


def load_set(name: str) -> list[tuple[str, list[str]]]:
    """The set's items: an answer and the terms it names."""
    items = json.loads((SETS / f"{name}.json").read_text())["items"]
    return [(text, list(terms)) for text, terms in items]


def term_found(term: str, transcript: str) -> bool:
    """The term, or its short form ("Kafka" for "Apache Kafka"), in the transcript, compared
    by letters and digits alone ("Next.js" in "nextjs")."""
    heard = letters(transcript)
    return any(letters(form) in heard for form in {term, term.removeprefix("Apache ")})
