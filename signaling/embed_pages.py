"""What a college portal loads from Mockline: the widget script and the embed page.

- ``/widget.js``: the `<mockline-interview>` element (built by `scripts/build_widget.sh`
  into ``web_client/static/dist/widget.js``), cached for five minutes; and
  ``/widget/{version}/widget.js``, the same bytes under their content hash, cached for a year
  (``immutable``). Portals pin the versioned URL; an unknown version is 404.
- ``/embed/{org}``: the iframe alternative. Its ``frame-ancestors`` lists exactly the
  organisation's allowed origins, so every other site is refused as its parent (no origins:
  ``'none'``). It is the one page that may be framed (`middleware.headers`).
- ``/org``: the placement cell's page (static; its data comes from the API).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from agent.store.orgs import OrgStore
from web_client import STATIC_DIR

from .errors import ApiError
from .middleware.headers import CSP_DIRECTIVES
from .routes.common import parse_id, ready_runtime

router = APIRouter(include_in_schema=False)

WIDGET_BUNDLE = STATIC_DIR / "dist" / "widget.js"
SHORT_CACHE = "public, max-age=300"
LONG_CACHE = "public, max-age=31536000, immutable"
LANGUAGES = frozenset({"en", "hi"})
_ACCENT = re.compile(r"^#[0-9a-fA-F]{3,8}$")


@dataclass(frozen=True, slots=True)
class Bundle:
    body: bytes
    version: str


_cache: dict[tuple[Path, float], Bundle] = {}


def widget_bundle(path: Path = WIDGET_BUNDLE) -> Bundle:
    """The built widget and its version (the first 12 hex digits of its SHA-256)."""
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise ApiError(
            503,
            "widget_not_built",
            "The widget is not built on this server: run scripts/build_widget.sh (setup does).",
        ) from None
    key = (path, mtime)
    if key not in _cache:
        body = path.read_bytes()
        _cache.clear()
        _cache[key] = Bundle(body, hashlib.sha256(body).hexdigest()[:12])
    return _cache[key]


def _script(bundle: Bundle, cache_control: str) -> Response:
    return Response(
        content=bundle.body,
        media_type="text/javascript; charset=utf-8",
        headers={
            "Cache-Control": cache_control,
            "ETag": f'"{bundle.version}"',
            "Link": f'</widget/{bundle.version}/widget.js>; rel="canonical"',
            # Any portal may load the script; it does nothing without the organisation's token.
            "Cross-Origin-Resource-Policy": "cross-origin",
        },
    )


@router.get("/widget.js")
async def widget_latest(request: Request) -> Response:
    bundle = widget_bundle()
    if request.headers.get("if-none-match") == f'"{bundle.version}"':
        return Response(status_code=304, headers={"Cache-Control": SHORT_CACHE})
    return _script(bundle, SHORT_CACHE)


@router.get("/widget/{version}/widget.js")
async def widget_versioned(version: str) -> Response:
    bundle = widget_bundle()
    if version != bundle.version:
        raise ApiError(404, "not_found", f"No widget version {version[:20]!r}; use /widget.js.")
    return _script(bundle, LONG_CACHE)


def embed_policy(origins: list[str]) -> str:
    ancestors = " ".join(origins) if origins else "'none'"
    directives = [d for d in CSP_DIRECTIVES if not d.startswith("frame-ancestors")]
    return "; ".join([*directives, f"frame-ancestors {ancestors}"])


def _attributes(org_id: str, set_id: str | None, lang: str | None, accent: str | None) -> str:
    attrs = {"org": org_id, "token-source": "fragment", "position": "inline"}
    if set_id is not None:
        attrs["set"] = str(parse_id(set_id, "practice set"))
    if lang in LANGUAGES:
        attrs["lang"] = str(lang)
    if accent is not None and _ACCENT.match(accent):
        attrs["accent"] = accent
    return " ".join(f'{name}="{html.escape(value)}"' for name, value in attrs.items())


@router.get("/embed/{org_id}", response_class=HTMLResponse)
async def embed_page(
    org_id: str,
    request: Request,
    set_id: Annotated[str | None, Query(alias="set", max_length=64)] = None,
    lang: Annotated[str | None, Query(max_length=8)] = None,
    accent: Annotated[str | None, Query(max_length=16)] = None,
) -> HTMLResponse:
    org = await OrgStore(ready_runtime(request).db_pool).get(parse_id(org_id, "organisation"))
    if org is None:
        raise ApiError(404, "not_found", "No organisation has this id.")
    bundle = widget_bundle()
    attrs = _attributes(str(org.id), set_id, lang, accent)
    parents = html.escape(json.dumps(org.allowed_origins))
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(org.name)} · interview practice</title>"
        '<link rel="stylesheet" href="/static/embed.css"></head><body>'
        f'<mockline-interview {attrs} parent-origins="{parents}"></mockline-interview>'
        f'<script src="/widget/{bundle.version}/widget.js"></script></body></html>'
    )
    return HTMLResponse(
        page,
        headers={
            "Content-Security-Policy": embed_policy(org.allowed_origins),
            "Cache-Control": "no-store",
        },
    )


@router.get("/org")
async def org_page() -> FileResponse:
    return FileResponse(STATIC_DIR / "org.html")
