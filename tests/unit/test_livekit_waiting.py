"""When the web tier dispatches an interviewer again (`signaling.livekit.waiting.next_step`).

The real rooms, workers and dropped jobs are exercised in tests/server/test_livekit_calls.py;
here every branch of the decision, which those runs reach only by timing."""

from __future__ import annotations

from collections.abc import Sequence

from livekit.protocol.agent import JobStatus

from signaling.livekit.waiting import (
    CANDIDATE_JOIN_S,
    MAX_BACKOFF_S,
    SETTLE_S,
    WAIT_LIMIT_S,
    Step,
    _backoff,
    next_step,
)

CANDIDATE = "candidate-1"


def step(
    present: set[str],
    jobs: Sequence[int] | None = (),
    *,
    waited_s: float = 30.0,
    since_dispatch_s: float = 30.0,
    since_candidate_s: float = 30.0,
    backoff_s: float = SETTLE_S,
) -> Step:
    return next_step(
        present,
        CANDIDATE,
        jobs,
        waited_s=waited_s,
        since_dispatch_s=since_dispatch_s,
        since_candidate_s=since_candidate_s,
        backoff_s=backoff_s,
    )


def test_an_interviewer_in_the_room_ends_the_watch() -> None:
    assert step({CANDIDATE, "interviewer-AJ_1"}) is Step.JOINED
    # Even one that arrived before the candidate, or after the wait limit.
    assert step({"interviewer-AJ_1"}, waited_s=WAIT_LIMIT_S + 1) is Step.JOINED


def test_a_candidate_alone_with_no_live_job_gets_another_dispatch() -> None:
    assert step({CANDIDATE}) is Step.DISPATCH
    for ended in (JobStatus.JS_FAILED, JobStatus.JS_SUCCESS, JobStatus.JS_CANCELLED):
        assert step({CANDIDATE}, [ended]) is Step.DISPATCH
    # Other people in the room (a second tab of nobody) change nothing.
    assert step({CANDIDATE, "someone-else"}) is Step.DISPATCH


def test_a_job_being_taken_is_left_to_its_worker() -> None:
    for live in (JobStatus.JS_PENDING, JobStatus.JS_RUNNING):
        assert step({CANDIDATE}, [JobStatus.JS_FAILED, live]) is Step.WAIT
    assert step({CANDIDATE}, None) is Step.WAIT  # LiveKit could not list the dispatches


def test_a_fresh_dispatch_or_a_fresh_candidate_settles_first() -> None:
    assert step({CANDIDATE}, since_dispatch_s=SETTLE_S - 0.5) is Step.WAIT
    assert step({CANDIDATE}, since_candidate_s=SETTLE_S - 0.5) is Step.WAIT
    assert step({CANDIDATE}, since_dispatch_s=5.0, backoff_s=MAX_BACKOFF_S) is Step.WAIT


def test_no_candidate_means_wait_then_give_up() -> None:
    assert step(set(), waited_s=CANDIDATE_JOIN_S - 1) is Step.WAIT
    assert step(set(), waited_s=CANDIDATE_JOIN_S + 1) is Step.GIVE_UP
    assert step({CANDIDATE}, waited_s=WAIT_LIMIT_S) is Step.GIVE_UP


def test_backoff_grows_from_settle_to_its_cap() -> None:
    waits = [_backoff(n) for n in range(8)]
    assert waits[0] == waits[1] == SETTLE_S
    assert waits == sorted(waits) and waits[-1] == MAX_BACKOFF_S
    assert sum(1 for w in waits if w == MAX_BACKOFF_S) >= 3
