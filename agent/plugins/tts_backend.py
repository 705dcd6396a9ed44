"""The text-to-speech backend contract and the choice of backend from settings.

A backend is plain blocking Python: ``synthesize(text)`` yields int16 mono chunks as soon as
each is ready, so a caller on another thread can stop pulling between chunks (barge-in).
Adapting a backend to livekit-agents lives in ``livekit_tts.py`` and choosing one from settings
in ``tts_choice.py``; this module knows nothing of asyncio, livekit or the backends themselves.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

Pcm16 = npt.NDArray[np.int16]
"""Mono 16-bit PCM at the backend's ``sample_rate``."""


class TtsUnavailable(RuntimeError):
    """A backend cannot be used here: its package, binary or model is missing."""


class TtsBackend(ABC):
    """Blocking text-to-speech engine producing mono int16 PCM."""

    name: str
    sample_rate: int

    @property
    def voice_id(self) -> str:
        """Names the voice the audio is made in (speech caches are kept per voice)."""
        return f"{self.name}-{self.sample_rate}"

    @abstractmethod
    def synthesize(self, text: str, speed: float = 1.0) -> Iterator[Pcm16]:
        """Yield 1-D int16 chunks of speech for ``text``, each as soon as it is ready.

        ``speed``: the speaking rate as a factor of the voice's own (0.8 is a fifth slower).

        Safe to call from several threads at once. Closing the iterator early (``.close()``)
        releases whatever the synthesis holds.
        """


def float_to_pcm16(audio: npt.NDArray[np.floating]) -> Pcm16:
    """Convert float samples in [-1, 1] to int16, clipping what lies outside."""
    scaled = np.clip(np.asarray(audio, dtype=np.float32).reshape(-1), -1.0, 1.0) * 32767.0
    return scaled.astype(np.int16)
