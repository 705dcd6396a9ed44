"""Reading a benchmark call's timing from the page's level meters and the stored turns.

The page records start/stop edges of the microphone and of the interviewer's audio on one
clock (`window.mockline.micAudio.events`, `window.mockline.audio.events`). The candidate's
script says what was said when, from the start of the fake-mic file; the first utterance the
page hears anchors the script on the page's clock.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from typing import Any

from call_script import Spoken

Segment = tuple[float, float]


def merge(events: list[dict[str, Any]], min_gap_ms: float) -> list[Segment]:
    """Sound segments from start/stop edges, joining pauses shorter than ``min_gap_ms``."""
    segments: list[list[float]] = []
    start: float | None = None
    for ev in events:
        if ev["kind"] == "start" and start is None:
            start = ev["t"]
        elif ev["kind"] == "stop" and start is not None:
            if segments and start - segments[-1][1] < min_gap_ms:
                segments[-1][1] = ev["t"]
            else:
                segments.append([start, ev["t"]])
            start = None
    return [(a, b) for a, b in segments]


@dataclass(slots=True)
class PageTimes:
    response_ms: list[float] = field(default_factory=list)
    """End of an answer (or interruption) -> first interviewer audio after it."""
    barge_in_ms: list[float] = field(default_factory=list)
    """Start of an interruption over the interviewer -> its audio stops."""


def on_page(
    said: list[Spoken], mic: list[dict[str, Any]], remote: list[dict[str, Any]]
) -> PageTimes:
    """Response and barge-in times at the page for the script ``said``."""
    heard_mic = merge(mic, 250)
    heard = merge(remote, 450)
    times = PageTimes()
    if not heard_mic or not said:
        return times
    offset = script_offset(said, heard_mic)
    for i, spoken in enumerate(said):
        start = spoken.voiced_start_s * 1000.0 + offset
        end = spoken.voiced_end_s * 1000.0 + offset
        if spoken.kind == "interruption":
            talking = [h for h in heard if h[0] < start + 50 < h[1]]
            if talking:
                times.barge_in_ms.append(max(0.0, talking[0][1] - start))
        if spoken.kind not in ("answer", "interruption"):
            continue
        following = said[i + 1].start_s * 1000.0 + offset if i + 1 < len(said) else float("inf")
        if any(h[0] < end < h[1] for h in heard):
            continue  # the interviewer was already talking: no response to time
        replies = [h[0] for h in heard if end < h[0] < following]
        if replies:
            times.response_ms.append(replies[0] - end)
    return times


def script_offset(said: list[Spoken], heard_mic: list[Segment]) -> float:
    """Script seconds -> page ms: where the page's microphone meter saw the utterances begin.

    The meter only opens on loud sound, so it may see a quiet voice late or not at all, and
    its ends are no better; the script knows where each sound begins and ends. A first guess
    from the first utterance, then the median agreement of every utterance's onset that the
    meter saw near where the guess puts it."""
    first = said[0]
    guess = heard_mic[0][0] - first.voiced_start_s * 1000.0
    shifts = []
    for spoken in said:
        at = spoken.voiced_start_s * 1000.0 + guess
        near = [seg[0] - at for seg in heard_mic if -300 <= seg[0] - at <= 300]
        if near:
            shifts.append(min(near, key=abs))
    return guess + (statistics.median(shifts) if shifts else 0.0)


def transport_split(
    origin_ms: float,
    said: list[Spoken],
    mic: list[dict[str, Any]],
    remote: list[dict[str, Any]],
    latencies: list[dict[str, float]],
) -> tuple[list[float], list[float]]:
    """Uplink (the end of an utterance at the page -> the server's end of speech) and downlink
    (the server's first reply audio -> heard at the page) per turn, from the wall-clock anchors
    the server stores (``eos_at``, ``first_audio_at``) and the page's clock origin (same
    machine, one clock). Utterances end where the script's sound ends (`script_offset`)."""
    ends, starts = _on_page_clock(origin_ms, said, mic, remote)
    up: list[float] = []
    down: list[float] = []
    for row in latencies:
        if (eos := row.get("eos_at")) is not None:
            up.append(min((eos * 1000.0 - t for t in ends), key=abs))
        if (out := row.get("first_audio_at")) is not None:
            after = [t - out * 1000.0 for t in starts if -500 <= t - out * 1000.0 < 5000]
            if after:
                down.append(min(after))
    return up, down


def _on_page_clock(
    origin_ms: float, said: list[Spoken], mic: list[dict[str, Any]], remote: list[dict[str, Any]]
) -> tuple[list[float], list[float]]:
    """Where each utterance of the script ended and where each stretch of interviewer audio
    began, in epoch ms on the page's clock; nothing when the page heard no utterance."""
    heard_mic = merge(mic, 250)
    if not heard_mic or not said:
        return [], []
    offset = origin_ms + script_offset(said, heard_mic)
    ends = [s.voiced_end_s * 1000.0 + offset for s in said]
    return ends, [origin_ms + a for a, _ in merge(remote, 450)]


def substantive_on_page(
    origin_ms: float,
    said: list[Spoken],
    mic: list[dict[str, Any]],
    remote: list[dict[str, Any]],
    latencies: list[dict[str, float]],
) -> list[float]:
    """End of an answer at the page -> the first words of the reply after its opening
    acknowledgement reach the page (the first audio when it opened without one), per turn:
    where the page heard the turn's first reply audio (matched to ``first_audio_at`` as in
    `transport_split`) plus how much later the server sent the substantive words, less where
    the answer ended on the page's clock (the script end nearest the server's ``eos_at``)."""
    ends, starts = _on_page_clock(origin_ms, said, mic, remote)
    found: list[float] = []
    for row in latencies:
        eos, out = row.get("eos_at"), row.get("first_audio_at")
        first, substantive = (
            row.get("eos_to_first_audio_ms"),
            row.get("eos_to_substantive_audio_ms"),
        )
        if eos is None or out is None or first is None or substantive is None:
            continue
        heard = [t for t in starts if -500 <= t - out * 1000.0 < 5000]
        if not heard:
            continue
        ended = min(ends, key=lambda t: abs(eos * 1000.0 - t))
        found.append(min(heard) + (substantive - first) - ended)
    return found


def stage_breakdown(latencies: list[dict[str, float]]) -> dict[str, list[float]]:
    """Per-stage durations (ms) of each turn from the cumulative stamps the server stores."""
    stages: dict[str, list[float]] = {}

    def put(name: str, value: float | None) -> None:
        if value is not None and value >= 0:
            stages.setdefault(name, []).append(value)

    for row in latencies:
        transcript = row.get("eos_to_transcript_ms")
        tail = row.get("asr_tail_ms")
        turn_end = row.get("eos_to_turn_end_ms")
        text = row.get("eos_to_first_text_ms")
        audio = row.get("eos_to_first_audio_ms")
        if transcript is not None and tail is not None:
            put("VAD end-of-speech wait", transcript - tail)
            put("ASR (last piece after VAD end)", tail)
        elif transcript is not None:
            put("VAD wait + ASR", transcript)
        if turn_end is not None and transcript is not None:
            put("end-of-turn decision", turn_end - transcript)
        if text is not None and turn_end is not None:
            put("interviewer (first words)", text - turn_end)
        if audio is not None and text is not None:
            put("TTS first sentence", audio - text)
        if audio is not None:
            put("server total (to first audio out)", audio)
        if (substantive := row.get("eos_to_substantive_audio_ms")) is not None:
            put("server total (to the substantive reply out)", substantive)
    return stages


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "p50": round(pct(values, 0.5), 1),
        "p95": round(pct(values, 0.95), 1),
        "min": round(min(values), 1),
        "max": round(max(values), 1),
        "mean": round(statistics.mean(values), 1),
    }


def line(name: str, values: list[float]) -> str:
    s = summary(values)
    if not s["n"]:
        return f"{name}: no samples"
    return (
        f"{name}: n={s['n']:.0f} p50={s['p50']:.0f} ms p95={s['p95']:.0f} ms "
        f"min={s['min']:.0f} max={s['max']:.0f}"
    )


def parse_latency(raw: str | None) -> dict[str, float]:
    if raw is None:
        return {}
    return {k: float(v) for k, v in json.loads(raw).items()}
