"""load_speech_models: the three models a call needs, loaded together once."""

from __future__ import annotations

import pytest
from livekit.plugins import silero

from agent.plugins import BackendTTS, SpeechModels, WhisperSTT, load_speech_models
from agent.plugins.espeak_backend import EspeakBackend
from agent.plugins.piper_backend import PiperBackend
from agent.settings import Settings

pytestmark = pytest.mark.slow


async def test_loads_stt_tts_and_vad_with_piper_by_default() -> None:
    models = load_speech_models(Settings())

    assert isinstance(models, SpeechModels)
    assert isinstance(models.stt, WhisperSTT)
    assert isinstance(models.tts, BackendTTS)
    assert isinstance(models.tts.backend, PiperBackend)
    assert isinstance(models.vad, silero.VAD)
    await models.aclose()


async def test_a_broken_piper_voice_still_gives_a_voice() -> None:
    models = load_speech_models(Settings(piper_voice_path="/nonexistent/voice.onnx"))

    assert isinstance(models.tts, BackendTTS)
    assert isinstance(models.tts.backend, EspeakBackend)
    await models.aclose()
