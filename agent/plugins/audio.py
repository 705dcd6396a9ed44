"""PCM helpers for the ASR: livekit frames to Whisper's 16 kHz mono float32, deterministically."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from livekit import rtc

WHISPER_RATE = 16_000


def frames_to_whisper_input(frames: Sequence[rtc.AudioFrame]) -> npt.NDArray[np.float32]:
    """Merge int16 frames (one rate and channel count), downmix, resample to 16 kHz float32."""
    frames = [f for f in frames if f.samples_per_channel > 0]
    if not frames:
        return np.zeros(0, dtype=np.float32)
    merged = rtc.combine_audio_frames(frames)
    pcm = np.frombuffer(merged.data, dtype=np.int16).reshape(-1, merged.num_channels)
    mono = pcm.astype(np.float32).mean(axis=1) / 32768.0
    return resample(mono.astype(np.float32), merged.sample_rate, WHISPER_RATE)


def resample(audio: npt.NDArray[np.float32], rate: int, to_rate: int) -> npt.NDArray[np.float32]:
    """Band-limited resampling in the frequency domain (an ideal low-pass).

    Deterministic on purpose: livekit's ``rtc.AudioResampler`` dithers its int16 output, so
    the same utterance could transcribe differently from one run to the next. The input is
    zero-padded to a length whose FFT is fast and whose resampled length is a whole number.
    """
    if rate == to_rate or audio.size == 0:
        return audio
    step = rate // math.gcd(rate, to_rate)
    padded_len = _fast_multiple(audio.size, step)
    out_len = padded_len * to_rate // rate
    spectrum = np.fft.rfft(audio, n=padded_len)
    resampled = np.fft.irfft(spectrum[: out_len // 2 + 1], n=out_len) * (out_len / padded_len)
    keep = round(audio.size * to_rate / rate)
    return resampled[:keep].astype(np.float32)


def _fast_multiple(size: int, step: int) -> int:
    """The smallest multiple of ``step`` >= ``size`` whose cofactor has no prime above 5."""
    factor = -(-size // step)
    while not _is_5_smooth(factor):
        factor += 1
    return factor * step


def _is_5_smooth(n: int) -> bool:
    for p in (2, 3, 5):
        while n % p == 0:
            n //= p
    return n == 1
