"""The signed-in user's own account: profile, privacy settings, data export, deletion."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from ..auth.deps import CurrentAccess, CurrentUser
from ..auth.sessions import end_sessions
from ..errors import ApiError
from ..export import build_export
from .auth import REFRESH_COOKIE, UserOut
from .common import ready_runtime

router = APIRouter(prefix="/api/me", tags=["account"])


class SettingsPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    store_audio: bool | None = None
    # Absent: unchanged. null: keep transcripts until deleted. 1..3650: days to keep.
    transcript_retention_days: int | None = Field(default=None, ge=1, le=3650)


@router.get("")
async def me(user: CurrentUser) -> UserOut:
    return UserOut.of(user)


@router.patch("/settings")
async def update_settings(body: SettingsPatch, user: CurrentUser, request: Request) -> UserOut:
    runtime = ready_runtime(request)
    clear = (
        "transcript_retention_days" in body.model_fields_set
        and body.transcript_retention_days is None
    )
    updated = await runtime.users.update_settings(
        user.id,
        store_audio=body.store_audio,
        transcript_retention_days=body.transcript_retention_days,
        clear_retention=clear,
    )
    if updated is None:
        raise ApiError(401, "unauthorized", "This account no longer exists.")
    if body.transcript_retention_days is not None:
        await runtime.users.purge_expired_transcripts()
    return UserOut.of(updated)


def _json_default(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


@router.get("/export", response_class=Response)
async def export(user: CurrentUser, request: Request) -> Response:
    runtime = ready_runtime(request)
    data, files = await build_export(runtime, user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, indent=2, default=_json_default))
        for name, content in files:
            archive.writestr(name, content)
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="mockline-export.zip"'},
    )


@router.delete("", status_code=204)
async def delete_account(access: CurrentAccess, request: Request) -> Response:
    """Deletes everything the user owns and ends every session of theirs, access tokens too."""
    runtime = ready_runtime(request)
    user = access.user
    for interview in await runtime.store.list_for_owner(user.id):
        await runtime.sessions.hang_up(interview.id)
    families = await runtime.users.live_refresh_families(user.id)
    await runtime.users.delete_user(user.id)
    await end_sessions(runtime, families, access.claims)
    response = Response(status_code=204)
    response.delete_cookie(REFRESH_COOKIE, path="/api/auth")
    return response
