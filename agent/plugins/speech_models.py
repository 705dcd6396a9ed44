"""The three speech models a call needs, loaded once per process and shared by all calls."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from livekit.plugins import silero

from agent.plugins.livekit_tts import BackendTTS
from agent.plugins.tts_choice import load_tts_backend
from agent.plugins.vad import load_vad
from agent.plugins.whisper_stt import WhisperSTT
from agent.settings import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SpeechModels:
    stt: WhisperSTT
    tts: BackendTTS
    vad: silero.VAD

    async def aclose(self) -> None:
        """At process shutdown; the session never closes these itself."""
        await self.stt.aclose()
        await self.tts.aclose()


def load_speech_models(settings: Settings) -> SpeechModels:
    """Load ASR, TTS and VAD. Blocking (about a second): run it in a thread at start-up."""
    started = time.perf_counter()
    vad = load_vad()
    stt = WhisperSTT.load(settings)
    tts = BackendTTS(load_tts_backend(settings))
    logger.info(
        "speech models loaded in %.2f s (tts backend: %s)",
        time.perf_counter() - started,
        tts.backend.name,
    )
    return SpeechModels(stt=stt, tts=tts, vad=vad)
