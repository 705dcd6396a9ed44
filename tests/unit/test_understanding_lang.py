"""The language toolkit: one tokeniser, stemmer, stopword list, filler finder and embedding
cache, and the agreement it buys between the live interviewer, the voice measurement and the
report."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.evaluation.delivery import score_delivery
from agent.evaluation.text import split_segments
from agent.interviewer.signals import Delivery
from agent.understanding.embeddings import EMBEDDING_DIM, Vectors, default_embedder
from agent.understanding.lang import (
    STOPWORDS,
    cached_vectors,
    content_stems,
    content_words,
    count_fillers,
    embed_each,
    filler_words,
    find_fillers,
    normalise,
    stem,
    word_spans,
    words,
)
from agent.voice.delivery import DeliveryTracker

from paths import REPO


def test_words_keep_technical_names_whole_and_drop_sentence_punctuation() -> None:
    assert words("Don\u2019t use the B-tree, e.g. C++ or C#; p99 fell to 3.5 ms.") == [
        "don't", "use", "the", "b-tree", "e.g", "c++", "or", "c#", "p99", "fell", "to", "3.5",
        "ms",
    ]  # fmt: skip
    assert normalise("  What IS an index?? ") == "what is an index"


def test_word_spans_are_exact_slices_even_with_typographic_apostrophes() -> None:
    text = "We didn\u2019t shard \u2018users\u2019 at all."
    spans = list(word_spans(text))
    assert [text[m.start() : m.end()] for m in spans] == [
        "We", "didn\u2019t", "shard", "users", "at", "all",
    ]  # fmt: skip
    assert [m.group() for m in spans][1] == "didn't"


def test_one_stemmer_matches_word_forms_for_interviewer_and_report() -> None:
    for forms in (
        ("scan", "scans", "scanning"),
        ("entry", "entries"),
        ("invalidate", "invalidated", "invalidating"),
        ("prioritize", "prioritizing", "prioritized"),
        ("cache", "caches", "cached", "caching"),
        ("query", "queries", "queried"),
        ("database", "databases"),
        ("response", "responses"),
        ("release", "releases"),
        ("index", "indexes"),
        ("case", "cases"),
        ("node", "nodes"),
        ("tree", "trees"),
        ("agree", "agreed", "agrees"),
        ("private", "privately"),
        ("code", "codes", "coded", "coding"),
    ):
        assert len({stem(f) for f in forms}) == 1, forms
    assert stem("status") == "status"
    assert content_stems("The inserts and the updates") == {stem("insert"), stem("update")}


def test_content_words_leave_out_stopwords_sounds_and_letters() -> None:
    said = words("Um, so I basically just used a Redis cache, you know, for the p99 reads.")
    assert content_words(said) == ["used", "redis", "cache", "p99", "reads"]
    assert not set(content_words(said)) & STOPWORDS


def test_sounds_are_fillers_anywhere_discourse_words_only_alone() -> None:
    def found(text: str) -> list[str]:
        return [text[f.start : f.end] for f in find_fillers(text)]

    assert found("Um, I think, uh, we used Redis.") == ["Um", "uh"]
    assert found("So, we moved it. It was, like, slow.") == ["So", "like"]
    assert found("so um an index is basically a b tree") == ["um"]
    assert found("Well, I mean, basically we, uh, sort of cached it, you know.") == [
        "Well", "I mean", "uh", "you know",
    ]  # fmt: skip
    assert found("I like Python and you know it. So we shipped.") == []
    assert found("The umbrella, the user, the hmmm.") == ["hmmm"]
    assert count_fillers("Like, you know, it was hard. Hmm.") == 3
    assert filler_words("Like, you know, it was hard.") == 3


# Transcript-like text: fillers, discourse words, content words, and punctuation between them.
_PIECES = st.sampled_from(
    ["um", "uh", "Um", "so", "So", "like", "you know", "I mean", "basically", "well", "we",
     "cached", "the", "index", "Redis", "sort of", "it", "was", "slow"]
)  # fmt: skip
_GLUE = st.sampled_from([" ", ", ", ". ", "? ", "\n", " - ", "; "])
TRANSCRIPTS = st.lists(st.tuples(_PIECES, _GLUE), min_size=1, max_size=30).map(
    lambda parts: "".join(p + g for p, g in parts).strip()
)


@settings(max_examples=300, deadline=None)
@given(TRANSCRIPTS)
def test_every_counted_filler_is_found_again_in_the_sentences_the_report_quotes(
    text: str,
) -> None:
    # The voice pipeline counts fillers over the whole turn; the report looks for them
    # sentence by sentence to quote them. Both must see the very same fillers.
    whole = [(f.start, f.end) for f in find_fillers(text)]
    by_sentence = [
        (seg.start + f.start, seg.start + f.end)
        for seg in split_segments(text)
        for f in find_fillers(seg.text)
    ]
    assert by_sentence == whole
    assert count_fillers(text) == len(whole)


def test_a_standalone_so_is_counted_by_the_call_and_quoted_by_the_report() -> None:
    text = "So, we moved the sessions to Redis. It was, like, twice as fast."
    tracker = DeliveryTracker()
    measured = tracker.measure(text, 0.0, 6.0)
    assert measured.filler_count == 2
    delivery = Delivery(
        speech_s=5.0, duration_s=6.0, filler_count=measured.filler_count, word_count=12
    )
    result = score_delivery(text, split_segments(text), delivery)
    assert "filler words" in result.gaps
    quoted = " ".join(span.text for span in result.evidence)
    for filler in find_fillers(text):
        assert text[filler.start : filler.end] in quoted


class _Counting:
    """An embedder that counts the texts it is asked to embed."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._model = default_embedder()

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.seen += list(texts)
        return self._model.embed(texts)


def test_question_side_texts_are_embedded_once_and_alone() -> None:
    counting = _Counting()
    texts = ["What is a database index?", "avoids full table scans"]
    first = cached_vectors(counting, texts)
    again = cached_vectors(counting, [*texts, texts[0]])
    assert counting.seen == texts  # each once, never in a batch with another
    assert first.shape == (2, EMBEDDING_DIM)
    assert np.array_equal(again[:2], first) and np.array_equal(again[2], first[0])
    assert np.allclose(first, embed_each(default_embedder(), texts), atol=1e-6)


def test_an_embedder_that_cannot_be_cached_still_embeds() -> None:
    class Unhashable(_Counting):
        __hash__ = None  # type: ignore[assignment]

    model = Unhashable()
    assert cached_vectors(model, ["one text"]).shape == (1, EMBEDDING_DIM)
    assert cached_vectors(model, ["one text"]).shape == (1, EMBEDDING_DIM)
    assert model.seen == ["one text", "one text"]


def _imports(path: Path, package: str) -> set[str]:
    """The agent.understanding modules that ``path`` imports, also inside functions (a
    deferred import is still a circle)."""
    tree = ast.parse(path.read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            module = f"{base}.{node.module}" if node.module else base
            found |= {module} | {f"{module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return {m for m in found if m.startswith("agent.understanding")}


def test_the_understanding_package_has_no_import_circle() -> None:
    root = REPO / "agent" / "understanding"
    modules: dict[str, Path] = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph = {
        name: {
            m
            for m in _imports(path, name if path.name == "__init__.py" else name.rsplit(".", 1)[0])
            if m in modules and m != name and modules[m].name != "__init__.py"
        }
        for name, path in modules.items()
        if path.name != "__init__.py"
    }

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, set()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    circles = [name for name in graph if reaches(name, name, set())]
    assert circles == []
    assert "agent.understanding.skills" not in graph["agent.understanding.wording"]
