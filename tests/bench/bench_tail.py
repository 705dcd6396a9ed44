"""Benchmark: what the streaming recogniser leaves to do after the VAD's end of speech.

Feeds the call script's answers (two voices, tests/support/call_script.py), 20 ms a frame in
real time, through `StreamingWhisperSTT` with the real Silero VAD and tiny.en, and prints per
setting of the recogniser's pause (`streaming_stt.PAUSE_S`) and the VAD's end-of-speech
silence (`vad.MIN_SILENCE_S`): the ASR tail (end of speech -> final transcript), the VAD's
wait plus that tail, decodes per answer and word recall. No browser and no server: the
stage alone, so settings compare in a minute each (bench_call.py measures the whole call).

Not a test (measures, asserts nothing). Run:
    .venv/bin/python tests/bench/bench_tail.py [--answers 12] [--settings 0.18:0.35,0.06:0.30]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

import numpy as np
from livekit.agents import stt as lk_stt

import agent.plugins.streaming_stt as streaming
import agent.plugins.vad as vad
from agent.plugins.asr_engine import AsrEngine
from agent.plugins.audio import resample
from agent.settings import Settings

from call_script import ANSWERS, Voices
from fake_mic import RATE
from speech_helpers import to_frames, word_recall

LINE_RATE = 48_000


async def measure(engine: AsrEngine, texts: list[str], voices: Voices) -> None:
    recogniser = streaming.StreamingWhisperSTT(engine, vad.load_vad())
    stream = recogniser.stream()
    tails: list[float] = []
    pieces: list[int] = []
    heard: list[str] = []

    async def collect() -> None:
        async for event in stream:
            if event.type == lk_stt.SpeechEventType.FINAL_TRANSCRIPT:
                tails.append(recogniser.timings.tail_s * 1000.0)
                pieces.append(recogniser.timings.pieces)
                heard.append(event.alternatives[0].text)

    collecting = asyncio.create_task(collect())
    try:
        for i, text in enumerate(texts):
            speech = resample(voices.say(text, i).astype(np.float32) / 32768.0, RATE, LINE_RATE)
            quiet_before, quiet_after = np.zeros(LINE_RATE // 2), np.zeros(LINE_RATE * 3 // 2)
            pcm = (np.concatenate([quiet_before, speech, quiet_after]) * 32767).astype(np.int16)
            for frame in to_frames(pcm, LINE_RATE):
                stream.push_frame(frame)
                await asyncio.sleep(0.02)  # a live microphone
        await asyncio.sleep(1.0)
    finally:
        await stream.aclose()
        collecting.cancel()
        await asyncio.gather(collecting, return_exceptions=True)
    recall = [word_recall(t, h) for t, h in zip(texts, heard, strict=False)]
    wait_ms = vad.MIN_SILENCE_S * 1000.0
    print(
        f"  pause {streaming.PAUSE_S:.2f} s, silence {vad.MIN_SILENCE_S:.2f} s: n={len(tails)} "
        f"ASR tail p50={statistics.median(tails):.0f} max={max(tails):.0f} ms; "
        f"silence + tail p50={wait_ms + statistics.median(tails):.0f} ms; "
        f"decodes per answer {statistics.mean(pieces):.1f}; recall {statistics.mean(recall):.3f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=12)
    parser.add_argument(
        "--settings",
        default=f"0.18:0.35,{streaming.PAUSE_S}:{vad.MIN_SILENCE_S}",
        help="pause:silence pairs, comma-separated",
    )
    args = parser.parse_args()
    engine = AsrEngine.load(Settings())
    voices = Voices()
    texts = [ANSWERS[i % len(ANSWERS)] for i in range(args.answers)]
    print(f"{len(texts)} answers, two voices, fed in real time:")
    for setting in args.settings.split(","):
        pause, silence = (float(x) for x in setting.split(":"))
        streaming.PAUSE_S, vad.MIN_SILENCE_S = pause, silence
        asyncio.run(measure(engine, texts, voices))
    engine.close()


if __name__ == "__main__":
    main()
