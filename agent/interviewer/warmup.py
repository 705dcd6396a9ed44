"""Warming a process's interviewer before its first call.

The first answer an `Interviewer` reads in a process loads what reading answers needs: the
sentence embedder, the skill and wording tables, the compiled rules. That costs about a
second on a busy 2-core machine. A call decides its reply on a worker thread while its
acknowledgement ("Okay.") is spoken, so this load held the interpreter just when the
acknowledgement's audio had to go out: the first reply of every call reached the candidate
1-5 s late, on every transport. Each process that runs calls (the embedded server, a LiveKit
job process) warms once at start instead, on a throwaway interview.
"""

from __future__ import annotations

import logging
import time

from .interviewer import Interviewer

log = logging.getLogger(__name__)

_SAMPLE_ANSWER = (
    "I built an order service in Python with Postgres, added a queue for retries, "
    "and cut the failed payments by half."
)


def warm_interviewer() -> float:
    """Reads one made-up answer with a throwaway interviewer; returns the seconds it took.
    Blocking: run it in a thread, or where blocking is expected (a job process's prewarm)."""
    started = time.perf_counter()
    interviewer = Interviewer("backend_engineer", "junior", "technical", seed=0)
    interviewer.reply(None)
    interviewer.reply(_SAMPLE_ANSWER)
    took = time.perf_counter() - started
    log.info("interviewer warmed in %.2f s", took)
    return took
