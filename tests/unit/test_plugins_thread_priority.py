"""Model threads run below the event loop: those a model starts while loading, and its
executor's, are lowered; the caller is not."""

from __future__ import annotations

import concurrent.futures
import os
import threading

from agent.plugins.thread_priority import (
    BACKGROUND_NICE,
    lower_this_thread,
    threads_started_lowered,
)


def _nice(tid: int) -> int:
    return os.getpriority(os.PRIO_PROCESS, tid)


def test_threads_started_in_the_block_are_lowered_and_the_caller_is_not() -> None:
    base = _nice(os.getpid())
    started: list[int] = []
    release = threading.Event()

    def park() -> None:
        started.append(threading.get_native_id())
        release.wait(10)

    with threads_started_lowered():
        worker = threading.Thread(target=park)
        worker.start()
        while not started:
            pass
    try:
        assert _nice(started[0]) == min(19, base + BACKGROUND_NICE)
        assert _nice(threading.get_native_id()) == base
    finally:
        release.set()
        worker.join()


def test_an_executors_threads_lower_themselves() -> None:
    base = _nice(os.getpid())
    with concurrent.futures.ThreadPoolExecutor(1, initializer=lower_this_thread) as pool:
        nice = pool.submit(lambda: _nice(threading.get_native_id())).result()
    assert nice == min(19, base + BACKGROUND_NICE)
    assert _nice(threading.get_native_id()) == base
