"""The text-to-speech backend contract and the choice of backend from settings.

A backend is plain blocking Python: ``synthesize(text)`` yields int16 mono chunks as soon as
each is ready, so a caller on another thread can stop pulling between chunks (barge-in).
Adapting a backend to livekit-agents lives in ``livekit_tts.py``; this module knows nothing of
asyncio or livekit.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

from agent.settings import Settings

logger = logging.getLogger(__name__)

Pcm16 = npt.NDArray[np.int16]
"""Mono 16-bit PCM at the backend's ``sample_rate``."""


class TtsUnavailable(RuntimeError):
    """A backend cannot be used here: its package, binary or model is missing."""


class TtsBackend(ABC):
    """Blocking text-to-speech engine producing mono int16 PCM."""

    name: str
    sample_rate: int

    @abstractmethod
    def synthesize(self, text: str) -> Iterator[Pcm16]:
        """Yield 1-D int16 chunks of speech for ``text``, each as soon as it is ready.

        Safe to call from several threads at once. Closing the iterator early (``.close()``)
        releases whatever the synthesis holds.
        """


def load_tts_backend(settings: Settings) -> TtsBackend:
    """Load the backend named by ``settings.tts_backend``; fall back to espeak-ng if it fails.

    Blocking (piper loads an ONNX model): call it from a thread when a loop is running.
    Raises ``TtsUnavailable`` only when espeak-ng itself cannot be used.
    """
    from agent.plugins.espeak_backend import EspeakBackend

    choice = settings.tts_backend
    if choice == "espeak":
        return EspeakBackend()
    try:
        return _load_named(choice, settings)
    except Exception as exc:  # any load failure: use the fallback, never a dead call
        logger.warning("TTS backend %r failed to load (%s); falling back to espeak-ng", choice, exc)
        return EspeakBackend()


def _load_named(choice: str, settings: Settings) -> TtsBackend:
    if choice == "piper":
        from agent.plugins.piper_backend import PiperBackend

        return PiperBackend(voice_path=settings.piper_voice_path)
    if choice == "coqui":
        from agent.plugins.coqui_backend import CoquiBackend

        return CoquiBackend()
    raise TtsUnavailable(f"unknown TTS backend {choice!r}")


def float_to_pcm16(audio: npt.NDArray[np.floating]) -> Pcm16:
    """Convert float samples in [-1, 1] to int16, clipping what lies outside."""
    scaled = np.clip(np.asarray(audio, dtype=np.float32).reshape(-1), -1.0, 1.0) * 32767.0
    return scaled.astype(np.int16)
