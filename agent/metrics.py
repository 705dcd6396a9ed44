"""Prometheus series of every Mockline process (web server, LiveKit worker and its jobs).

One registry, the default one of ``prometheus_client``, so any module can add a series here
and `/metrics` shows it. A LiveKit worker runs each call in its own job process: it sets
``PROMETHEUS_MULTIPROC_DIR`` before this module is first imported, every process then writes
its values to files there, and the worker's `/metrics` adds them up (`multiprocess_exposition`).
Labels carry kinds and stages, never ids or anything a candidate said.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

LATENCY_BUCKETS_S = (0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 8.0, 13.0)
LOOP_LAG_BUCKETS_S = (
    0.001,
    0.0025,
    0.005,
    0.01,
    0.02,
    0.035,
    0.05,
    0.075,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
)
"""Fine at the low end: the goal is a p99 under 50 ms, and a call's audio frames are 20 ms."""

TURN_STAGES = (
    "asr_tail",
    "eos_to_transcript",
    "eos_to_turn_end",
    "eos_to_first_text",
    "eos_to_first_audio",
    "eos_to_substantive_audio",
)
"""The per-turn latencies a call records (`agent.voice.turns`): transcribing the last piece
after the VAD's end of speech, then from the candidate's end of speech to: the transcript,
the end of their turn, the reply's first text, its first audio, and its first audio after
an opening acknowledgement (the same as the first audio when it opened without one)."""

TURN_LATENCY = Histogram(
    "mockline_turn_latency_seconds",
    "Per candidate turn: seconds from the end of speech to each stage of the reply.",
    ["stage"],
    buckets=LATENCY_BUCKETS_S,
)
ACTIVE_CALLS = Gauge(
    "mockline_active_calls",
    "Calls running in this process (a worker: in all its job processes).",
    ["transport"],
    multiprocess_mode="livesum",
)
ASR_QUEUE_DEPTH = Gauge(
    "mockline_asr_queue_depth",
    "Utterances waiting for or in speech recognition.",
    ["engine"],
    multiprocess_mode="livesum",
)
ERRORS = Counter(
    "mockline_errors_total",
    "Failures by kind (call_failed, report_failed, turn_write_failed, dispatch_refused, ...).",
    ["kind"],
)
CALLS_STARTED = Counter(
    "mockline_calls_started_total", "Calls started, by transport.", ["transport"]
)
WORKER_LOAD = Gauge(
    "mockline_worker_load",
    "A LiveKit worker's load as it reports it: its calls over its capacity (0..1).",
    ["agent"],
    multiprocess_mode="max",
)
"""Labelled so that its value is made on first use: livekit-agents empties the multiprocess
folder when the worker starts, after this module is imported."""
LOOP_LAG = Histogram(
    "mockline_event_loop_lag_seconds",
    "How late the event loop woke a 100 ms sleeper, per wake-up (work holding the loop).",
    ["process"],
    buckets=LOOP_LAG_BUCKETS_S,
)
LOOP_LAG_WORST = Gauge(
    "mockline_event_loop_lag_worst_seconds",
    "The event loop's worst lag over the last 5 s (readiness says overloaded above 1 s).",
    ["process"],
    multiprocess_mode="max",
)


def observe_turn(latency_ms: dict[str, float]) -> None:
    """Records one candidate turn's stage latencies (``<stage>_ms`` keys, as stored)."""
    for stage in TURN_STAGES:
        value = latency_ms.get(f"{stage}_ms")
        if value is not None and value >= 0:
            TURN_LATENCY.labels(stage=stage).observe(value / 1000.0)


def observe_stage(stage: str, seconds: float) -> None:
    """One candidate turn's latency to ``stage`` (one of `TURN_STAGES`), known later than the
    rest."""
    if seconds >= 0:
        TURN_LATENCY.labels(stage=stage).observe(seconds)


def observe_loop_lag(process: str, lag_s: float, worst_s: float) -> None:
    """One wake-up of ``process``'s loop-lag sleeper (`signaling.loop_lag`) and the window's
    worst."""
    LOOP_LAG.labels(process=process).observe(lag_s)
    LOOP_LAG_WORST.labels(process=process).set(worst_s)


def error(kind: str) -> None:
    ERRORS.labels(kind=kind).inc()


def exposition() -> tuple[bytes, str]:
    """This process's series (or all processes' in multiprocess mode) and their content type."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
