"""Guesses that a run of common words was one of the interview's terms (`term_guesses`)."""

from __future__ import annotations

import pytest

from agent.voice.term_guesses import MAX_GUESSES, term_guesses


@pytest.mark.parametrize(
    ("heard", "hotwords", "guess"),
    [
        ("The front end was smelt, bundled with Webpack.", "Svelte, Webpack",
         "The front end was Svelte, bundled with Webpack."),
        ("The payment service was written in a mixer on the VM.", "Elixir, Erlang",
         "The payment service was written in Elixir on the VM."),
        ("Classes validated with Python tick.", "Pydantic, Python",
         "Classes validated with Pydantic."),
        ("The cloud with jolumi", "Pulumi", "The cloud with Pulumi"),
        ("The baseline one asikit-learn, pipeline", "scikit-learn, Jupyter",
         "The baseline one scikit-learn, pipeline"),
    ],
)  # fmt: skip
def test_a_run_that_sounds_like_an_expected_term_is_offered_as_it(
    heard: str, hotwords: str, guess: str
) -> None:
    assert guess in term_guesses(heard, hotwords)


@pytest.mark.parametrize(
    ("heard", "hotwords"),
    [
        ("We kept sessions in Redis and orders in PostgreSQL.", "Redis, PostgreSQL"),  # all there
        ("The models were classes we shipped to the team.", "Redux, Linux, Python"),  # other onsets
        ("We wrote it in Go on AWS.", "Go, AWS, Vue"),  # too short to guess
        ("We used React for the page.", "Redux, Ruby"),  # a term heard is not misheard
        ("The weather was nice that week.", ""),  # nothing expected
    ],
)
def test_nothing_is_offered_where_no_run_could_be_a_missing_term(heard: str, hotwords: str) -> None:
    assert term_guesses(heard, hotwords) == []


def test_guesses_are_few_and_nearest_first() -> None:
    heard = "smelled and smelt and smell and spelled and swell and svelt and shelled"
    guesses = term_guesses(heard, "Svelte")
    assert len(guesses) == MAX_GUESSES
    assert guesses[0] == heard.replace("svelt", "Svelte")  # one letter from the term
    assert all(guess.count("Svelte") == 1 for guess in guesses)


def test_common_words_with_another_onset_are_offered_only_one_letter_away() -> None:
    assert term_guesses("It ran under unicorn workers.", "Gunicorn") == [
        "It ran under Gunicorn workers."
    ]
    assert term_guesses("It ran under a corny workers.", "Gunicorn") == []
