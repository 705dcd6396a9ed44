"""Benchmark: are technical terms heard? (not part of the test run)

Spoken technical answers in three voices (piper "joe", espeak-ng US and UK) are transcribed by
the call's recogniser (tiny.en, short encoder window): plain; with the hotwords and `hear_terms`
but no guesses (``no-guess``); and as a call does it, with the
interview's hotwords (a resume's skill list: the answer's terms among distractors, shuffled),
runs of words that sound roughly like a hotword weighed by the recogniser as that term
(`term_guesses`), split terms joined and near-spellings of the hotwords written as the term
(`hear_terms`).
Prints, per set, voice and decoding, the share of technical terms found, the word recall and
the mean time of one decoding (the recogniser and `hear_terms`).

Sets (tests/data/terms): ``tuning`` (what the term matching was tuned on), ``heldout`` (only
measured until the guesses' allowance was chosen, which looked at it), ``heldout2`` (written
blind afterwards, only measured), ``heldout3`` (written blind later, on 96 terms no other set
names; only measured), ``prose`` (answers without terms, spoken while the hotwords sound like
some of their words: the share of terms written that were not said). Piper's voice varies run
to run, and so do a few terms: compare runs over all sets, not one answer.

Run: .venv/bin/python tests/bench/bench_terms.py [--sets tuning,heldout,heldout2,heldout3,prose]
     [--misses] [--steady]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

import numpy as np
from term_sets import load_set, term_found

from agent.plugins.asr_engine import AsrEngine
from agent.plugins.audio import resample as resample_float
from agent.plugins.piper_backend import PiperBackend
from agent.settings import Settings
from agent.voice.term_guesses import term_guesses
from agent.voice.vocabulary import hear_terms

from speech_helpers import render, word_recall

DISTRACTORS = ["Java", "Python", "SQL", "Git", "Linux", "Scala", "Ruby", "Vue.js", "Azure",
               "MySQL", "Redux", "Ansible"]  # fmt: skip
VOICES = ("piper", "espeak-us", "espeak-uk")
CONDITIONS = ("plain", "no-guess", "call")
"""Decoded with no hints; with the hotwords and `hear_terms` but no guesses weighed; as a
call does it."""


def espeak(text: str, voice: str) -> np.ndarray:
    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", "160", "--stdout", text], check=True, capture_output=True
    ).stdout
    raw = subprocess.run(
        ["sox", "-t", "wav", "-", "-r", "16000", "-c", "1", "-b", "16", "-t", "raw", "-"],
        input=wav,
        check=True,
        capture_output=True,
    ).stdout
    return np.frombuffer(raw, dtype=np.int16).astype(np.float32) / 32768.0


def speech(voice: str, text: str, piper: PiperBackend) -> np.ndarray:
    if voice == "piper":
        audio = render(piper, text).astype(np.float32) / 32768.0
        return resample_float(audio, piper.sample_rate, 16000)
    return espeak(text, "en-us" if voice == "espeak-us" else "en-gb")


def hotwords_for(terms: list[str], rng: random.Random) -> str:
    """A resume's skill list holding the answer's terms among others, as a call would pass."""
    skills = terms + rng.sample(DISTRACTORS, 6)
    rng.shuffle(skills)
    return ", ".join(skills)


Row = tuple[int, int, float, float]
"""Terms found (or, for prose, terms written that were not said), terms asked, word recall,
seconds the decoding took."""


def heard(engine: AsrEngine, audio: np.ndarray, condition: str, hotwords: str) -> str:
    if condition == "plain":
        return engine.decode_now(audio).text
    guesses = term_guesses if condition == "call" else None
    raw = engine.decode_now(audio, hotwords=hotwords, guesses=guesses).text
    kept = hear_terms(raw, hotwords)
    return kept if kept == raw else f"{kept} [decoded: {raw}]"


def measure(
    name: str, engine: AsrEngine, piper: PiperBackend, *, misses: bool
) -> dict[tuple[str, str], list[Row]]:
    rng = random.Random(7)
    rows: dict[tuple[str, str], list[Row]] = {}
    prose = name == "prose"
    for voice in VOICES:
        for text, terms in load_set(name):
            audio = speech(voice, text, piper)
            hotwords = hotwords_for(terms, rng)
            for condition in CONDITIONS:
                started = time.perf_counter()
                got = heard(engine, audio, condition, hotwords)
                took = time.perf_counter() - started
                if prose:
                    counted = [t for t in terms if term_found(t, got) and not term_found(t, text)]
                else:
                    counted = [t for t in terms if term_found(t, got)]
                rows.setdefault((voice, condition), []).append(
                    (len(counted), len(terms), word_recall(text, got), took)
                )
                wrong = counted if prose else [t for t in terms if t not in counted]
                if misses and condition == "call" and wrong:
                    print(f"  {voice:<9} {'written' if prose else 'missed'} {wrong}: {got!r}")
    return rows


def report(name: str, rows: dict[tuple[str, str], list[Row]]) -> None:
    what = "terms written, not said" if name == "prose" else "term recall"
    print(f"set {name}")
    print(f"{'voice':<10} {'decoding':<8} {what:>24} {'word recall':>12} {'ms/decode':>10}")
    for condition in CONDITIONS:
        total = [0, 0]
        recalls: list[float] = []
        took: list[float] = []
        for voice in VOICES:
            got = rows[(voice, condition)]
            found, asked = sum(r[0] for r in got), sum(r[1] for r in got)
            total[0] += found
            total[1] += asked
            recall = sum(r[2] for r in got) / len(got)
            recalls.append(recall)
            took += [r[3] for r in got]
            ms = 1000 * sum(r[3] for r in got) / len(got)
            print(
                f"{voice:<10} {condition:<8} {found:>15}/{asked:<3} {found / asked:5.0%} "
                f"{recall:11.0%} {ms:10.0f}"
            )
        share = total[0] / total[1]
        mean = sum(recalls) / len(recalls)
        ms = 1000 * sum(took) / len(took)
        print(
            f"{'all':<10} {condition:<8} {total[0]:>15}/{total[1]:<3} {share:5.0%} {mean:11.0%} "
            f"{ms:10.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="tuning,heldout,heldout2,heldout3,prose")
    parser.add_argument("--misses", action="store_true", help="print each term missed")
    parser.add_argument(
        "--steady", action="store_true", help="piper's voice the same every run (to compare two)"
    )
    args = parser.parse_args()
    engine = AsrEngine.load(Settings())
    piper = PiperBackend(steady=args.steady)
    for name in args.sets.split(","):
        report(name, measure(name, engine, piper, misses=args.misses))


if __name__ == "__main__":
    main()
