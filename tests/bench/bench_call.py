"""Benchmark of the live call, measured at the page (not part of the test run).

Real headless Chromium (fake microphone) calls a real `mockline serve`; the candidate's
script (tests/support/call_script.py) is played into the call. Runs:
- ``responses``: answers (two voices) with barge-ins among them -> end of speech to first
  interviewer audio at the page, p50/p95; interruption onset to the interviewer going
  quiet at the page; the per-stage breakdown the server stored with each turn;
- ``backchannel``: "mm-hmm", "yeah", "okay", "right" said during replies -> how many stopped
  the interviewer (a stored interrupted reply);
- ``noise``: a cough-like burst during replies -> how many replies went on to their end.
It also times one plain faster-whisper tiny.en transcription of each answer (30 s window,
as the library does by default) in the same run, and prints first-audio p50 over it.

``--calls 3`` runs the responses run in three browsers at once on one server.
``--source DIR`` serves another checkout of the code (the "before" of a comparison).
Results go to a JSON file whose path is printed.

Run: .venv/bin/python tests/bench/bench_call.py [--runs responses,backchannel,noise]
     [--answers 20 --barge-ins 10 --overlaps 20] [--calls 3] [--source DIR] [--label NAME]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

import asyncpg
import numpy as np

from agent.plugins.audio import resample
from agent.plugins.whisper_model import packaged_model_path

from browser import chromium
from call_analysis import (
    line,
    on_page,
    parse_latency,
    stage_breakdown,
    substantive_on_page,
    summary,
    transport_split,
)
from call_script import Spoken, Voices, build, moves_for
from fake_mic import RATE, write_wav
from pg_admin import fresh_database, postgres_for_tests
from server_process import serving

RESULTS = Path(".bench")


async def drive(server_url: str, wav: Path, profile: Path, total_s: float) -> dict[str, Any]:
    async with chromium(profile, wav) as context:
        page = await context.new_page()
        await page.goto(f"{server_url}/?raw=1")
        await page.wait_for_function("() => document.querySelector('#role option') !== null")
        await page.get_by_role("button", name="Start call").click()
        await page.wait_for_function("() => window.mockline.state === 'in-call'", timeout=60_000)
        await asyncio.sleep(total_s - 1.0)
        mic = await page.evaluate("window.mockline.micAudio.events")
        remote = await page.evaluate("window.mockline.audio.events")
        interview = await page.evaluate("window.mockline.interviewId")
        origin = await page.evaluate("performance.timeOrigin")
        stats = await page.evaluate("window.mockline.audioStats?.() ?? null")
        messages = await page.evaluate("window.mockline.messages.filter((m) => m.type === 'state')")
        await page.get_by_role("button", name="End call").click()
        await page.wait_for_function("() => window.mockline.state === 'ended'", timeout=60_000)
    return {
        "mic": mic,
        "remote": remote,
        "page": interview,
        "origin": origin,
        "stats": stats,
        "states": messages,
    }


async def stored_turns(database_url: str) -> list[dict[str, Any]]:
    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch(
            "select interview_id::text as interview, speaker, text, interrupted, heard_text, "
            "latency::text as latency from turns order by id"
        )
    finally:
        await conn.close()
    return [dict(row) for row in rows]


def run_calls(
    scripts: list[tuple[np.ndarray, list[Spoken]]], source: Path | None, env: dict[str, str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Plays each script in its own browser, all at once, against one fresh server."""
    with tempfile.TemporaryDirectory() as tmp_dir, fresh_database() as db:
        tmp = Path(tmp_dir)
        wavs = [write_wav(tmp / f"candidate-{i}.wav", pcm) for i, (pcm, _) in enumerate(scripts)]
        total = max(len(pcm) for pcm, _ in scripts) / RATE
        with serving(tmp, db, env, source=source) as server:

            async def all_calls() -> list[dict[str, Any]]:
                return await asyncio.gather(
                    *(
                        drive(server.url, wav, tmp / f"profile-{i}", total)
                        for i, wav in enumerate(wavs)
                    )
                )

            print(f"  {len(wavs)} call(s), {total:.0f} s of candidate audio each…", flush=True)
            pages = asyncio.run(all_calls())
        turns = asyncio.run(stored_turns(db))
    return pages, turns


