"""The ASGI application: API, pages, static files, error shape, and the runtime's lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from web_client import STATIC_DIR

from . import embed_pages, pages
from .errors import install_error_handlers
from .limits import BodySizeLimit
from .livekit import webhooks
from .middleware import install_security_middleware
from .routes import (
    auth,
    conversation,
    dial_in,
    embed,
    health,
    interviews,
    keys,
    live,
    me,
    metrics,
    org_admin,
    org_cohort,
    org_sets,
    reports,
    resumes,
)
from .runtime import Runtime


def create_app(runtime: Runtime) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        runtime.start_loading()
        try:
            yield
        finally:
            await runtime.aclose()

    app = FastAPI(title="Mockline", version="0.1.0", lifespan=lifespan)
    app.state.runtime = runtime
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit)
    install_security_middleware(app, runtime.settings, org_origins=runtime.org_origins.allows)
    for routes in (
        health,
        interviews,
        dial_in,
        live,
        conversation,
        auth,
        me,
        keys,
        resumes,
        reports,
    ):
        app.include_router(routes.router)
    for routes in (metrics, org_admin, org_sets, org_cohort, embed):
        app.include_router(routes.router)
    app.include_router(webhooks.router)
    app.include_router(pages.router)
    app.include_router(embed_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
