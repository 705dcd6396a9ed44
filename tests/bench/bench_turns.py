"""Benchmark: turns that are not answers get what a person would do (not part of the test run)

Each turn of ``tests/data/turns/<set>.json`` is said as the first reply of a fresh offline
interview (backend engineer, mid, technical, seed 3). A class passes a turn when the
interviewer's move is one the class expects; the controls (real answers that use the same
trigger words) pass when the move is none of the moves these classes get. Prints, per class,
the share handled as expected, and each miss with the move it got.

Sets: ``fresh`` to ``fresh7``; each was written as a check set, measured once, then
tuned on (its ``about`` says what it gave first). Write a new set to measure generalisation.

Run: .venv/bin/python tests/bench/bench_turns.py [--set fresh3] [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from opened_interview import NOT_AN_ANSWER, first_move

SETS = Path(__file__).parents[1] / "data" / "turns"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="fresh")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    classes = json.loads((SETS / f"{args.set}.json").read_text())["classes"]
    print(f"{'class':<36} {'handled':>9}")
    total = [0, 0]
    for name, spec in classes.items():
        expect = set(spec["expect"])
        got = [(turn, first_move(turn)) for turn in spec["turns"]]
        ok = [m in expect if expect else m not in NOT_AN_ANSWER for _, m in got]
        total[0] += sum(ok)
        total[1] += len(ok)
        print(f"{name:<36} {sum(ok):>4}/{len(ok):<4} {sum(ok) / len(ok):4.0%}")
        if args.misses:
            for (turn, move), good in zip(got, ok, strict=True):
                if not good:
                    print(f"    {move:<18} {turn}")
    print(f"{'all':<36} {total[0]:>4}/{total[1]:<4} {total[0] / total[1]:4.0%}")


if __name__ == "__main__":
    main()
