"""A LiveKit worker's own series survive livekit-agents emptying the multiprocess folder.

The worker sets ``PROMETHEUS_MULTIPROC_DIR`` and imports `agent.metrics`; livekit-agents then
empties that folder when the worker starts. A series whose value exists from import (one
without labels) opens this process's file before the emptying, and every later value of the
same kind goes to the deleted file: the worker's load vanished from its ``/metrics`` that way.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from prometheus_client.metrics import MetricWrapperBase

from agent import metrics

_WORKER = """
import pathlib, sys
from agent import metrics

folder = pathlib.Path(sys.argv[1])
for path in folder.iterdir():  # what livekit-agents does when the worker starts
    path.unlink()
metrics.WORKER_LOAD.labels(agent="mockline").set(1.0)
metrics.ACTIVE_CALLS.labels(transport="livekit").inc()
metrics.observe_loop_lag("worker", 0.2, 0.3)
metrics.ERRORS.labels(kind="dispatch_refused").inc()
sys.stdout.write(metrics.exposition()[0].decode())
"""


def test_every_series_is_made_on_first_use() -> None:
    series = [m for m in vars(metrics).values() if isinstance(m, MetricWrapperBase)]
    assert len(series) >= 8
    unlabelled = [m._name for m in series if not m._labelnames]
    assert unlabelled == []


def test_values_set_after_the_folder_is_emptied_are_exported(tmp_path: Path) -> None:
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", _WORKER, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert 'mockline_worker_load{agent="mockline"} 1.0' in lines
    assert 'mockline_active_calls{transport="livekit"} 1.0' in lines
    assert 'mockline_event_loop_lag_worst_seconds{process="worker"} 0.3' in lines
    assert 'mockline_errors_total{kind="dispatch_refused"} 1.0' in lines