def plain_transcription_s(texts: list[str], voices: Voices) -> list[float]:
    """Seconds for faster-whisper tiny.en to transcribe each answer, as the library does."""
    from faster_whisper import WhisperModel

    model = WhisperModel(str(packaged_model_path()), device="cpu", compute_type="int8")
    seconds: list[float] = []
    for i, text in enumerate(texts):
        audio = voices.say(text, i).astype(np.float32) / 32768.0
        audio16 = resample(audio, RATE, 16000)
        began = time.perf_counter()
        segments, _ = model.transcribe(audio16, language="en")
        list(segments)
        seconds.append(time.perf_counter() - began)
    return seconds


def report_responses(
    pages: list[dict[str, Any]], said: list[list[Spoken]], turns: list[dict[str, Any]]
) -> dict[str, Any]:
    response: list[float] = []
    barge: list[float] = []
    uplink: list[float] = []
    downlink: list[float] = []
    substantive: list[float] = []
    for page, script in zip(pages, said, strict=True):
        times = on_page(script, page["mic"], page["remote"])
        response += times.response_ms
        barge += times.barge_in_ms
        mine = [
            row
            for t in turns
            if t["speaker"] == "candidate" and t["interview"] == page["page"]
            if (row := parse_latency(t["latency"]))
        ]
        up, down = transport_split(page["origin"], script, page["mic"], page["remote"], mine)
        uplink += up
        downlink += down
        substantive += substantive_on_page(
            page["origin"], script, page["mic"], page["remote"], mine
        )
    latencies = [parse_latency(t["latency"]) for t in turns if t["speaker"] == "candidate"]
    stages = stage_breakdown([row for row in latencies if row])
    print("  " + line("end of speech -> first interviewer audio at the page", response))
    print(
        "  "
        + line("end of speech -> the substantive reply (after any ack) at the page", substantive)
    )
    print("  " + line("barge-in: interruption onset -> interviewer audio stops", barge))
    print("  per-stage breakdown (server, per candidate turn):")
    for name, values in stages.items():
        print("    " + line(name, values))
    if response and "server total (to first audio out)" in stages:
        page_p50 = summary(response)["p50"]
        server_p50 = summary(stages["server total (to first audio out)"])["p50"]
        print(
            f"    transport + playout at the page (p50 difference): {page_p50 - server_p50:.0f} ms"
        )
    print("  transport, from the server's stored clock stamps and the page's meters:")
    print(
        "    " + line("uplink: end of the sound at the page -> the server's end of speech", uplink)
    )
    print("    " + line("downlink: first reply audio sent -> heard at the page", downlink))
    for page in pages:
        if page.get("stats"):
            print(f"    browser receive stats: {json.dumps(page['stats'])}")
    return {
        "response_ms": summary(response),
        "barge_in_ms": summary(barge),
        "substantive_ms": summary(substantive),
        "samples": {"response_ms": response, "barge_in_ms": barge, "substantive_ms": substantive},
        "stages": {name: summary(values) for name, values in stages.items()},
        "uplink_ms": summary(uplink),
        "downlink_ms": summary(downlink),
        "browser_stats": [page.get("stats") for page in pages],
        "pages": pages,
        "turn_latencies": [
            {"interview": t["interview"], **row}
            for t in turns
            if t["speaker"] == "candidate"
            if (row := parse_latency(t["latency"]))
        ],
    }


