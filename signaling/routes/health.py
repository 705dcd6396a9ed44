"""Readiness and the choices a candidate can make before a call."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from agent.interviewer import bank

from ..webrtc.ice import browser_ice_servers
from .common import runtime_of

router = APIRouter()


@router.get("/healthz")
async def healthz(request: Request) -> JSONResponse:
    runtime = runtime_of(request)
    if runtime.ready:
        return JSONResponse({"status": "ok"})
    status = "failed" if runtime.error else "starting"
    return JSONResponse({"status": status, "error": runtime.error}, status_code=503)


@router.get("/api/options")
async def options(request: Request) -> dict[str, object]:
    out: dict[str, object] = dict(bank.options())
    out["ice_servers"] = browser_ice_servers(runtime_of(request).settings)
    return out
