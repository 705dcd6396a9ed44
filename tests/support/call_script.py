"""A benchmark candidate's side of a call: what they say and when, as one fake-mic WAV.

Each run is a timeline of moves after the interviewer's opening:
- ``answer``: an answer, then silence long enough for the whole reply (a response sample);
- ``barge``: an answer, then, shortly after the reply starts, a real interruption spoken
  over it (a barge-in sample);
- ``backchannel``: an answer, then "mm-hmm" (or "yeah", "okay", "right") said while the
  reply plays, which must not stop it;
- ``noise``: an answer, then a cough-like burst during the reply, after which the reply
  must go on.
Answers alternate two voices (espeak-ng and piper) and cover several kinds of answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from agent.plugins.audio import resample
from agent.plugins.piper_backend import PiperBackend

from fake_mic import RATE, speak

Move = Literal["answer", "barge", "backchannel", "noise"]

ANSWERS = [
    "I designed the order service and moved it to a queue, which cut failures a lot.",
    "We used Postgres for the main data and Redis as a cache in front of it.",
    "I would start by measuring where the time goes, then fix the slowest query first.",
    "My last project was a small search feature that I built and tested end to end.",
    "I talked to the product manager, agreed on a smaller scope and shipped on time.",
    "I prefer simple designs that the whole team can read and change safely.",
    "An index makes reads faster but every insert and update has to maintain it.",
    "We added retries with backoff and made the handler idempotent so repeats were safe.",
]
INTERRUPTIONS = [
    "Sorry, can I ask what you mean by that?",
    "Wait, could you repeat the question please?",
    "Hold on, I have a question about that.",
]
BACKCHANNELS = ["Mm-hmm.", "Yeah.", "Okay.", "Right."]

OPENING_S = 34.0
"""Silence before the first answer: the greeting and the first question (up to 30 s of
speech when the greeting names a long interview; at 26 s the first answer cut its end)."""
REPLY_S = 10.0
"""After an answer: long enough for the interviewer's whole reply."""
BARGE_AFTER_S = 2.2
"""After an answer: when the interruption starts. The reply has begun by then (it starts
0.6-1.2 s after the answer) and is still being spoken: at 4 s a short reply had often ended,
and the interruption was no barge-in (4 samples of 10)."""
OVERLAP_AFTER_S = 2.6
"""After an answer: when a backchannel or noise falls into the reply."""


@dataclass(frozen=True, slots=True)
class Spoken:
    move: Move
    kind: Literal["answer", "interruption", "backchannel", "noise"]
    start_s: float
    end_s: float
    text: str
    voiced_start_s: float
    """When the sound itself begins and ends (a voice's clip has silence at both ends)."""
    voiced_end_s: float


def voiced_bounds(pcm: np.ndarray, frame_s: float = 0.01) -> tuple[float, float]:
    """Seconds into ``pcm`` where its sound begins and ends: 10 ms frames louder than a
    tenth of its loud frames' level (relative, so a quiet voice is bounded as well as a
    loud one)."""
    n = max(1, int(frame_s * RATE))
    frames = pcm[: len(pcm) // n * n].astype(np.float32).reshape(-1, n)
    if not len(frames):
        return 0.0, len(pcm) / RATE
    rms = np.sqrt((frames**2).mean(axis=1))
    loud = np.flatnonzero(rms > 0.1 * np.percentile(rms, 90))
    if not len(loud):
        return 0.0, len(pcm) / RATE
    return float(loud[0] * frame_s), float((loud[-1] + 1) * frame_s)


class Voices:
    """The candidate's two voices, both at the fake mic's rate."""

    def __init__(self) -> None:
        self._piper = PiperBackend()

    def say(self, text: str, index: int) -> np.ndarray:
        if index % 2 == 0:
            return speak(text)
        audio = np.concatenate(list(self._piper.synthesize(text))).astype(np.float32) / 32768.0
        at_rate: np.ndarray = resample(audio, self._piper.sample_rate, RATE) * 32767.0
        return at_rate.astype(np.int16)


def noise_burst(seconds: float = 0.3, seed: int = 0) -> np.ndarray:
    """A cough-like burst: loud filtered noise with a fast attack and decay."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    noise = np.convolve(rng.standard_normal(n), np.ones(12) / 12, mode="same")
    envelope = np.exp(-np.linspace(0.0, 6.0, n)) * np.minimum(1.0, np.arange(n) / (0.01 * RATE))
    burst: np.ndarray = noise / np.abs(noise).max() * envelope * 20000
    return burst.astype(np.int16)


def build(moves: list[Move], voices: Voices) -> tuple[np.ndarray, list[Spoken]]:
    """The candidate's audio for ``moves`` and what is said when (seconds from call start)."""
    parts: list[np.ndarray] = [np.zeros(int(OPENING_S * RATE), dtype=np.int16)]
    said: list[Spoken] = []
    t = OPENING_S

    def add(pcm: np.ndarray, move: Move, kind: str, text: str) -> None:
        nonlocal t
        begins, ends = voiced_bounds(pcm)
        said.append(
            Spoken(move, kind, t, t + len(pcm) / RATE, text, t + begins, t + ends)  # type: ignore[arg-type]
        )
        parts.append(pcm)
        t += len(pcm) / RATE

    def wait(seconds: float) -> None:
        nonlocal t
        parts.append(np.zeros(int(seconds * RATE), dtype=np.int16))
        t += seconds

    for i, move in enumerate(moves):
        answer = ANSWERS[i % len(ANSWERS)]
        add(voices.say(answer, i), move, "answer", answer)
        if move == "answer":
            wait(REPLY_S)
        elif move == "barge":
            wait(BARGE_AFTER_S)
            text = INTERRUPTIONS[i % len(INTERRUPTIONS)]
            add(voices.say(text, i), move, "interruption", text)
            wait(REPLY_S)
        else:
            wait(OVERLAP_AFTER_S)
            if move == "backchannel":
                text = BACKCHANNELS[i % len(BACKCHANNELS)]
                add(voices.say(text, i), move, "backchannel", text)
            else:
                add(noise_burst(seed=i), move, "noise", "")
            wait(REPLY_S - OVERLAP_AFTER_S)
    return np.concatenate(parts), said


def moves_for(run: str, answers: int, barge_ins: int, overlaps: int) -> list[Move]:
    """The moves of one run: ``responses`` (answers with barge-ins spread among them),
    ``backchannel`` or ``noise`` (every move an overlap)."""
    if run == "responses":
        moves: list[Move] = ["answer"] * answers
        step = max(1, answers // max(1, barge_ins))
        for k in range(barge_ins):
            moves.insert(min(len(moves), k * (step + 1) + step), "barge")
        return moves
    if run in ("backchannel", "noise"):
        return [run] * overlaps  # type: ignore[list-item]
    raise ValueError(f"unknown run {run!r}")
