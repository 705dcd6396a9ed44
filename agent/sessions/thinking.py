"""The interviewer's CPU work for typed interviews, in worker processes sized to the cores.

Planning an interview and each typed turn embed text and run the interview graph: pure
Python and numpy for the most part, so in a thread they still hold the GIL that the event
loop needs (20 typed interviews at once stalled ``/healthz`` and calls' audio for a second
and more). A worker process takes the interviewer's state (plain JSON data by contract),
runs the step, and returns the new state and what was said; the event loop only rebuilds
the `Interviewer` from it.

Workers run at a lower CPU priority (`WORKER_NICE`): on a machine the size of its cores, a
burst of typed turns would otherwise take the cores from the server process, whose event
loop carries live calls' audio (loop lag p99 was 136 ms with 20 typed interviews and 2 calls
on 2 cores). Typed replies can wait tens of milliseconds more; audio cannot.

Workers are fresh interpreters (``spawn``), not forks of the server with its models, threads
and sockets; one pool per process, started on first use or by `warm()` (the server does
it at start-up, so no reply pays for loading the embedding model) and stopped by
`aclose_thinking()`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import multiprocessing
import os
import threading

from agent.interviewer import Interviewer
from agent.interviewer.model_reading import ModelReading
from agent.interviewer.setup import InterviewSetup
from agent.interviewer.state import InterviewState
from agent.understanding import CandidateProfile, JobDescription
from agent.understanding.embeddings import default_embedder

WORKER_NICE = 10
"""Added to a worker's niceness: under Linux's scheduler a process at +10 gets about a tenth
of the share of one at 0 while both want the same core."""


def pool_size() -> int:
    """One worker per core this process may run on."""
    return max(1, len(os.sched_getaffinity(0)))


# -- in the worker -------------------------------------------------------------------------
def _lower_priority() -> None:
    with contextlib.suppress(OSError):  # not permitted: it runs at the server's priority
        os.nice(WORKER_NICE)


def _warm() -> int:
    default_embedder().embed(["warm up"])
    return os.getpid()


def _plan(
    setup: InterviewSetup,
    profile: CandidateProfile | None,
    job_description: str | None,
    seed: int | None,
) -> InterviewState:
    job = JobDescription.from_text(job_description) if job_description else None
    return Interviewer.create(setup, profile=profile, job=job, seed=seed).snapshot()


def _turn(
    state: InterviewState,
    text: str | None,
    elapsed_s: float | None,
    reading: ModelReading | None = None,
) -> tuple[InterviewState, str]:
    interviewer = Interviewer.from_snapshot(state)
    if text is None:
        said = interviewer.resume(elapsed_s=elapsed_s)
    else:
        said = interviewer.reply(text, elapsed_s=elapsed_s, reading=reading)
    return interviewer.snapshot(), said


# -- in the server -------------------------------------------------------------------------
_lock = threading.Lock()
_executor: concurrent.futures.ProcessPoolExecutor | None = None


def _pool() -> concurrent.futures.ProcessPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            _executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=pool_size(),
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_lower_priority,
            )
        return _executor


async def warm() -> None:
    """Starts every worker and loads its embedding model."""
    loop = asyncio.get_running_loop()
    await asyncio.gather(*(loop.run_in_executor(_pool(), _warm) for _ in range(pool_size())))


async def plan_in_pool(
    setup: InterviewSetup,
    *,
    profile: CandidateProfile | None,
    job_description: str | None,
    seed: int | None,
) -> Interviewer:
    """`Interviewer.create` (it embeds the job and the questions) in a worker."""
    loop = asyncio.get_running_loop()
    state = await loop.run_in_executor(_pool(), _plan, setup, profile, job_description, seed)
    return Interviewer.from_snapshot(state)


async def turn_in_pool(
    interviewer: Interviewer,
    text: str | None,
    *,
    elapsed_s: float | None,
    reading: ModelReading | None = None,
) -> tuple[Interviewer, str]:
    """The interviewer after one step, and what it said: its reply to ``text`` (read by a
    model when ``reading`` is given), or with ``text=None`` its opening or "welcome back"
    (`Interviewer.resume`)."""
    loop = asyncio.get_running_loop()
    state, said = await loop.run_in_executor(
        _pool(), _turn, interviewer.snapshot(), text, elapsed_s, reading
    )
    return Interviewer.from_snapshot(state), said


async def aclose_thinking() -> None:
    """Stops the workers (the server's shutdown); a later use starts new ones."""
    global _executor
    with _lock:
        executor, _executor = _executor, None
    if executor is not None:
        await asyncio.to_thread(executor.shutdown, wait=True, cancel_futures=True)
