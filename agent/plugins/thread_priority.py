"""The speech models' compute threads run below the event loop that carries the calls' audio.

A Whisper decode takes both cores of a two-core machine for a quarter of a second, a Piper
sentence about as long. At the same priority as the event loop they hold it off the CPU, so
the 20 ms packets of every call's interviewer voice leave in bursts; the browser's jitter
buffer then grows to half a second to ride them out, and every later reply is heard that
much later. Lowered by `BACKGROUND_NICE` (Linux nice is per thread, and a thread's children
inherit it), the model threads still get every cycle the loop leaves, which is most of them,
but the loop's 20 ms wake-ups come first.

Lowering a thread's priority needs no privilege. Where the platform has no per-thread
priority (not Linux), nothing changes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator

log = logging.getLogger(__name__)

BACKGROUND_NICE = 5
"""Above the process's own nice: the event loop gets about three times their CPU share
when both want it."""
_TASKS = "/proc/self/task"


def _threads() -> set[int]:
    try:
        return {int(name) for name in os.listdir(_TASKS)}
    except OSError:
        return set()


def lower(tid: int) -> bool:
    """Runs thread ``tid`` of this process at `BACKGROUND_NICE` above the process's nice
    (never raised back if it is lower already). False where that is not possible."""
    try:
        base = os.getpriority(os.PRIO_PROCESS, os.getpid())
        target = min(19, base + BACKGROUND_NICE)
        if os.getpriority(os.PRIO_PROCESS, tid) < target:
            os.setpriority(os.PRIO_PROCESS, tid, target)
    except OSError:  # gone already, or not allowed: it runs as before
        return False
    return True


def lower_this_thread() -> None:
    """For a model's executor threads (``ThreadPoolExecutor(initializer=...)``)."""
    lower(threading.get_native_id())


@contextlib.contextmanager
def threads_started_lowered() -> Iterator[None]:
    """Every thread started inside the block (a model's own compute pool, made when it loads)
    is lowered at its end; the calling thread is not."""
    before = _threads()
    try:
        yield
    finally:
        caller = threading.get_native_id()
        started = _threads() - before - {caller}
        lowered = sum(lower(tid) for tid in started)
        log.debug("lowered %d of %d model threads", lowered, len(started))
