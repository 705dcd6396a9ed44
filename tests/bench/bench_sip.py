"""Benchmark of a phone call: response time at the caller and recall on the phone band.

A real sipp call into a real `mockline serve` (SIP on): the PIN as RFC 4733, then answers in
two voices (espeak-ng and piper, as bench_call.py) streamed as 8 kHz µ-law (band-limited to
300-3400 Hz by sox, as a phone line is), each followed by silence for the reply. The RTP is
captured on loopback, as the tests do, and gives:
- end of candidate speech -> first interviewer audio back at sipp, p50/p95 (an answer the
  interviewer was already talking over is not a sample), and the per-stage breakdown the
  server stored with each turn;
- word recall of the stored candidate turns against the spoken text, next to the same
  answers decoded offline by the same recogniser (`AsrEngine.decode_now`) at 16 kHz and
  from the same 8 kHz µ-law file, so the narrowband loss and the live pipeline's own
  loss are told apart;
- offline, on ``--variants`` answers: recall on the phone band with candidate class fixes
  (pre-emphasis, level, spectral folding) in place of the plain 8 -> 16 kHz resampling.

With ``--livekit`` the call goes through LiveKit SIP, LiveKit server and a `mockline worker`
(the tests' deployment, `livekit_stack`) instead of the SIP server inside `serve`. With
``--opus`` (embedded only) sipp offers Opus alone and replays the answers as 48 kHz Opus
(`opus_pcap`), the PIN as RFC 4733 events in it: a wideband trunk.

Not a test (measures, asserts nothing). Run:
  nice -n 19 .venv/bin/python tests/bench/bench_sip.py [--answers 8] [--variants 16]
      [--source DIR] [--label X] [--livekit | --opus]
Results go to .bench/sip-<label>.json (sip-livekit-<label>.json).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

import httpx
import numpy as np

from agent.plugins.asr_engine import AsrEngine
from agent.plugins.audio import resample
from agent.settings import Settings

from auth_helpers import signup
from call_analysis import line, parse_latency, stage_breakdown, summary
from call_script import ANSWERS, Voices
from fake_mic import RATE as MIC_RATE
from livekit_stack import running_deployment
from opus_pcap import write_pcap
from pg_admin import fresh_database, postgres_for_tests
from redis_server import redis_for_tests
from rtp_capture import LOUD_RMS, RtpCapture, capture_rtp, rms
from server_process import free_port, serving
from sip_caller import call_scenario, sipp
from speech_helpers import word_recall

PHONE = 8000
FIRST_ANSWER_S = 30.0
"""PIN, welcome, "here is your interviewer" and the opening question come first."""
REPLY_S = 11.0
RTP_PORTS = range(26000, 26200)
RESULTS = Path(".bench")


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    voice: str
    start_s: float
    end_s: float
    wide: np.ndarray
    """The answer at the fake mic's rate (48 kHz), int16."""


def phone_band(pcm48: np.ndarray) -> bytes:
    """48 kHz int16 -> 8 kHz µ-law, 300-3400 Hz, by sox (as a phone line carries it)."""
    return subprocess.run(
        ["sox", "-D", "-t", "raw", "-r", str(MIC_RATE), "-e", "signed", "-b", "16", "-c", "1", "-",
         "-t", "ul", "-r", str(PHONE), "-", "sinc", "300-3400", "rate", "-v", str(PHONE)],
        input=pcm48.astype(np.int16).tobytes(), capture_output=True, check=True,
    ).stdout  # fmt: skip


def from_ulaw(data: bytes) -> np.ndarray:
    raw = subprocess.run(
        ["sox", "-t", "ul", "-r", str(PHONE), "-c", "1", "-", "-t", "raw", "-e", "signed",
         "-b", "16", "-"],
        input=data, capture_output=True, check=True,
    ).stdout  # fmt: skip
    return np.frombuffer(raw, dtype=np.int16)


