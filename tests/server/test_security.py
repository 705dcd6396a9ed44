"""Security headers on every response, and CORS for the configured origins only."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from signaling.middleware.cors import normalized_origins
from signaling.middleware.headers import CONTENT_SECURITY_POLICY

from server_process import Server, running_server

PORTAL = "https://portal.example.edu"
EVIL = "https://evil.example"

EXPECTED_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "microphone=(self)",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def assert_security_headers(resp: httpx.Response) -> None:
    for name, value in EXPECTED_HEADERS.items():
        assert resp.headers.get(name) == value, f"{resp.request.url}: {name}"
    assert "strict-transport-security" not in resp.headers, "HSTS only when behind HTTPS"


def test_csp_is_the_strict_one() -> None:
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY and "*" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    "path",
    ["/", "/interviews/00000000-0000-0000-0000-000000000000", "/static/style.css", "/healthz"],
)
def test_pages_and_assets_carry_security_headers(server: Server, path: str) -> None:
    resp = httpx.get(f"{server.url}{path}")
    assert resp.status_code == 200
    assert_security_headers(resp)


def test_api_responses_carry_security_headers_and_are_not_cached(server: Server) -> None:
    for resp in [
        httpx.get(f"{server.url}/api/options"),
        httpx.get(f"{server.url}/api/me"),
        httpx.get(f"{server.url}/api/no-such-thing"),
        httpx.post(f"{server.url}/api/auth/signin", content=b"{not json"),
    ]:
        assert 200 <= resp.status_code < 500, resp.text
        assert_security_headers(resp)
        assert resp.headers["Cache-Control"] == "no-store"


def test_without_configured_origins_cross_origin_is_refused(server: Server) -> None:
    resp = preflight(server, EVIL)
    assert "access-control-allow-origin" not in resp.headers
    resp = httpx.get(f"{server.url}/api/options", headers={"Origin": EVIL})
    assert "access-control-allow-origin" not in resp.headers


@pytest.fixture(scope="module")
def portal_server(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[Server]:
    origins = json.dumps([PORTAL + "/"])  # a trailing slash in the setting is forgiven
    with running_server(
        tmp_path_factory.mktemp("cors"), database_url, MOCKLINE_CORS_ORIGINS=origins
    ) as server:
        yield server


def preflight(server: Server, origin: str) -> httpx.Response:
    return httpx.options(
        f"{server.url}/api/interviews",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


def test_preflight_from_a_configured_origin_is_allowed_with_credentials(
    portal_server: Server,
) -> None:
    resp = preflight(portal_server, PORTAL)
    assert resp.status_code == 200
    assert resp.headers["Access-Control-Allow-Origin"] == PORTAL
    assert resp.headers["Access-Control-Allow-Credentials"] == "true"
    assert "POST" in resp.headers["Access-Control-Allow-Methods"]
    assert "authorization" in resp.headers["Access-Control-Allow-Headers"].lower()
    assert_security_headers(resp)

    resp = httpx.get(f"{portal_server.url}/api/options", headers={"Origin": PORTAL})
    assert resp.headers["Access-Control-Allow-Origin"] == PORTAL
    assert resp.headers["Access-Control-Allow-Credentials"] == "true"
    assert "retry-after" in resp.headers["Access-Control-Expose-Headers"].lower()


def test_preflight_from_another_origin_is_denied(portal_server: Server) -> None:
    resp = preflight(portal_server, EVIL)
    assert resp.status_code == 400
    assert "access-control-allow-origin" not in resp.headers
    resp = httpx.get(f"{portal_server.url}/api/options", headers={"Origin": EVIL})
    assert resp.status_code == 200
    # Starlette still sends Allow-Credentials; without Allow-Origin the browser hides it all.
    assert "access-control-allow-origin" not in resp.headers


def test_a_wildcard_origin_is_refused() -> None:
    assert normalized_origins([" https://a.example/ ", ""]) == ["https://a.example"]
    with pytest.raises(ValueError, match="wildcard"):
        normalized_origins(["*"])
    with pytest.raises(ValueError, match="wildcard"):
        normalized_origins(["https://*.example.edu"])
