"""Speech-to-text of one whole utterance, as a livekit ``stt.STT`` (non-streaming).

Calls use `streaming_stt.StreamingWhisperSTT`, which hears the answer while it is spoken;
this one transcribes a buffer at once (an utterance handed over by livekit's
``stt.StreamAdapter``, a test, a benchmark). Both decode through the process's `AsrEngine`
with an encoder window fitted to the audio (`whisper_decoder`).
"""

from __future__ import annotations

from typing import Never

from livekit.agents import stt
from livekit.agents.language import LanguageCode
from livekit.agents.types import (
    DEFAULT_API_CONNECT_OPTIONS,
    NOT_GIVEN,
    APIConnectOptions,
    NotGivenOr,
)
from livekit.agents.utils import AudioBuffer, shortuuid

from agent.settings import Settings

from .asr_engine import AsrEngine
from .audio import frames_to_whisper_input

LANGUAGE = LanguageCode("en")  # tiny.en is English-only; a requested language is not honoured


class WhisperSTT(stt.STT[Never]):
    """Batch recognition of one utterance; returns a FINAL_TRANSCRIPT event."""

    def __init__(self, engine: AsrEngine, *, model_name: str = "whisper-tiny.en") -> None:
        super().__init__(capabilities=stt.STTCapabilities(streaming=False, interim_results=False))
        self.engine = engine
        self._model_name = model_name

    @classmethod
    def load(cls, settings: Settings) -> WhisperSTT:
        return cls(AsrEngine.load(settings))

    @property
    def model(self) -> str:
        return self._model_name

    @property
    def provider(self) -> str:
        return "faster-whisper"

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
    ) -> stt.SpeechEvent:
        frames = buffer if isinstance(buffer, list) else [buffer]
        duration = sum(f.duration for f in frames)
        timed = await self.engine.decode(frames_to_whisper_input(frames))
        return final_event(timed.decoded.text, timed.decoded.confidence, duration)

    async def aclose(self) -> None:
        """For process shutdown: the engine is shared by every call."""
        self.engine.close()


def final_event(
    text: str, confidence: float, duration: float, *, speech_end_time: float | None = None
) -> stt.SpeechEvent:
    return stt.SpeechEvent(
        type=stt.SpeechEventType.FINAL_TRANSCRIPT,
        request_id=shortuuid(),
        alternatives=[
            stt.SpeechData(
                language=LANGUAGE,
                text=text,
                start_time=0.0,
                end_time=duration,
                confidence=confidence,
            )
        ],
        speech_end_time=speech_end_time,
    )