def report_overlaps(run: str, said: list[Spoken], turns: list[dict[str, Any]]) -> dict[str, Any]:
    """A reply is stopped by a backchannel or a noise when it was cut off and what the
    candidate said next (the turn that cut in) is none of the script's answers: a reply that
    outlasts the gap before the next answer is cut off by that answer, which says nothing
    about overlaps."""
    events = sum(1 for s in said if s.kind in ("backchannel", "noise"))
    answers = [set(_words(s.text)) for s in said if s.kind == "answer"]
    cut: list[dict[str, Any]] = []
    for i, turn in enumerate(turns):
        if turn["speaker"] != "interviewer" or not turn["interrupted"]:
            continue
        after = next((t["text"] for t in turns[i + 1 :] if t["speaker"] == "candidate"), "")
        by_answer = any(_overlap(after, answer) >= 0.5 for answer in answers)
        cut.append({"text": turn["text"], "heard": turn["heard_text"], "cut_by": after,
                    "by_answer": by_answer})  # fmt: skip
    stopped = min(events, sum(1 for c in cut if not c["by_answer"]))
    taken = [
        t["text"] for t in turns if t["speaker"] == "candidate" and len(t["text"].split()) <= 3
    ]
    if run == "backchannel":
        print(f"  backchannels that stopped the interviewer: {stopped} of {events}", end="")
    else:
        print(
            f"  noise bursts after which the reply went on: {events - stopped} of {events}", end=""
        )
    print(f" ({len(cut)} interviewer turns interrupted in all, {len(cut) - stopped} by an answer)")
    print(f"  short candidate turns stored: {len(taken)}")
    return {
        "events": events,
        "stopped": stopped,
        "interrupted_turns": len(cut),
        "short_turns": len(taken),
        # What went wrong, to read back: the scripted words stored as turns, and the replies
        # that were cut off (with what of them was heard, and what cut in).
        "short_turn_texts": taken,
        "interrupted_replies": cut,
    }


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def _overlap(text: str, answer: set[str]) -> float:
    """The share of ``text``'s words that are the scripted answer's."""
    found = _words(text)
    return sum(1 for w in found if w in answer) / len(found) if found else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", default="responses,backchannel,noise")
    # A barge-in move gives two response samples (its answer's and its interruption's).
    parser.add_argument("--answers", type=int, default=10)
    parser.add_argument("--barge-ins", type=int, default=10)
    parser.add_argument("--overlaps", type=int, default=20, help="backchannels; noise: half")
    parser.add_argument("--calls", type=int, default=1)
    parser.add_argument("--source", type=Path, default=None)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    voices = Voices()
    results: dict[str, Any] = {"label": args.label, "source": str(args.source or "."), "runs": {}}
    with postgres_for_tests():
        for run in args.runs.split(","):
            print(f"run {run} ({args.label or 'this checkout'}):", flush=True)
            calls = args.calls if run == "responses" else 1
            overlaps = args.overlaps if run == "backchannel" else max(1, args.overlaps // 2)
            moves = moves_for(run, args.answers, args.barge_ins, overlaps)
            scripts = [build(moves, voices) for _ in range(calls)]
            questions = str(len(moves) * 2 + 4)
            env = {"MOCKLINE_MAX_QUESTIONS": questions, "MOCKLINE_SILENCE_PROMPT_S": "0"}
            pages, turns = run_calls(scripts, args.source, env)
            said = [s for _, s in scripts]
            if run == "responses":
                results["runs"][run] = report_responses(pages, said, turns)
            else:
                results["runs"][run] = report_overlaps(run, said[0], turns)
            results["runs"][run]["calls"] = calls
            results["runs"][run]["script"] = [asdict(s) for s in said[0]]
    if "responses" in results["runs"]:
        answers = [s.text for s in scripts[0][1] if s.kind == "answer"][:8]
        plain = plain_transcription_s(answers, voices)
        p50 = results["runs"]["responses"]["response_ms"].get("p50")
        plain_ms = statistics.median(plain) * 1000.0
        print(f"plain tiny.en transcription of an answer: median {plain_ms:.0f} ms")
        if p50 is not None:
            print(f"first-audio p50 / plain transcription: {p50 / plain_ms:.2f}")
        results["plain_transcription_ms"] = round(plain_ms, 1)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench_call-{args.label or 'run'}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(results, indent=1))
    print(f"results: {out}")


if __name__ == "__main__":
    main()
