"""The short-window decoder's loop guard, and the decoder itself on synthesized answers: short
windows, hotwords, guesses, and speech a prompt made it skip."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from faster_whisper import WhisperModel

from agent.plugins import whisper_decoder
from agent.plugins.asr_engine import AsrEngine, sized_for_cores
from agent.plugins.audio import resample
from agent.plugins.espeak_backend import EspeakBackend
from agent.plugins.piper_backend import PiperBackend
from agent.plugins.whisper_decoder import WhisperDecoder, collapse_loops
from agent.plugins.whisper_model import load_whisper_model
from agent.settings import Settings

from speech_helpers import render, word_recall


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        ([5, 5, 5, 5, 5], [5]),  # "yes yes yes yes yes"
        ([1, 2, 3, 9, 9, 9, 9], [1, 2, 3, 9]),  # a tail that loops on one token
        ([1, 2, 7, 8, 7, 8, 7, 8, 4], [1, 2, 7, 8, 4]),  # a looping pair inside
        ([1, 2, 3, 4, 1, 2, 3, 4, 1, 2], [1, 2, 3, 4]),  # the answer started again
        ([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]),  # no loop: untouched
        ([1, 1, 2, 3], [1, 1, 2, 3]),  # a word said twice is speech, not a loop
    ],
)
def test_loops_collapse_and_speech_stays(tokens: list[int], expected: list[int]) -> None:
    assert collapse_loops(tokens) == expected


@pytest.fixture(scope="module")
def model() -> WhisperModel:
    sizing = sized_for_cores()
    return load_whisper_model(Settings(), threads=sizing.threads, workers=sizing.workers)


@pytest.fixture(scope="module")
def engine(model: WhisperModel) -> AsrEngine:
    return AsrEngine(model, sized_for_cores())


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "I would start by measuring where the time goes, then fix the slowest query first.",
        "Yes.",
        "I think so.",
        "Okay.",
    ],
)
def test_a_short_window_transcribes_long_and_short_answers(engine: AsrEngine, text: str) -> None:
    piper = PiperBackend(steady=True)
    audio = resample(render(piper, text).astype(np.float32) / 32768.0, piper.sample_rate, 16000)
    decoded = engine.decode_now(audio)
    assert word_recall(text, decoded.text) >= 0.8, decoded.text
    assert len(decoded.text.split()) <= len(text.split()) + 2, decoded.text  # no loop left
    assert decoded.window_s < 30.0


TECHNICAL = [
    ("We kept the sessions in Redis and the orders in PostgreSQL.", ["redis", "postgresql"]),
    ("The monolith was split into services on Kubernetes with Kafka.", ["kubernetes", "kafka"]),
    ("I wrote the API in TypeScript and deployed it on AWS Lambda.", ["typescript", "lambda"]),
]
HOTWORDS = "Redis, PostgreSQL, Kafka, Kubernetes, TypeScript, GraphQL, AWS Lambda"


@pytest.mark.slow
def test_hotwords_make_the_interviews_terms_heard(engine: AsrEngine) -> None:
    espeak = EspeakBackend()
    heard = {"": 0, HOTWORDS: 0}
    for text, terms in TECHNICAL:
        pcm = render(espeak, text).astype(np.float32) / 32768.0
        audio = resample(pcm, espeak.sample_rate, 16000)
        for hotwords in heard:
            said = engine.decode_now(audio, hotwords=hotwords).text.lower()
            heard[hotwords] += sum(term in said for term in terms)
    assert heard[HOTWORDS] >= 5, heard  # of 6 terms; tiny.en without them: 1
    assert heard[HOTWORDS] > heard[""]


SAID = [
    (
        "We deployed it with Pulumi and the cluster ran on Kubernetes.",
        "We deployed it with Pulumi and the cluster ran on Cassandra.",
    ),
    (
        "The front end was written in Svelte and bundled with Webpack.",
        "The front end was written in Svelte and bundled with Terraform.",
    ),
    (
        "I validated the models with Pydantic before saving them.",
        "I validated the Kafka with Pydantic before saving them.",
    ),
]
"""What was said, and a guess that puts a term where another word was said."""


def _only(guess: str, text: str, hotwords: str) -> list[str]:
    return [guess]


@pytest.mark.slow
def test_a_guess_the_audio_does_not_bear_out_is_never_kept(engine: AsrEngine) -> None:
    for backend in (PiperBackend(steady=True), EspeakBackend()):
        for said, wrong in SAID:
            pcm = render(backend, said).astype(np.float32) / 32768.0
            audio = resample(pcm, backend.sample_rate, 16000)
            plain = engine.decode_now(audio).text
            heard = engine.decode_now(audio, guesses=partial(_only, wrong)).text
            assert heard == plain, (said, heard)


@pytest.mark.slow
def test_a_guess_the_audio_bears_out_is_kept_over_the_greedy_words(engine: AsrEngine) -> None:
    said = SAID[0][0]
    piper = PiperBackend(steady=True)
    audio = resample(render(piper, said).astype(np.float32) / 32768.0, piper.sample_rate, 16000)
    offered: list[tuple[str, str]] = []

    def guesses(text: str, hotwords: str) -> list[str]:
        offered.append((text, hotwords))
        return [SAID[0][1], said]

    heard = engine.decode_now(audio, hotwords="Pulumi, Kubernetes", guesses=guesses)
    assert heard.text == said
    assert offered and offered[0][1] == "Pulumi, Kubernetes"  # given what it was decoded with


SKIPPED_START = [
    (
        "We scheduled the pipelines with Airflow and stored results in Snowflake.",
        "MySQL, Git, Snowflake, Scala, Airflow, Azure, SQL, Linux",
        ["airflow", "snowflake"],
    ),
    (
        "We scheduled the pipelines with Airflow and stored results in Snowflake.",
        "Git, Ansible, Scala, Ruby, SQL, Snowflake, Redux, Airflow",
        ["airflow", "snowflake"],
    ),
    (
        "Login used OAuth with Keycloak as the identity provider.",
        "MySQL, Python, Ruby, Git, Linux, Vue.js, OAuth, Keycloak",
        ["keycloak"],
    ),
]
"""Said (espeak-ng), and an interview's hotwords with which tiny.en's first pass writes only
the end of it ("and Nord results in Snowflake.", "as the identity provider.") or echoes the
prompt and stops ("Git, Azure,")."""


@pytest.mark.slow
@pytest.mark.parametrize(("said", "hotwords", "terms"), SKIPPED_START)
def test_speech_a_prompt_made_the_decoder_skip_is_heard_again(
    model: WhisperModel,
    monkeypatch: pytest.MonkeyPatch,
    said: str,
    hotwords: str,
    terms: list[str],
) -> None:
    espeak = EspeakBackend()
    audio = resample(render(espeak, said).astype(np.float32) / 32768.0, espeak.sample_rate, 16000)
    decoder = WhisperDecoder(model)
    with monkeypatch.context() as patch:
        patch.setattr(whisper_decoder, "_sparse", lambda text, frames: False)
        first = decoder.decode(audio, hotwords=hotwords).text
    assert word_recall(said, first) < 0.6, first  # what tiny.en's first pass does with it
    heard = decoder.decode(audio, hotwords=hotwords).text
    assert word_recall(said, heard) >= 0.75, heard
    assert all(term in heard.lower() for term in terms), heard
