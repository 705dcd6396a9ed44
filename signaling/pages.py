"""The candidate's pages (static files) and the browser libraries they load from vendor/.

Browser libraries (Chart.js, and livekit-client for calls in LiveKit mode) are installed by `scripts/setup.sh` from npm and copied into
`web_client/static/vendor/`; the pages never load anything from the internet. A library
that was not installed is a 404 that says how to install it, and the pages that use it fall
back to tables.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from web_client import STATIC_DIR

from .errors import ApiError

router = APIRouter()

VENDOR_DIR = STATIC_DIR / "vendor"
# Only these names are served from vendor/: nothing else there is ours to publish.
VENDOR_FILES: frozenset[str] = frozenset({"chart.umd.js", "livekit-client.umd.js"})


@router.get("/", include_in_schema=False)
async def index() -> FileResponse:
    return FileResponse(STATIC_DIR / "index.html")


@router.get("/interviews/{interview_id}", include_in_schema=False)
async def interview_page(interview_id: str) -> FileResponse:
    return FileResponse(STATIC_DIR / "interview.html")


@router.get("/interviews/{interview_id}/report", include_in_schema=False)
async def report_page(interview_id: str) -> FileResponse:
    return FileResponse(STATIC_DIR / "report.html")


@router.get("/history", include_in_schema=False)
async def history_page() -> FileResponse:
    return FileResponse(STATIC_DIR / "history.html")


@router.get("/account", include_in_schema=False)
async def account_page() -> FileResponse:
    return FileResponse(STATIC_DIR / "account.html")


@router.get("/static/vendor/{name}", include_in_schema=False)
async def vendor_file(name: str) -> FileResponse:
    """A browser library copied from node_modules by setup; registered before /static."""
    if name not in VENDOR_FILES:
        raise ApiError(404, "not_found", "No such file.")
    path = VENDOR_DIR / name
    if not path.is_file():
        raise ApiError(
            404,
            "vendor_missing",
            f"{name} is not installed on this server: run scripts/setup.sh (npm ci) to copy "
            "it into web_client/static/vendor/. Pages show their charts as tables meanwhile; "
            "calls in LiveKit mode need it.",
        )
    return FileResponse(path, media_type="text/javascript")
