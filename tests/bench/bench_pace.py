"""Speaking speed benchmark: how long the interviewer takes to say a reply at each pace step the
candidate can ask for ("could you slow down?"), and what making it costs, per backend.

Not a test (measures, asserts nothing; no ``test_`` prefix, so pytest skips it). Prints, per
backend and step, the speed factor, the seconds of audio, its ratio to the voice's own speed,
the seconds taken to make it and the real-time factor (median of three runs; piper's
durations vary a little from run to run).

Run: ``.venv/bin/python tests/bench/bench_pace.py``
"""

from __future__ import annotations

import statistics
import time

from agent.interviewer.pace import FASTEST, SLOWEST, speed
from agent.plugins.espeak_backend import EspeakBackend
from agent.plugins.piper_backend import PiperBackend
from agent.plugins.tts_backend import TtsBackend

REPLY = (
    "Sure, I'll slow down.",
    "Here it is again.",
    "Tell me how you would find and fix a slow database query in production.",
)
RUNS = 3


def _measure(backend: TtsBackend, factor: float) -> tuple[float, float]:
    """Median seconds of audio and seconds to make it, for the reply at ``factor``."""
    audio: list[float] = []
    made: list[float] = []
    for _ in range(RUNS):
        start = time.perf_counter()
        samples = sum(len(chunk) for text in REPLY for chunk in backend.synthesize(text, factor))
        made.append(time.perf_counter() - start)
        audio.append(samples / backend.sample_rate)
    return statistics.median(audio), statistics.median(made)


def main() -> None:
    print(
        f"{'backend':<8} {'step':>4} {'speed':>5} {'audio s':>8} {'vs own':>7} {'make s':>7} {'RTF':>5}"
    )
    for backend in (PiperBackend(), EspeakBackend()):
        list(backend.synthesize("Warm up."))
        own = _measure(backend, 1.0)[0]
        for step in range(SLOWEST, FASTEST + 1):
            factor = speed(step)
            audio, made = _measure(backend, factor)
            print(
                f"{backend.name:<8} {step:>4} {factor:>5.2f} {audio:>8.2f} {audio / own:>7.2f}"
                f" {made:>7.2f} {made / audio:>5.2f}"
            )


if __name__ == "__main__":
    main()
