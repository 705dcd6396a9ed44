"""The spoken technical answers of tests/bench/bench_terms.py: each names the terms it lists, so
that a term the recogniser hears is counted, and one it misses is a miss."""

from __future__ import annotations

import pytest
from term_sets import load_set, term_found

SPOKEN = ("tuning", "heldout", "heldout2", "heldout3")


@pytest.mark.parametrize("name", SPOKEN)
def test_every_answer_says_the_terms_it_lists(name: str) -> None:
    items = load_set(name)
    assert len(items) >= 16
    for text, terms in items:
        assert 1 <= len(terms) <= 3, text
        for term in terms:
            assert term_found(term, text), (term, text)


def test_the_third_held_out_set_names_no_term_of_the_others() -> None:
    seen = {term for name in SPOKEN[:-1] for _, terms in load_set(name) for term in terms}
    fresh = {term for _, terms in load_set("heldout3") for term in terms}
    assert len(fresh) >= 80
    assert not fresh & seen
