"""What every route module shares: the runtime of the request, and id parsing."""

from __future__ import annotations

from uuid import UUID

from fastapi import Request

from agent.store.models import Interview

from ..errors import ApiError
from ..runtime import Runtime


def runtime_of(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def ready_runtime(request: Request) -> Runtime:
    """The runtime once the database and models are up; 503 before."""
    runtime = runtime_of(request)
    if not runtime.ready:
        raise ApiError(503, "starting", "Mockline is still starting up; try again in a moment.")
    return runtime


def parse_id(raw: str, what: str = "item") -> UUID:
    """A path id; anything that is not a UUID is simply not found (404)."""
    try:
        return UUID(raw)
    except ValueError:
        raise ApiError(404, "not_found", f"No {what} has this id.") from None


async def owned_interview(runtime: Runtime, raw_id: str, user_id: UUID) -> Interview:
    """The user's interview with this path id; 404 for anything else (another user's
    interview reads as not found, never 403)."""
    interview = await runtime.store.get_owned(parse_id(raw_id, "interview"), user_id)
    if interview is None:
        raise ApiError(404, "not_found", "No interview has this id.")
    return interview
