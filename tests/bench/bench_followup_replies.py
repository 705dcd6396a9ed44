"""Benchmark: replies to a follow-up are kept as answers or redirected as a person would (not
part of the test run).

Each item of ``tests/data/followup_replies/<set>.json`` is a bank question, the candidate's
earlier answer, the follow-up asked about it and replies labelled ``on`` (they go on with the
question or with the candidate's own answer, however loosely) or ``off`` (chat, private life
in the question's words, another subject, evasion). Each reply is read as the live
interviewer reads it (`agent.interviewer.analysis.assess` with the follow-up and the earlier
answer). An ``on`` reply is kept when it is taken as an answer of any kind; an ``off`` reply is
handled when it is not. Prints the share per label and each miss with the kind it got.

Sets: ``calibration`` (tuned on) and ``check`` (written before the change it checks, measured
once, never tuned on).

Run: .venv/bin/python tests/bench/bench_followup_replies.py [--set check] [--misses]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from followup_replies import read_replies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="calibration")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    replies = read_replies(args.set)
    for on in (True, False):
        group = [r for r in replies if r.on == on]
        good = sum(r.handled for r in group)
        what = "on   kept as answers" if on else "off  not taken as answers"
        print(f"{what:<28} {good:>3}/{len(group):<3} {good / len(group):4.0%}")
    if args.misses:
        for r in replies:
            if not r.handled:
                print(f"    {'on' if r.on else 'off':<4}{r.kind:<11}{r.question_id:<9}{r.text}")


if __name__ == "__main__":
    main()
