"""Readiness: may this process take new work now? The answer behind ``GET /readyz``.

Liveness (``/healthz``) only says the process and its event loop answer. Readiness also
needs: start-up finished (database started, speech models loaded), the database answering a
cheap query within a second, the embedded database not given up on after a crash loop, and
the event loop not lagging (`loop_lag`). The first check that fails is the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .runtime import Runtime

Reason = Literal[
    "starting",
    "startup_failed",
    "database_failed",
    "database_unavailable",
    "overloaded",
]

# Seconds a client (or a balancer) should wait before asking again, for reasons that pass.
RETRY_AFTER_S: dict[Reason, int] = {
    "starting": 2,
    "database_unavailable": 5,
    "overloaded": 2,
}


@dataclass(frozen=True, slots=True)
class Readiness:
    reason: Reason | None
    message: str
    checks: dict[str, str] = field(default_factory=dict)

    @property
    def ready(self) -> bool:
        return self.reason is None

    @property
    def retry_after_s(self) -> int | None:
        return RETRY_AFTER_S.get(self.reason) if self.reason is not None else None


def _loading_checks(runtime: Runtime) -> dict[str, str]:
    checks = {
        "database": "ok" if runtime.db is not None else "starting",
        # In LiveKit mode the workers hold the speech models; this process loads none.
        "models": "loaded"
        if runtime.speech is not None
        else ("on workers" if runtime.livekit is not None else "loading"),
    }
    if runtime.settings.sip_port is not None and runtime.livekit is None:
        checks["dial_in"] = "listening" if runtime.sip is not None else "starting"
    return checks


async def readiness(runtime: Runtime) -> Readiness:
    checks = _loading_checks(runtime)
    if runtime.error is not None:
        return Readiness("startup_failed", f"start-up failed: {runtime.error}", checks)
    if runtime.db is None or not runtime.ready or checks.get("dial_in") == "starting":
        return Readiness("starting", runtime.phase, checks)
    supervisor = runtime.db.supervisor
    if supervisor is not None and supervisor.failure is not None:
        checks["database"] = "failed"
        return Readiness("database_failed", supervisor.failure, checks)
    problem = await runtime.db.probe.check()
    if problem is not None:
        restarting = supervisor is not None and supervisor.restarting
        checks["database"] = "restarting" if restarting else "unavailable"
        return Readiness(
            "database_unavailable",
            f"the database does not answer ({problem})"
            + ("; the embedded PostgreSQL is being restarted" if restarting else ""),
            checks,
        )
    lag_s = runtime.loop_lag.worst_lag_s()
    checks["event_loop"] = f"{lag_s * 1000:.0f} ms worst lag"
    if runtime.loop_lag.overloaded:
        return Readiness("overloaded", f"the event loop lagged {lag_s:.1f} s", checks)
    return Readiness(None, "ready", checks)
