"""The three speech models a call needs, loaded once per process and shared by all calls."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from livekit.agents import stt as lk_stt
from livekit.agents import tts as lk_tts
from livekit.agents import vad as lk_vad

from agent.plugins.asr_engine import AsrEngine
from agent.plugins.livekit_tts import BackendTTS
from agent.plugins.normalised_stt import NormalisedSTT
from agent.plugins.speech_cache import SpeechCache
from agent.plugins.streaming_stt import Hotwords, Normalise, StreamingWhisperSTT
from agent.plugins.thread_priority import threads_started_lowered
from agent.plugins.tts_choice import load_tts_backend
from agent.plugins.vad import load_vad
from agent.plugins.whisper_decoder import Guesses
from agent.plugins.whisper_stt import WhisperSTT
from agent.settings import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SpeechModels:
    """Typed by livekit's base classes: a call needs nothing else of them, and the fast voice
    tests hand it scripted ones (tests/support/voice_fakes.py)."""

    stt: lk_stt.STT[Any]
    """Whole-utterance recognition, shared by the calls of the process."""
    tts: lk_tts.TTS[Any]
    vad: lk_vad.VAD
    asr: AsrEngine | None = None
    """Present: each call hears the candidate while they speak (`stt_for_call`)."""

    def stt_for_call(
        self,
        hotwords: Hotwords | None = None,
        normalise: Normalise | None = None,
        overlapping: Callable[[], bool] | None = None,
        guesses: Guesses | None = None,
    ) -> lk_stt.STT[Any]:
        """The recognition one call uses, biased towards its interview's words;
        ``overlapping``: whether the candidate's current utterance began over the
        interviewer; ``guesses``: other readings of a transcript for the recogniser to weigh
        (`StreamingWhisperSTT`)."""
        if self.asr is None:
            return self.stt if normalise is None else NormalisedSTT(self.stt, normalise)
        return StreamingWhisperSTT(
            self.asr,
            self.vad,
            hotwords=hotwords,
            normalise=normalise,
            overlapping=overlapping,
            guesses=guesses,
        )

    async def aclose(self) -> None:
        """At process shutdown; the session never closes these itself."""
        await self.stt.aclose()
        await self.tts.aclose()


def load_speech_models(settings: Settings) -> SpeechModels:
    """Load ASR, TTS and VAD. Blocking (about a second): run it in a thread at start-up."""
    started = time.perf_counter()
    vad = load_vad()
    asr = AsrEngine.load(settings)
    stt = WhisperSTT(asr)
    with threads_started_lowered():  # a TTS model's compute pool runs below the loop
        backend = load_tts_backend(settings)
    logger.info(
        "speech models loaded in %.2f s (tts backend: %s)",
        time.perf_counter() - started,
        backend.name,
    )
    cache = (
        SpeechCache(backend.voice_id, settings.data_dir / "speech-cache")
        if settings.speech_cache
        else None
    )
    return SpeechModels(stt=stt, tts=BackendTTS(backend, cache=cache), vad=vad, asr=asr)
