"""The three speech models a call needs, loaded once per process and shared by all calls."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from livekit.agents import stt as lk_stt
from livekit.agents import tts as lk_tts
from livekit.agents import vad as lk_vad

from agent.plugins.livekit_tts import BackendTTS
from agent.plugins.tts_choice import load_tts_backend
from agent.plugins.vad import load_vad
from agent.plugins.whisper_stt import WhisperSTT
from agent.settings import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SpeechModels:
    """Typed by livekit's base classes: a call needs nothing else of them, and the fast voice
    tests hand it scripted ones (tests/support/voice_fakes.py)."""

    stt: lk_stt.STT[Any]
    tts: lk_tts.TTS[Any]
    vad: lk_vad.VAD

    async def aclose(self) -> None:
        """At process shutdown; the session never closes these itself."""
        await self.stt.aclose()
        await self.tts.aclose()


def load_speech_models(settings: Settings) -> SpeechModels:
    """Load ASR, TTS and VAD. Blocking (about a second): run it in a thread at start-up."""
    started = time.perf_counter()
    vad = load_vad()
    stt = WhisperSTT.load(settings)
    backend = load_tts_backend(settings)
    logger.info(
        "speech models loaded in %.2f s (tts backend: %s)",
        time.perf_counter() - started,
        backend.name,
    )
    return SpeechModels(stt=stt, tts=BackendTTS(backend), vad=vad)
