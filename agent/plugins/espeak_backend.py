"""espeak-ng (Debian package) as a text-to-speech backend: the always-available fallback.

Robotic but tiny and fast (RTF < 0.02). Runs ``espeak-ng --stdout`` as a subprocess and
streams its WAV output; closing the iterator kills the process.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
from collections.abc import Iterator
from typing import IO

import numpy as np

from agent.plugins.tts_backend import Pcm16, TtsBackend, TtsUnavailable

_READ_BYTES = 8192  # ~0.19 s at 22.05 kHz: small enough to stop promptly


class EspeakBackend(TtsBackend):
    """Speaks with espeak-ng's ``voice`` at ``words_per_minute``."""

    name = "espeak"

    def __init__(self, voice: str = "en-us", words_per_minute: int = 165) -> None:
        binary = shutil.which("espeak-ng")
        if binary is None:
            raise TtsUnavailable("espeak-ng is not installed (Debian package espeak-ng)")
        self._argv = [binary, "--stdout", "-v", voice]
        self._words_per_minute = words_per_minute
        self.sample_rate = self._probe_sample_rate()

    def _rate(self, speed: float) -> list[str]:
        return ["-s", str(max(80, round(self._words_per_minute * speed)))]

    def _probe_sample_rate(self) -> int:
        argv = [*self._argv, *self._rate(1.0), "--", ""]
        done = subprocess.run(argv, capture_output=True, timeout=10, check=True)
        return _read_wav_header(io.BytesIO(done.stdout))

    def synthesize(self, text: str, speed: float = 1.0) -> Iterator[Pcm16]:
        if not text.strip():
            return
        # Text goes after "--" so a leading "-" is spoken, never parsed as an option.
        proc = subprocess.Popen(
            [*self._argv, *self._rate(speed), "--", text],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert proc.stdout is not None
        try:
            rate = _read_wav_header(proc.stdout)
            if rate != self.sample_rate:
                raise TtsUnavailable(f"espeak-ng changed sample rate to {rate}")
            yield from _pcm_chunks(proc.stdout)
        finally:
            proc.kill()
            proc.wait()
            proc.stdout.close()


def _pcm_chunks(stream: IO[bytes]) -> Iterator[Pcm16]:
    carry = b""
    while block := stream.read(_READ_BYTES):
        data = carry + block
        usable = len(data) - len(data) % 2
        carry = data[usable:]
        if usable:
            yield np.frombuffer(data[:usable], dtype="<i2").astype(np.int16)


def _read_wav_header(stream: IO[bytes]) -> int:
    """Consume a RIFF/WAVE header up to the data chunk; return the sample rate.

    espeak-ng writing to a pipe cannot know the length, so the size fields are bogus
    (0x7fffffff): the data chunk is simply read until end of stream.
    """
    riff = _read_exact(stream, 12)
    if riff[:4] != b"RIFF" or riff[8:12] != b"WAVE":
        raise TtsUnavailable("espeak-ng did not produce WAV output")
    sample_rate = 0
    while True:
        chunk_id, size = struct.unpack("<4sI", _read_exact(stream, 8))
        if chunk_id == b"data":
            if not sample_rate:
                raise TtsUnavailable("espeak-ng WAV has no fmt chunk")
            return sample_rate
        body = _read_exact(stream, size)
        if chunk_id == b"fmt ":
            fmt, channels, sample_rate, _, _, bits = struct.unpack("<HHIIHH", body[:16])
            if (fmt, channels, bits) != (1, 1, 16):
                raise TtsUnavailable(f"unexpected espeak-ng format {fmt}/{channels}ch/{bits}bit")


def _read_exact(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise TtsUnavailable("espeak-ng output ended inside the WAV header")
    return data
