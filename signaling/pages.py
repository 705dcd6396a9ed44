"""The candidate's pages: the call page and the transcript page (static files)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from web_client import STATIC_DIR

router = APIRouter()


@router.get("/", include_in_schema=False)
async def index() -> FileResponse:
    return FileResponse(STATIC_DIR / "index.html")


@router.get("/interviews/{interview_id}", include_in_schema=False)
async def interview_page(interview_id: str) -> FileResponse:
    return FileResponse(STATIC_DIR / "interview.html")


@router.get("/account", include_in_schema=False)
async def account_page() -> FileResponse:
    return FileResponse(STATIC_DIR / "account.html")