def script(n: int, voices: Voices) -> tuple[list[Answer], np.ndarray]:
    answers: list[Answer] = []
    at = FIRST_ANSWER_S
    for i in range(n):
        text = ANSWERS[i % len(ANSWERS)]
        wide = voices.say(text, i)
        end = at + len(wide) / MIC_RATE
        answers.append(Answer(text, "espeak" if i % 2 == 0 else "piper", at, end, wide))
        at = end + REPLY_S
    timeline = np.zeros(int(at * MIC_RATE), dtype=np.int16)
    for a in answers:
        begin = int(a.start_s * MIC_RATE)
        timeline[begin : begin + len(a.wide)] = a.wide
    return answers, timeline


def caller_segments(rtp: RtpCapture, gap_s: float = 0.6) -> list[tuple[float, float]]:
    """The caller's speech as (first, last) loud packet arrivals, words merged."""
    segments: list[tuple[float, float]] = []
    for p in rtp.from_caller:
        if rms(p) <= LOUD_RMS:
            continue
        if segments and p.at - segments[-1][1] < gap_s:
            segments[-1] = (segments[-1][0], p.at)
        else:
            segments.append((p.at, p.at))
    return segments


def response_ms(rtp: RtpCapture, segments: list[tuple[float, float]]) -> list[float]:
    loud = [p.at for p in rtp.from_server if rms(p) > LOUD_RMS]
    samples: list[float] = []
    for i, (_, end) in enumerate(segments):
        following = segments[i + 1][0] if i + 1 < len(segments) else float("inf")
        if any(end - 0.1 < t <= end for t in loud):
            continue  # the interviewer was talking as the answer ended: no response to time
        after = [t for t in loud if end < t < following]
        if after:
            samples.append((after[0] - end) * 1000.0)
    return samples


def offline_recall(engine: AsrEngine, answers: list[Answer]) -> dict[str, dict[str, float]]:
    """Recall of each voice's answers decoded alone: 16 kHz wideband vs the phone file."""
    out: dict[str, dict[str, float]] = {}
    for band in ("16k", "phone"):
        for voice in ("espeak", "piper", "all"):
            chosen = [a for a in answers if voice in ("all", a.voice)]
            refs, hyps = [], []
            for a in chosen:
                audio = a.wide.astype(np.float32) / 32768.0
                if band == "phone":
                    narrow = from_ulaw(phone_band(a.wide)).astype(np.float32) / 32768.0
                    audio16 = resample(narrow, PHONE, 16000)
                else:
                    audio16 = resample(audio, MIC_RATE, 16000)
                refs.append(a.text)
                hyps.append(engine.decode_now(audio16).text)
            out.setdefault(band, {})[voice] = word_recall(" ".join(refs), " ".join(hyps))
    return out


def _pre_emphasis(x: np.ndarray, a: float) -> np.ndarray:
    return np.concatenate([x[:1], x[1:] - a * x[:-1]])


def _level(x: np.ndarray, target: float = 0.1) -> np.ndarray:
    return np.clip(x * target / max(float(np.sqrt(np.mean(x**2))), 1e-6), -1.0, 1.0)


def _fold(x: np.ndarray) -> np.ndarray:
    """8 -> 16 kHz by zero insertion, no low-pass: the band mirrored into 4-8 kHz."""
    y = np.zeros(2 * len(x), dtype=np.float32)
    y[::2] = 2.0 * x
    return y


VARIANTS = {
    "as is (ideal resampler)": lambda x: resample(x, PHONE, 16000),
    "pre-emphasis 0.9": lambda x: resample(_pre_emphasis(x, 0.9), PHONE, 16000),
    "pre-emphasis 0.7": lambda x: resample(_pre_emphasis(x, 0.7), PHONE, 16000),
    "level to -20 dBFS": lambda x: resample(_level(x), PHONE, 16000),
    "pre-emphasis 0.7 + level": lambda x: resample(_level(_pre_emphasis(x, 0.7)), PHONE, 16000),
    "spectral folding": _fold,
}
"""Candidate class fixes for the phone band, tried offline on the phone file."""


