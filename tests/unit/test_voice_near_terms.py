"""Words that sound like one of the interview's expected terms are written as the term; ordinary
words, and terms the interview does not expect, are left as heard."""

from __future__ import annotations

import random

import pytest

from agent.understanding.skills import default_vocabulary
from agent.voice.near_terms import (
    common_words,
    edit_distance,
    is_common,
    snap_to_terms,
    sound_key,
)
from agent.voice.vocabulary import hear_terms, warm_hearing

from relevance_set import load_items


@pytest.mark.parametrize(
    ("heard", "expected", "terms"),
    [
        # one letter off, or a letter lost at the start
        ("we deployed it with Terrafrom last year", "we deployed it with Terraform last year",
         ["Terraform", "Python"]),
        ("the infra was in Bulumi.", "the infra was in Pulumi.", ["Pulumi", "Go"]),
        # a made-up word that sounds the same
        ("the jobs ran on Jenkens nightly", "the jobs ran on Jenkins nightly", ["Jenkins"]),
        ("we exported the model to Onnks", "we exported the model to ONNX", ["ONNX", "MLflow"]),
        # two pieces, one of them not a word
        ("the API talked to Kafcka brokers", "the API talked to Apache Kafka brokers",
         ["Apache Kafka"]),
        ("pushed over webb sokets to the page", "pushed over WebSockets to the page",
         ["WebSockets"]),
        # said as it is said, not as it is spelled
        ("We put Engine X in front of it.", "We put Nginx in front of it.", ["Nginx"]),
        ("the tables were in my sequel", "the tables were in MySQL", ["MySQL", "Redis"]),
        ("most of it was C sharp, some F sharp", "most of it was C#, some F#", ["C#", "F#"]),
    ],
)  # fmt: skip
def test_a_near_spelling_of_an_expected_term_becomes_the_term(
    heard: str, expected: str, terms: list[str]
) -> None:
    assert snap_to_terms(heard, terms) == expected


@pytest.mark.parametrize(
    ("heard", "terms"),
    [
        ("I flashed the firmware myself", ["Flask"]),
        ("the walls were a reddish colour", ["Redis"]),
        ("a unicorn startup hired me", ["Gunicorn"]),
        ("just a minute please", ["Jest"]),
        ("I kept my notebooks tidy", ["Databricks", "Jupyter"]),
        ("we retried the upload", ["Poetry"]),
        ("the engine team owned it", ["Nginx"]),
        ("the panda at the zoo", ["pandas"]),
        ("it was a sequel to the film", ["Java"]),
    ],
)
def test_ordinary_words_stay_as_heard(heard: str, terms: list[str]) -> None:
    assert snap_to_terms(heard, terms) == heard


def test_only_expected_terms_are_written() -> None:
    heard = "the infra was in Bulumi with my sequel"
    assert snap_to_terms(heard, ["Python", "Docker"]) == heard
    assert snap_to_terms(heard, []) == heard


def test_hear_terms_joins_and_snaps_with_the_calls_hotwords() -> None:
    heard = "we ran kuber netes. The infra was in Bulumi."
    assert hear_terms(heard, "Kubernetes, Pulumi, Java") == (
        "we ran Kubernetes. The infra was in Pulumi."
    )


def test_written_answers_are_not_rewritten_with_an_interviews_hotwords() -> None:
    # Hundreds of candidates' answers in ordinary words, each with 16 skills of the
    # vocabulary as the interview's hotwords: none may gain a term it did not say.
    names = [entry.name for entry in default_vocabulary().entries]
    rng = random.Random(3)
    answers = sorted({item.answer for item in load_items()})
    assert len(answers) > 500
    changed = [a for a in answers if snap_to_terms(a, rng.sample(names, 16)) != a]
    assert len(changed) <= len(answers) // 200, changed[:5]


def test_sound_key_and_distance() -> None:
    assert sound_key("playerite") == sound_key("playwright")
    assert sound_key("onks") == sound_key("onnx")
    assert sound_key("reddish") != sound_key("redis")
    assert edit_distance("pulumi", "bulumi", 3) == 1
    assert edit_distance("kitten", "sitting", 5) == 3
    assert edit_distance("a", "abcdef", 2) == 3  # past the limit: limit + 1
    assert is_common("notebooks") and is_common("on-call") and not is_common("yulumi")


def test_warming_loads_the_word_lists_before_the_first_call() -> None:
    common_words.cache_clear()
    warm_hearing()
    assert common_words.cache_info().currsize == 1
    assert len(common_words()) > 20_000
