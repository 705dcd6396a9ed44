"""Resumes: upload (PDF, DOCX, TXT), list, read with text, its profile, download, delete.

Every route is scoped to the signed-in owner; another user's resume is 404, never 403.
Uploads are bounded twice: `signaling.limits` refuses bodies over 6 MB before reading them,
and the multipart form is read with at most one file part. Parsing happens in the worker
pool of `agent.intake`, never on the event loop. Resume text and file names are personal
data: log lines carry ids and rejection codes only.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from agent.intake import MAX_FILE_BYTES, UploadRejected, parse_upload
from agent.intake.extract import too_large
from agent.intake.filenames import safe_filename
from agent.store.resumes import Resume, ResumeKind, ResumeStore, ResumeWithText
from agent.understanding import CandidateProfile, build_profile

from ..auth.deps import CurrentUser
from ..errors import ApiError
from .common import parse_id, ready_runtime

log = logging.getLogger(__name__)

router = APIRouter()

_NOT_FOUND = "No resume has this id."
_MEDIA_TYPES: dict[ResumeKind, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
}
_STATUS_OF_CODE = {"too_large": 413, "busy": 503}
# The form may carry a few small text fields besides the file; none is used.
_MAX_FORM_FIELDS = 8
_MAX_FIELD_BYTES = 16 * 1024
_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}


class ResumeOut(BaseModel):
    id: UUID
    filename: str
    kind: ResumeKind | None
    size_bytes: int | None
    pages: int | None
    created_at: datetime
    text_preview: str

    @classmethod
    def of(cls, resume: Resume) -> ResumeOut:
        return cls.model_validate(resume.model_dump(include=set(cls.model_fields)))


class ResumeTextOut(ResumeOut):
    text: str

    @classmethod
    def with_text(cls, resume: ResumeWithText) -> ResumeTextOut:
        return cls.model_validate(resume.model_dump(include=set(cls.model_fields)))


def _store(request: Request) -> ResumeStore:
    runtime = ready_runtime(request)
    if runtime.db is None:  # ready implies a database; this keeps the type checker honest
        raise ApiError(503, "starting", "Mockline is still starting up; try again in a moment.")
    return ResumeStore(runtime.db.pool)


async def _read_upload(request: Request) -> tuple[bytes, str | None, str | None]:
    """The one uploaded file's bytes, name and declared type."""
    try:
        async with request.form(
            max_files=1, max_fields=_MAX_FORM_FIELDS, max_part_size=_MAX_FIELD_BYTES
        ) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise ApiError(
                    400, "missing_file", 'Choose a file to upload (multipart form field "file").'
                )
            data = await upload.read(MAX_FILE_BYTES + 1)
            return data, _form_filename(upload.filename), upload.content_type
    except StarletteHTTPException:  # malformed multipart, or more than one file part
        raise ApiError(
            400, "invalid_upload", 'Send exactly one file, in the multipart form field "file".'
        ) from None


@router.post("/api/resumes", status_code=201, openapi_extra=_UPLOAD_BODY)
async def upload_resume(request: Request, user: CurrentUser) -> ResumeOut:
    store = _store(request)
    data, filename, content_type = await _read_upload(request)
    if len(data) > MAX_FILE_BYTES:
        raise ApiError(413, "too_large", too_large().message)
    try:
        document = await parse_upload(data, filename or "", content_type)
    except UploadRejected as rejected:
        log.info("resume upload by user %s rejected: %s", user.id, rejected.code)
        raise ApiError(
            _STATUS_OF_CODE.get(rejected.code, 400), rejected.code, rejected.message
        ) from None
    resume = await store.add(
        owner_id=user.id,
        filename=safe_filename(filename, document.kind),
        content_type=(content_type or "")[:200] or None,
        kind=document.kind,
        data=data,
        text=document.text,
        pages=document.pages,
    )
    return ResumeOut.of(resume)


@router.get("/api/resumes")
async def list_resumes(request: Request, user: CurrentUser) -> list[ResumeOut]:
    return [ResumeOut.of(resume) for resume in await _store(request).list_for_owner(user.id)]


@router.get("/api/resumes/{resume_id}")
async def get_resume(resume_id: str, request: Request, user: CurrentUser) -> ResumeTextOut:
    resume = await _store(request).get_owned(parse_id(resume_id, "resume"), user.id)
    if resume is None:
        raise ApiError(404, "not_found", _NOT_FOUND)
    return ResumeTextOut.with_text(resume)


@router.get("/api/resumes/{resume_id}/profile")
async def resume_profile(resume_id: str, request: Request, user: CurrentUser) -> CandidateProfile:
    """Skills, roles, years, projects and education read from the stored text, for the
    candidate to correct before sending it with a new interview."""
    resume = await _store(request).get_owned(parse_id(resume_id, "resume"), user.id)
    if resume is None:
        raise ApiError(404, "not_found", _NOT_FOUND)
    return await asyncio.to_thread(build_profile, resume.text)


@router.get("/api/resumes/{resume_id}/file")
async def download_resume(resume_id: str, request: Request, user: CurrentUser) -> Response:
    resume = await _store(request).get_file_owned(parse_id(resume_id, "resume"), user.id)
    if resume is None:
        raise ApiError(404, "not_found", _NOT_FOUND)
    media_type = _MEDIA_TYPES[resume.kind] if resume.kind else "application/octet-stream"
    return Response(
        content=resume.data,
        media_type=media_type,
        headers={
            "Content-Disposition": content_disposition(resume.filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
            # Opened directly, the file runs nothing and reaches nothing.
            "Content-Security-Policy": "sandbox; default-src 'none'",
        },
    )


@router.delete("/api/resumes/{resume_id}", status_code=204)
async def delete_resume(resume_id: str, request: Request, user: CurrentUser) -> Response:
    if not await _store(request).delete_owned(parse_id(resume_id, "resume"), user.id):
        raise ApiError(404, "not_found", _NOT_FOUND)
    return Response(status_code=204)


def _form_filename(raw: str | None) -> str | None:
    """Undoes the three escapes browsers apply to multipart file names (WHATWG HTML)."""
    if raw is None:
        return None
    return raw.replace("%22", '"').replace("%0D", "\r").replace("%0A", "\n")


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback name and the exact name per RFC 6266/5987."""
    fallback = "".join(ch if " " <= ch < "\x7f" and ch not in '"\\;%' else "_" for ch in filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