def variant_recall(engine: AsrEngine, answers: list[Answer]) -> dict[str, dict[str, float]]:
    narrow = [from_ulaw(phone_band(a.wide)).astype(np.float32) / 32768.0 for a in answers]
    out: dict[str, dict[str, float]] = {}
    for name, shape in VARIANTS.items():
        for voice in ("espeak", "piper"):
            idx = [i for i, a in enumerate(answers) if a.voice == voice]
            hyp = " ".join(engine.decode_now(shape(narrow[i]).astype(np.float32)).text for i in idx)
            ref = " ".join(answers[i].text for i in idx)
            out.setdefault(name, {})[voice] = word_recall(ref, hyp)
    return out


def live_recall(answers: list[Answer], said: list[str]) -> dict[str, float]:
    """Stored candidate turns vs the answers. Turns are assigned to the answer they share
    most words with (a pause can split an answer into two turns)."""
    by_answer: dict[int, list[str]] = {}
    for text in said:
        best = max(range(len(answers)), key=lambda i: word_recall(answers[i].text, text))
        by_answer.setdefault(best, []).append(text)
    out: dict[str, float] = {}
    for voice in ("espeak", "piper", "all"):
        idx = [i for i, a in enumerate(answers) if voice in ("all", a.voice)]
        refs = " ".join(answers[i].text for i in idx)
        hyps = " ".join(" ".join(by_answer.get(i, [])) for i in idx)
        out[voice] = word_recall(refs, hyps)
    return out


@dataclass(frozen=True, slots=True)
class Line:
    """Where the bench dials: the web server for the PIN, the SIP target and its RTP ports."""

    web_url: str
    target: str
    rtp_ports: range
    pin_at_ms: int


@contextmanager
def embedded_line(tmp: Path, source: Path | None, questions: int) -> Iterator[Line]:
    sip_port = free_port()
    env = {
        "MOCKLINE_SIP_PORT": str(sip_port),
        "MOCKLINE_SIP_RTP_PORT_MIN": str(RTP_PORTS.start),
        "MOCKLINE_SIP_RTP_PORT_MAX": str(RTP_PORTS.stop - 1),
        "MOCKLINE_MAX_QUESTIONS": str(questions),
        "MOCKLINE_SILENCE_PROMPT_S": "0",
        "MOCKLINE_RATE_LIMIT_MULTIPLIER": "100",
    }
    with fresh_database() as db, serving(tmp, db, env, source=source) as server:
        yield Line(server.url, f"127.0.0.1:{sip_port}", RTP_PORTS, 1000)


@contextmanager
def livekit_line(tmp: Path, questions: int) -> Iterator[Line]:
    """LiveKit server, LiveKit SIP, `serve --livekit` and one worker (tests' deployment)."""
    env = {"MOCKLINE_MAX_QUESTIONS": str(questions), "MOCKLINE_SILENCE_PROMPT_S": "0"}
    with (
        fresh_database() as db,
        redis_for_tests() as redis_url,
        running_deployment(tmp, db, redis_url, workers=1, sip=True, **env) as deployment,
    ):
        assert deployment.sip is not None
        # LiveKit SIP rings for a second; the worker joins the caller's room, then listens.
        yield Line(deployment.web.url, deployment.sip.target, deployment.sip.rtp_ports, 5000)


