"""Sentences with offsets: every piece the scorers read is an exact slice of the answer."""

from __future__ import annotations

from agent.evaluation.text import chunk_long, quote, split_segments
from agent.understanding.lang import content_stems, stem

ANSWER = (
    "First, we measure, e.g. with the slow query log!  Then we read the plan.\n"
    "Latency went from 2.5 s to 40 ms. Done"
)


def test_sentences_keep_their_offsets_and_skip_abbreviations() -> None:
    segments = split_segments(ANSWER)
    assert [s.text for s in segments] == [
        "First, we measure, e.g. with the slow query log!",
        "Then we read the plan.",
        "Latency went from 2.5 s to 40 ms.",
        "Done",
    ]
    assert all(ANSWER[s.start : s.end] == s.text for s in segments)


def test_long_clauses_are_cut_at_joining_words_and_stay_exact() -> None:
    text = " ".join(["we cache the hot keys in redis"] * 4 + ["so reads are fast"] + ["and"] * 30)
    pieces = chunk_long(text, split_segments(text))
    assert len(pieces) > 1
    assert all(text[p.start : p.end] == p.text for p in pieces)
    assert any(p.text.startswith("so reads are fast") for p in pieces)
    assert all(len(p.text.split()) <= 30 for p in pieces)


def test_long_quotes_are_cut_at_word_boundaries_around_the_cue() -> None:
    text = "word " * 60 + "THE CUE " + "word " * 60
    segment = split_segments(text)[0]
    cue = text.index("THE CUE") - segment.start
    span = quote(text, segment, (cue, cue + 7))
    assert "THE CUE" in span.text
    assert text[span.start : span.end] == span.text
    assert len(span.text) <= 180
    assert not span.text.startswith("ord") and not span.text.endswith("wor")


def test_stems_match_word_forms() -> None:
    assert stem("scanning") == stem("scans") == stem("scan")
    assert stem("prioritize") == stem("prioritizing")
    assert stem("updates") == stem("updated")
    assert content_stems("The inserts and the updates") == {stem("insert"), stem("update")}
