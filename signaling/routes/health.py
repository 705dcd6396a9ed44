"""Liveness (`/healthz`), readiness (`/readyz`), and the choices a candidate can make before a
call (`/api/options`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from agent.interviewer import bank

from ..readiness import readiness
from ..webrtc.ice import browser_ice_servers
from .common import runtime_of

router = APIRouter()


@router.get("/healthz")
async def healthz(request: Request) -> JSONResponse:
    """200 while the process and its event loop answer, starting up included; 503 only when
    start-up failed for good (restarting the process is then the remedy)."""
    runtime = runtime_of(request)
    if runtime.error is not None:
        return JSONResponse({"status": "failed", "error": runtime.error}, status_code=503)
    return JSONResponse({"status": "ok"})


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """200 when new work may come here; else 503 with the reason (see `signaling.readiness`)."""
    state = await readiness(runtime_of(request))
    if state.ready:
        return JSONResponse({"status": "ready", "checks": state.checks})
    headers = {"Retry-After": str(state.retry_after_s)} if state.retry_after_s else None
    return JSONResponse(
        {
            "status": "not_ready",
            "reason": state.reason,
            "message": state.message,
            "checks": state.checks,
        },
        status_code=503,
        headers=headers,
    )


@router.get("/api/options")
async def options(request: Request) -> dict[str, object]:
    out: dict[str, object] = dict(bank.options())
    out["ice_servers"] = browser_ice_servers(runtime_of(request).settings)
    return out
