"""Coqui TTS (``coqui-tts``) as an optional backend, for a machine where it can be installed.

Not usable on the reference machine: no package ships coqui weights (and nothing may be
downloaded at run time), and importing ``TTS`` needs a torch/torchaudio/torchcodec set of
several GB. The backend therefore loads only a local model (``model_path`` + ``config_path``)
and raises ``TtsUnavailable`` with the reason otherwise, which makes ``tts_choice.load_tts_backend``
fall back to espeak-ng.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from agent.plugins.tts_backend import Pcm16, TtsBackend, TtsUnavailable, float_to_pcm16

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class CoquiBackend(TtsBackend):
    """A local Coqui model; yields one chunk per sentence, inference serialised by a lock."""

    name = "coqui"

    def __init__(self, model_path: str | Path = "", config_path: str | Path = "") -> None:
        try:
            from TTS.api import TTS
        except Exception as exc:  # ImportError, or torch/torchaudio failing at import time
            raise TtsUnavailable(f"coqui-tts cannot be imported: {exc}") from exc
        if not model_path or not config_path:
            raise TtsUnavailable(
                "coqui-tts needs a local model_path and config_path; no package ships its weights"
            )
        for path in (Path(model_path), Path(config_path)):
            if not path.exists():
                raise TtsUnavailable(f"coqui model file not found: {path}")
        self._tts = TTS(
            model_path=str(model_path), config_path=str(config_path), progress_bar=False
        )
        self.sample_rate = int(self._tts.synthesizer.output_sample_rate)
        self._lock = threading.Lock()

    def synthesize(self, text: str, speed: float = 1.0) -> Iterator[Pcm16]:
        for sentence in _SENTENCE_END.split(text.strip()):
            if not sentence:
                continue
            with self._lock:
                samples = (
                    self._tts.tts(text=sentence, speed=speed)
                    if speed != 1.0
                    else self._tts.tts(text=sentence)
                )
            yield float_to_pcm16(np.asarray(samples, dtype=np.float32))
