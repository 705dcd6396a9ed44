"""Candidate audio for browser tests: espeak-ng speech laid on a timeline, as Chromium's
fake microphone wants it (WAV, 48 kHz, mono, s16). Chromium loops the file."""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import numpy as np

RATE = 48_000


def speak(text: str, *, words_per_minute: int = 150) -> np.ndarray:
    """espeak-ng's rendering of `text` at 48 kHz mono int16."""
    wav = subprocess.run(
        ["espeak-ng", "-v", "en-us", "-s", str(words_per_minute), "--stdout", text],
        check=True,
        capture_output=True,
    ).stdout
    resampled = subprocess.run(
        ["sox", "-t", "wav", "-", "-r", str(RATE), "-c", "1", "-b", "16", "-t", "raw", "-"],
        input=wav,
        check=True,
        capture_output=True,
    ).stdout
    return np.frombuffer(resampled, dtype=np.int16)


def timeline(parts: list[tuple[float, str]], *, total_s: float) -> np.ndarray:
    """Speech `text` starting at each `start_s`, silence elsewhere, `total_s` long."""
    out = np.zeros(int(total_s * RATE), dtype=np.int16)
    for start_s, text in parts:
        pcm = speak(text)
        begin = int(start_s * RATE)
        end = min(begin + len(pcm), len(out))
        out[begin:end] = pcm[: end - begin]
    return out


def write_wav(path: Path, pcm: np.ndarray) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.astype(np.int16).tobytes())
    return path
