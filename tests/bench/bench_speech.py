"""Speech benchmark: model load times, ASR latency, TTS time-to-first-chunk and real-time factor.

Not a test (measures, asserts nothing; no ``test_`` prefix, so pytest skips it).
Run: ``.venv/bin/python tests/bench/bench_speech.py`` (it puts tests/support on the path).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from agent.plugins.espeak_backend import EspeakBackend
from agent.plugins.livekit_tts import BackendTTS
from agent.plugins.piper_backend import PiperBackend
from agent.plugins.tts_backend import TtsBackend
from agent.plugins.vad import load_vad
from agent.plugins.whisper_stt import WhisperSTT
from agent.settings import Settings

from speech_helpers import render, resample, to_frames, word_recall

T = TypeVar("T")
RUNS = 5
UTTERANCE = "I would start by adding an index on the user id column."
REPLY = (
    "That makes sense. Now tell me how you would design a rate limiter for a public API, "
    "and what trade-offs you would consider."
)


def timed(make: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    value = make()
    return value, time.perf_counter() - started


def fixed_length(pcm: np.ndarray, rate: int, seconds: float) -> np.ndarray:
    target = int(rate * seconds)
    return np.pad(pcm, (0, max(0, target - len(pcm))))[:target]


async def bench_asr(stt: WhisperSTT, piper: PiperBackend) -> None:
    speech = resample(render(piper, UTTERANCE), piper.sample_rate, 48000)
    frames = to_frames(fixed_length(speech, 48000, 3.0), 48000)
    latencies, text = [], ""
    for _ in range(RUNS + 1):  # the first run warms up
        started = time.perf_counter()
        event = await stt.recognize(frames)
        latencies.append(time.perf_counter() - started)
        text = event.alternatives[0].text
    warm = latencies[1:]
    print(
        f"asr   3.0 s utterance @48 kHz: first {latencies[0]:.3f} s, "
        f"median {statistics.median(warm):.3f} s, min {min(warm):.3f} s "
        f"(word recall {word_recall(UTTERANCE, text):.2f}: {text!r})"
    )


def bench_backend(backend: TtsBackend) -> None:
    ttfc, rtf = [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        first, samples = None, 0
        for chunk in backend.synthesize(REPLY):
            first = first if first is not None else time.perf_counter() - started
            samples += len(chunk)
        elapsed = time.perf_counter() - started
        ttfc.append(first or elapsed)
        rtf.append(elapsed / (samples / backend.sample_rate))
    print(
        f"tts   {backend.name:<6} {samples / backend.sample_rate:.2f} s of audio: "
        f"first chunk median {statistics.median(ttfc):.3f} s, RTF median {statistics.median(rtf):.3f}"
    )


async def bench_livekit_tts(backend: TtsBackend) -> None:
    tts = BackendTTS(backend)
    firsts = []
    for _ in range(RUNS):
        started = time.perf_counter()
        first = None
        async with tts.synthesize(REPLY) as stream:
            async for _ in stream:
                first = first if first is not None else time.perf_counter() - started
        firsts.append(first or 0.0)
    print(
        f"tts   {backend.name:<6} via BackendTTS: first 20 ms frame median "
        f"{statistics.median(firsts):.3f} s"
    )
    await tts.aclose()


async def main() -> None:
    print(f"cpu cores: {os.cpu_count()}")
    _, vad_s = timed(load_vad)
    stt, stt_s = timed(lambda: WhisperSTT.load(Settings()))
    piper, piper_s = timed(PiperBackend)
    espeak, espeak_s = timed(EspeakBackend)
    print(
        f"load  vad {vad_s:.3f} s | whisper tiny.en int8 {stt_s:.3f} s | "
        f"piper joe {piper_s:.3f} s | espeak-ng {espeak_s:.3f} s"
    )
    await bench_asr(stt, piper)
    for backend in (piper, espeak):
        bench_backend(backend)
        await bench_livekit_tts(backend)
    await stt.aclose()


if __name__ == "__main__":
    asyncio.run(main())
