"""An organisation's settings for its admins: origins, server key, and the admins themselves.

Every route is for the organisation's admins only (404 for anyone else, `auth.org`); the
operator sets quotas and creates organisations with the `mockline org` command.
"""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request, Response

from agent.store.org_members import OrgMemberStore
from agent.store.orgs import Organisation, OrgStore

from ..auth.deps import CurrentUser
from ..auth.embed import OriginError, normalized_origin
from ..auth.org import OrgAdminCtx
from ..errors import ApiError
from ..orgs.schemas import (
    AcceptInvitationIn,
    AdminOut,
    InvitationOut,
    OrgOut,
    OriginsIn,
    ServerKeyOut,
)
from ..runtime import Runtime
from .common import parse_id, ready_runtime

router = APIRouter(tags=["organisations"])


def clean_origins(raw: list[str]) -> list[str]:
    """Exact origins, deduplicated in order; a wildcard or a non-origin is 400."""
    try:
        cleaned = [normalized_origin(origin) for origin in raw]
    except OriginError as exc:
        raise ApiError(400, "invalid_origin", str(exc)) from None
    return list(dict.fromkeys(cleaned))


async def org_out(runtime: Runtime, org: Organisation) -> OrgOut:
    return OrgOut(
        **org.model_dump(exclude={"created_at"}),
        interviews_today=await OrgMemberStore(runtime.db_pool).used_today(org.id),
        server_key=await OrgStore(runtime.db_pool).live_key(org.id),
    )


@router.get("/api/orgs/mine")
async def my_orgs(user: CurrentUser, request: Request) -> list[OrgOut]:
    """The organisations the caller administers (none, or one)."""
    runtime = ready_runtime(request)
    if user.org_role != "admin" or user.organisation_id is None or user.is_student:
        return []
    org = await OrgStore(runtime.db_pool).get(user.organisation_id)
    return [await org_out(runtime, org)] if org else []


@router.post("/api/org-invitations/accept")
async def accept_invitation(
    body: AcceptInvitationIn, user: CurrentUser, request: Request
) -> OrgOut:
    runtime = ready_runtime(request)
    if user.is_guest or user.is_student or user.email is None:
        raise ApiError(409, "account_required", "Sign up or sign in first, then accept.")
    orgs = OrgStore(runtime.db_pool)
    outcome = await orgs.accept_invitation(body.invitation, user.id)
    if outcome == "invalid":
        raise ApiError(404, "not_found", "This invitation is unknown, used or expired.")
    if outcome == "has_organisation":
        raise ApiError(
            409, "has_organisation", "This account already belongs to another organisation."
        )
    me = await runtime.users.get_user(user.id)
    assert me is not None and me.organisation_id is not None
    org = await orgs.get(me.organisation_id)
    assert org is not None
    return await org_out(runtime, org)


@router.get("/api/orgs/{org_id}")
async def get_org(ctx: OrgAdminCtx, request: Request) -> OrgOut:
    return await org_out(ready_runtime(request), ctx.org)


@router.put("/api/orgs/{org_id}/origins")
async def set_origins(ctx: OrgAdminCtx, body: OriginsIn, request: Request) -> OrgOut:
    runtime = ready_runtime(request)
    org = await OrgStore(runtime.db_pool).set_origins(ctx.org.id, clean_origins(body.origins))
    if org is None:
        raise ApiError(404, "not_found", "No organisation has this id.")
    runtime.org_origins.forget()
    return await org_out(runtime, org)


@router.post("/api/orgs/{org_id}/server-key", status_code=201)
async def rotate_server_key(ctx: OrgAdminCtx, request: Request) -> ServerKeyOut:
    """A new server key, shown once; the old one and its embed tokens stop working now."""
    key, info = await OrgStore(ready_runtime(request).db_pool).rotate_server_key(ctx.org.id)
    return ServerKeyOut(server_key=key, prefix=info.prefix, created_at=info.created_at)


@router.get("/api/orgs/{org_id}/admins")
async def list_admins(ctx: OrgAdminCtx, request: Request) -> list[AdminOut]:
    admins = await OrgStore(ready_runtime(request).db_pool).admins(ctx.org.id)
    return [AdminOut.model_validate(a.model_dump()) for a in admins]


@router.post("/api/orgs/{org_id}/invitations", status_code=201)
async def invite_admin(ctx: OrgAdminCtx, request: Request) -> InvitationOut:
    token, expires_at = await OrgStore(ready_runtime(request).db_pool).create_invitation(ctx.org.id)
    return InvitationOut(
        invitation=token, url=invitation_url(str(request.base_url), token), expires_at=expires_at
    )


def invitation_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/org#invite={token}"


@router.delete("/api/orgs/{org_id}/admins/{admin_id}", status_code=204)
async def remove_admin(ctx: OrgAdminCtx, admin_id: str, request: Request) -> Response:
    orgs = OrgStore(ready_runtime(request).db_pool)
    target: UUID = parse_id(admin_id, "admin")
    admins = await orgs.admins(ctx.org.id)
    if target not in {a.id for a in admins}:
        raise ApiError(404, "not_found", "No admin has this id.")
    if len(admins) == 1:
        raise ApiError(409, "last_admin", "An organisation keeps at least one admin.")
    await orgs.remove_admin(ctx.org.id, target)
    return Response(status_code=204)