def call(
    answers: list[Answer],
    timeline: np.ndarray,
    place: AbstractContextManager[Line],
    tmp: Path,
    *,
    opus: bool,
) -> tuple[RtpCapture, list[dict[str, Any]]]:
    voice = tmp / "caller.ulaw"
    voice.write_bytes(phone_band(timeline))
    total_ms = int((len(timeline) / MIC_RATE + 4.0) * 1000)
    with place as where:
        account = signup(where.web_url)
        body = {"role": "backend_engineer", "level": "mid", "interview_type": "technical"}
        created = httpx.post(
            f"{where.web_url}/api/interviews", json=body, headers=account.headers, timeout=60
        )
        interview = created.json()["id"]
        pin = httpx.post(
            f"{where.web_url}/api/interviews/{interview}/dial-in", headers=account.headers
        ).json()["pin"]
        media_port = free_port()
        keys = [(where.pin_at_ms, pin + "#")]
        if opus:
            pcap = write_pcap(tmp / "caller.pcap", timeline, keys)
            scenario = call_scenario(
                voice=None, keys=[], hold_ms=total_ms, codecs="111 110", pcap=pcap
            )
        else:
            scenario = call_scenario(voice=voice, keys=keys, hold_ms=total_ms)
        with capture_rtp(where.rtp_ports, media_port) as rtp:
            result = sipp(
                where.target,
                scenario,
                tmp,
                media_port=media_port,
                timeout_s=total_ms / 1000 + 60,
            )
        if result.returncode != 0:
            print(f"sipp ended with {result.returncode}: {result.output[-1500:]}")
        turns: list[dict[str, Any]] = httpx.get(
            f"{where.web_url}/api/interviews/{interview}", headers=account.headers
        ).json()["turns"]
    return rtp, turns


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=8)
    parser.add_argument("--source", type=Path, default=None)
    parser.add_argument("--label", default="")
    parser.add_argument("--variants", type=int, default=16, help="answers for the offline table")
    how = parser.add_mutually_exclusive_group()
    how.add_argument(
        "--livekit", action="store_true", help="through LiveKit SIP, LiveKit and a worker"
    )
    how.add_argument("--opus", action="store_true", help="an Opus-only trunk (embedded)")
    args = parser.parse_args()
    answers, timeline = script(args.answers, Voices())
    questions = len(answers) * 2 + 4
    with postgres_for_tests(), tempfile.TemporaryDirectory() as tmp:
        place = (
            livekit_line(Path(tmp), questions)
            if args.livekit
            else embedded_line(Path(tmp), args.source, questions)
        )
        rtp, turns = call(answers, timeline, place, Path(tmp), opus=args.opus)
    segments = caller_segments(rtp)
    responses = response_ms(rtp, segments)
    said = [t["text"] for t in turns if t["speaker"] == "candidate"]
    live = live_recall(answers, said)
    engine = AsrEngine.load(Settings())
    offline = offline_recall(engine, answers)
    stages = stage_breakdown(
        [parse_latency(json.dumps(t["latency"])) for t in turns if t.get("latency")]
    )
    path = "LiveKit SIP + LiveKit + worker" if args.livekit else "embedded SIP"
    path += ", Opus 48 kHz" if args.opus else ", G.711 8 kHz"
    print(f"phone call, {path} ({args.label or 'this checkout'}): {len(answers)} answers, "
          f"{len(segments)} caller speech segments, {len(said)} candidate turns stored")  # fmt: skip
    print("  " + line("end of speech -> first interviewer audio at sipp", responses))
    for name, values in stages.items():
        print("    " + line(name, values))
    print("  word recall       espeak  piper  all")
    for name, row in (("16 kHz offline", offline["16k"]), ("phone offline", offline["phone"]),
                      ("phone live call", live)):  # fmt: skip
        print(f"  {name:<16}  {row['espeak']:.3f}  {row['piper']:.3f}  {row['all']:.3f}")
    variants = variant_recall(engine, script(args.variants, Voices())[0]) if args.variants else {}
    if variants:
        print(f"  phone band, offline, {args.variants} answers: what a filter would change")
        for name, row in variants.items():
            print(f"  {name:<26}  espeak {row['espeak']:.3f}  piper {row['piper']:.3f}")
    RESULTS.mkdir(exist_ok=True)
    kind = "sip-livekit" if args.livekit else "sip-opus" if args.opus else "sip"
    out = RESULTS / f"{kind}-{args.label or 'run'}.json"
    out.write_text(
        json.dumps(
            {
                "response_ms": summary(responses),
                "samples_ms": responses,
                "stages": {k: summary(v) for k, v in stages.items()},
                "recall": {"offline": offline, "live": live, "variants": variants},
                "said": said,
            },
            indent=2,
        )
    )
    print(f"results: {out}")


if __name__ == "__main__":
    main()
