"""`NormalisedSTT`: a whole-utterance STT whose transcripts go through a call's rewrite hook.

The streaming recogniser applies a call's ``normalise`` itself; this wrapper gives any other
non-streaming STT (the plain Whisper one, a test's scripted one) the same hook, so what a
call hears is rewritten the same way whichever recogniser it runs on.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Never

from livekit.agents import stt
from livekit.agents.types import (
    DEFAULT_API_CONNECT_OPTIONS,
    NOT_GIVEN,
    APIConnectOptions,
    NotGivenOr,
)
from livekit.agents.utils import AudioBuffer

from .streaming_stt import Normalise


class NormalisedSTT(stt.STT[Never]):
    def __init__(self, inner: stt.STT[Any], normalise: Normalise) -> None:
        super().__init__(capabilities=inner.capabilities)
        self._inner = inner
        self._normalise = normalise

    @property
    def model(self) -> str:
        return self._inner.model

    @property
    def provider(self) -> str:
        return self._inner.provider

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
    ) -> stt.SpeechEvent:
        event = await self._inner.recognize(buffer, language=language, conn_options=conn_options)
        event.alternatives = [
            replace(alt, text=self._normalise(alt.text)) for alt in event.alternatives
        ]
        return event
