"""Shared helpers for speech tests and the speech benchmark: audio shaping and scoring."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
from livekit import rtc

from agent.plugins.audio import resample as resample_float
from agent.plugins.tts_backend import TtsBackend

Pcm16 = npt.NDArray[np.int16]

SENTENCE = "I have five years of experience building web services with Python and a database."
"""A candidate's answer: every word common enough for tiny.en to know."""


def render(backend: TtsBackend, text: str, speed: float = 1.0) -> Pcm16:
    """All of a backend's audio for ``text`` (at ``speed``) as one int16 array."""
    chunks = list(backend.synthesize(text, speed))
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)


def resample(pcm: Pcm16, from_rate: int, to_rate: int) -> Pcm16:
    """Deterministic resampling (livekit's resampler dithers: inputs would vary per run)."""
    audio = resample_float(pcm.astype(np.float32) / 32768.0, from_rate, to_rate)
    return (np.clip(audio, -1.0, 32767 / 32768) * 32768.0).round().astype(np.int16)


def spoken_at(parts: list[tuple[float, str]], total_s: float, rate: int) -> Pcm16:
    """Piper speech of each (start_s, text) on a silent timeline of ``total_s`` at ``rate``."""
    from agent.plugins.piper_backend import PiperBackend

    backend = PiperBackend(steady=True)
    out = np.zeros(int(total_s * rate), dtype=np.int16)
    for start_s, text in parts:
        pcm = resample(render(backend, text), backend.sample_rate, rate)
        begin = int(start_s * rate)
        out[begin : begin + len(pcm)] = pcm[: len(out) - begin]
    return out


def silence(seconds: float, rate: int) -> Pcm16:
    return np.zeros(int(seconds * rate), dtype=np.int16)


def to_frames(
    pcm: Pcm16, rate: int, *, channels: int = 1, frame_ms: int = 20
) -> list[rtc.AudioFrame]:
    """Cut mono PCM into frames like a WebRTC track delivers (``channels`` copies per sample)."""
    per_frame = rate * frame_ms // 1000
    frames = []
    for start in range(0, len(pcm), per_frame):
        piece = pcm[start : start + per_frame]
        interleaved = np.repeat(piece, channels) if channels > 1 else piece
        frames.append(rtc.AudioFrame(interleaved.tobytes(), rate, channels, len(piece)))
    return frames


def rms(pcm: Pcm16) -> float:
    return float(np.sqrt(np.mean(pcm.astype(np.float64) ** 2))) if len(pcm) else 0.0


_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


# Spellings Whisper chooses freely for the same spoken word.
_SAME_WORD = {"ok": "okay", "alright": "all right"}


def words(text: str) -> list[str]:
    """Lower-case words, small numbers spelled out (Whisper writes "5" for "five") and
    equivalent spellings unified ("ok" and "okay" are one spoken word)."""
    found = re.findall(r"[a-z0-9']+", text.lower())
    spelled = [_NUMBER_WORDS[int(w)] if w.isdigit() and int(w) <= 12 else w for w in found]
    return " ".join(_SAME_WORD.get(w, w) for w in spelled).split()


def word_recall(reference: str, hypothesis: str) -> float:
    """Share of the reference's words (with multiplicity) found in the hypothesis."""
    ref = Counter(words(reference))
    hyp = Counter(words(hypothesis))
    return sum((ref & hyp).values()) / max(1, sum(ref.values()))


def total_samples(frames: Iterable[rtc.AudioFrame]) -> int:
    return sum(f.samples_per_channel for f in frames)
