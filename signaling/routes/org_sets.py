"""An organisation's practice sets, for its admins: list, create, read, change, delete.

A set is an interview template (role, level, type, length, persona, job description) open
within a window of dates; students start it from the widget (`routes.embed`). Another
organisation's set is 404.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from agent.store.practice_sets import PracticeSetStore, SetFields

from ..auth.org import OrgAdminCtx
from ..errors import ApiError
from ..orgs.schemas import PracticeSetIn, PracticeSetOut
from .common import parse_id, ready_runtime
from .embed import today

router = APIRouter(tags=["organisations"])

_NOT_FOUND = "No practice set has this id."


def _fields(body: PracticeSetIn) -> SetFields:
    return SetFields(
        name=body.name,
        setup=body.setup.model_dump(mode="json"),
        job_description=body.job_description or None,
        opens_on=body.opens_on,
        closes_on=body.closes_on,
    )


@router.get("/api/orgs/{org_id}/sets")
async def list_sets(ctx: OrgAdminCtx, request: Request) -> list[PracticeSetOut]:
    sets = await PracticeSetStore(ready_runtime(request).db_pool).list(ctx.org.id)
    day = today()
    return [PracticeSetOut.of(s, day) for s in sets]


@router.post("/api/orgs/{org_id}/sets", status_code=201)
async def create_set(ctx: OrgAdminCtx, body: PracticeSetIn, request: Request) -> PracticeSetOut:
    created = await PracticeSetStore(ready_runtime(request).db_pool).create(
        ctx.org.id, _fields(body)
    )
    return PracticeSetOut.of(created, today())


@router.get("/api/orgs/{org_id}/sets/{set_id}")
async def get_set(ctx: OrgAdminCtx, set_id: str, request: Request) -> PracticeSetOut:
    found = await PracticeSetStore(ready_runtime(request).db_pool).get(
        ctx.org.id, parse_id(set_id, "practice set")
    )
    if found is None:
        raise ApiError(404, "not_found", _NOT_FOUND)
    return PracticeSetOut.of(found, today())


@router.put("/api/orgs/{org_id}/sets/{set_id}")
async def update_set(
    ctx: OrgAdminCtx, set_id: str, body: PracticeSetIn, request: Request
) -> PracticeSetOut:
    updated = await PracticeSetStore(ready_runtime(request).db_pool).update(
        ctx.org.id, parse_id(set_id, "practice set"), _fields(body)
    )
    if updated is None:
        raise ApiError(404, "not_found", _NOT_FOUND)
    return PracticeSetOut.of(updated, today())


@router.delete("/api/orgs/{org_id}/sets/{set_id}", status_code=204)
async def delete_set(ctx: OrgAdminCtx, set_id: str, request: Request) -> Response:
    deleted = await PracticeSetStore(ready_runtime(request).db_pool).delete(
        ctx.org.id, parse_id(set_id, "practice set")
    )
    if not deleted:
        raise ApiError(404, "not_found", _NOT_FOUND)
    return Response(status_code=204)
