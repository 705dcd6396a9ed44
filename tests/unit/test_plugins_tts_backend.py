"""TTS backends (piper, espeak-ng, coqui) and the choice with its espeak-ng fallback."""

from __future__ import annotations

import logging
import threading
from collections.abc import Generator

import numpy as np
import pytest

from agent.plugins.coqui_backend import CoquiBackend
from agent.plugins.espeak_backend import EspeakBackend
from agent.plugins.piper_backend import PiperBackend, packaged_voice_path
from agent.plugins.tts_backend import TtsUnavailable
from agent.plugins.tts_choice import load_tts_backend
from agent.settings import Settings

from speech_helpers import SENTENCE, render, rms


@pytest.fixture(scope="module")
def piper() -> PiperBackend:
    return PiperBackend()


@pytest.fixture(scope="module")
def espeak() -> EspeakBackend:
    return EspeakBackend()


@pytest.mark.slow
def test_piper_synthesises_non_silent_speech_at_22050(piper: PiperBackend) -> None:
    chunks = list(piper.synthesize(SENTENCE))

    assert piper.name == "piper"
    assert piper.sample_rate == 22050
    assert chunks and all(c.dtype == np.int16 and c.ndim == 1 for c in chunks)
    audio = np.concatenate(chunks)
    assert 1.5 < len(audio) / piper.sample_rate < 10.0
    assert rms(audio) > 1000


@pytest.mark.slow
def test_piper_yields_one_chunk_per_sentence(piper: PiperBackend) -> None:
    chunks = list(piper.synthesize("Tell me about yourself. Then we will start."))

    assert len(chunks) == 2


@pytest.mark.slow
def test_piper_voice_comes_from_its_package() -> None:
    path = packaged_voice_path()

    assert path.name == "en_US-joe-medium.onnx"
    assert path.is_file()


@pytest.mark.slow
def test_piper_serves_concurrent_threads(piper: PiperBackend) -> None:
    results: dict[int, int] = {}

    def speak(i: int) -> None:
        results[i] = len(render(piper, f"Question number {i}. Please answer briefly."))

    threads = [threading.Thread(target=speak, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert sorted(results) == [0, 1, 2]
    assert all(n > piper.sample_rate for n in results.values())


@pytest.mark.slow
def test_piper_abandoned_iterator_does_not_hold_the_lock(piper: PiperBackend) -> None:
    it = piper.synthesize("First sentence here. Second sentence here. Third one.")
    assert isinstance(it, Generator)
    next(it)
    it.close()

    assert len(render(piper, "Still speaking.")) > 0


@pytest.mark.slow
def test_piper_speaks_slower_and_faster_when_asked(piper: PiperBackend) -> None:
    # Piper's durations vary from run to run (its noise): the median of three evens it out.
    text = f"{SENTENCE} Tell me about a project you are proud of."

    def seconds(speed: float) -> float:
        return float(np.median([len(render(piper, text, speed)) for _ in range(3)]))

    own, slower, faster = seconds(1.0), seconds(0.66), seconds(1.2)
    assert slower > own * 1.15
    assert faster < own * 0.96
    assert rms(render(piper, text, 0.66)) > 1000  # still speech, not stretched silence


def test_espeak_speaks_slower_and_faster_when_asked(espeak: EspeakBackend) -> None:
    rate = espeak.sample_rate
    own = len(render(espeak, SENTENCE)) / rate
    slower = len(render(espeak, SENTENCE, 0.66)) / rate
    faster = len(render(espeak, SENTENCE, 1.2)) / rate

    assert slower > own * 1.15
    assert faster < own * 0.95
    assert len(render(espeak, SENTENCE)) / rate == pytest.approx(own)  # its own speed is kept


def test_piper_rejects_missing_voice_file() -> None:
    with pytest.raises(TtsUnavailable):
        PiperBackend(voice_path="/nonexistent/voice.onnx")


def test_espeak_synthesises_non_silent_speech(espeak: EspeakBackend) -> None:
    audio = render(espeak, SENTENCE)

    assert espeak.name == "espeak"
    assert espeak.sample_rate == 22050
    assert audio.dtype == np.int16 and audio.ndim == 1
    assert 1.5 < len(audio) / espeak.sample_rate < 10.0
    assert rms(audio) > 500


def test_espeak_is_deterministic_and_speaks_a_leading_dash(espeak: EspeakBackend) -> None:
    assert np.array_equal(render(espeak, "-v hello"), render(espeak, "-v hello"))
    assert len(render(espeak, "-v hello")) > len(render(espeak, "hello"))


def test_espeak_empty_text_yields_nothing(espeak: EspeakBackend) -> None:
    assert list(espeak.synthesize("   ")) == []


def test_espeak_closing_early_stops_the_process(espeak: EspeakBackend) -> None:
    it = espeak.synthesize(SENTENCE * 20)
    assert isinstance(it, Generator)
    first = next(it)
    it.close()

    assert len(first) > 0
    assert list(it) == []


def test_explicit_espeak_choice() -> None:
    backend = load_tts_backend(Settings(tts_backend="espeak"))

    assert isinstance(backend, EspeakBackend)


def test_piper_failing_to_load_falls_back_to_espeak(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(tts_backend="piper", piper_voice_path="/nonexistent/voice.onnx")

    with caplog.at_level(logging.WARNING, logger="agent.plugins.tts_choice"):
        backend = load_tts_backend(settings)

    assert isinstance(backend, EspeakBackend)
    assert "falling back to espeak-ng" in caplog.text
    assert rms(render(backend, "Hello.")) > 0


@pytest.mark.slow
def test_piper_is_the_default_backend() -> None:
    assert isinstance(load_tts_backend(Settings()), PiperBackend)


def test_coqui_is_unavailable_here_with_a_clear_reason() -> None:
    with pytest.raises(TtsUnavailable, match="coqui"):
        CoquiBackend()


def test_coqui_choice_falls_back_to_espeak(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="agent.plugins.tts_choice"):
        backend = load_tts_backend(Settings(tts_backend="coqui"))

    assert isinstance(backend, EspeakBackend)
    assert "'coqui'" in caplog.text
