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
import json
from pathlib import Path

from agent.interviewer.analysis import assess
from agent.interviewer.bank import load_bank
from agent.interviewer.relevance import QuestionContext

SETS = Path(__file__).parents[1] / "data" / "followup_replies"
ANSWER_KINDS = frozenset({"answered", "partial", "vague", "too_short"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="calibration")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    items = json.loads((SETS / f"{args.set}.json").read_text())["items"]
    bank = load_bank()
    score = {"on": [0, 0], "off": [0, 0]}
    misses: list[str] = []
    for item in items:
        q = bank.by_id(item["q"])
        pending = item["follow_up"]
        ctx = QuestionContext(
            f"{q.text} {pending}", q.type, q.reference_points, q.topics, follow_up=pending
        )
        for label in ("on", "off"):
            for reply in item[label]:
                kind = assess(reply, ctx, earlier=item["earlier"]).kind
                good = int((kind in ANSWER_KINDS) == (label == "on"))
                score[label][0] += good
                score[label][1] += 1
                if not good:
                    misses.append(f"    {label:<4}{kind:<11}{q.id:<9}{reply}")
    for label, (good, total) in score.items():
        what = "kept as answers" if label == "on" else "not taken as answers"
        print(f"{label:<4} {good:>3}/{total:<3} {good / total:4.0%}  {what}")
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
