"""Who may use an organisation's routes: its admins, its students, and its portal's backend.

Every dependency here answers 404 ``not_found`` for an organisation the caller does not
belong to (it may exist or not: ids do not leak), and works from the path's ``org_id``.
- `OrgAdminCtx`: a signed-in user who is an admin of the organisation.
- `OrgStudentCtx`: a student of the organisation, signed in with one of its embed tokens.
- `ServerKeyCtx`: the portal's backend, with the organisation's live server key as Bearer
  (401 ``invalid_server_key`` otherwise, for any organisation id).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Request

from agent.store.models import User
from agent.store.orgs import Organisation, OrgStore

from ..errors import ApiError
from ..routes.common import parse_id, ready_runtime
from .deps import CurrentUser, bearer_token

_NOT_FOUND = "No organisation has this id."


@dataclass(frozen=True, slots=True)
class OrgMember:
    org: Organisation
    user: User


@dataclass(frozen=True, slots=True)
class ServerKeyHolder:
    org: Organisation
    key_id: UUID


async def _member_org(org_id: str, user: User, request: Request) -> Organisation:
    wanted = parse_id(org_id, "organisation")
    if user.organisation_id != wanted:
        raise ApiError(404, "not_found", _NOT_FOUND)
    org = await OrgStore(ready_runtime(request).db_pool).get(wanted)
    if org is None:
        raise ApiError(404, "not_found", _NOT_FOUND)
    return org


async def org_admin(org_id: str, user: CurrentUser, request: Request) -> OrgMember:
    if user.org_role != "admin" or user.is_student:
        raise ApiError(404, "not_found", _NOT_FOUND)
    return OrgMember(await _member_org(org_id, user, request), user)


async def org_student(org_id: str, user: CurrentUser, request: Request) -> OrgMember:
    if not user.is_student:
        raise ApiError(404, "not_found", _NOT_FOUND)
    return OrgMember(await _member_org(org_id, user, request), user)


async def server_key_holder(org_id: str, request: Request) -> ServerKeyHolder:
    runtime = ready_runtime(request)
    key = bearer_token(request)
    refused = ApiError(
        401, "invalid_server_key", "Send the organisation's server key as the Bearer token."
    )
    if key is None:
        raise refused
    orgs = OrgStore(runtime.db_pool)
    owner = await orgs.owner_of_key(key)
    if owner is None or str(owner.organisation_id) != org_id.strip().lower():
        raise refused
    org = await orgs.get(owner.organisation_id)
    if org is None:
        raise refused
    return ServerKeyHolder(org, owner.key_id)


OrgAdminCtx = Annotated[OrgMember, Depends(org_admin)]
OrgStudentCtx = Annotated[OrgMember, Depends(org_student)]
ServerKeyCtx = Annotated[ServerKeyHolder, Depends(server_key_holder)]
