"""Which text-to-speech backend a server speaks with: the one settings name, else espeak-ng.

Kept apart from the backend contract (``tts_backend.py``) so that the backends import the
contract and this module imports the backends, and no import runs in a circle.
"""

from __future__ import annotations

import logging

from agent.plugins.espeak_backend import EspeakBackend
from agent.plugins.tts_backend import TtsBackend, TtsUnavailable
from agent.settings import Settings

logger = logging.getLogger(__name__)


def load_tts_backend(settings: Settings) -> TtsBackend:
    """Load the backend named by ``settings.tts_backend``; fall back to espeak-ng if it fails.

    Blocking (piper loads an ONNX model): call it from a thread when a loop is running.
    Raises ``TtsUnavailable`` only when espeak-ng itself cannot be used.
    """
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
