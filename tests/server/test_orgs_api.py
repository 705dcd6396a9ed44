"""Organisations over HTTP against a real server: embed tokens and their misuse, org
isolation walked over every organisation route, quotas, the embed page's framing policy,
the widget script's caching, and CORS for the organisations' origins."""

from __future__ import annotations

import asyncio
import io
import json
import re
import time
import uuid
import zipfile
from typing import Any

import httpx
import jwt
import pytest

from agent.interviewer.setup import InterviewSetup
from agent.sessions.loader import create_planned_interview
from agent.store.pool import create_pool

from auth_helpers import Account
from org_helpers import (
    Org,
    add_set,
    bearer,
    create_org,
    forged_embed_token,
    make_admin,
    mint,
    org_cli,
    reported_interview,
    rotate_key,
    student_token,
)
from server_process import Server

PORTAL_A = "https://portal-a.example.edu"
PORTAL_A2 = "https://alumni-a.example.edu"
PORTAL_B = "https://portal-b.example.edu"


@pytest.fixture(scope="module")
def two_orgs(server: Server) -> dict[str, Any]:
    """Orgs A and B, each with an admin, a set, and a student with a reported interview."""
    out: dict[str, Any] = {}
    for name, origins in (("a", (PORTAL_A, PORTAL_A2)), ("b", (PORTAL_B,))):
        org = create_org(server, *origins, name=f"College {name.upper()}")
        admin = make_admin(server, org)
        practice = add_set(server, org, admin)
        token = student_token(server, org, f"student-{name}")
        interview = reported_interview(server, org, token, practice["id"])
        student = httpx.get(f"{server.url}/api/me", headers=bearer(token)).json()["id"]
        out[name] = {
            "org": org,
            "admin": admin,
            "set": practice["id"],
            "token": token,
            "interview": interview,
            "student": student,
        }
    return out


def _error(resp: httpx.Response, status: int, code: str) -> None:
    assert resp.status_code == status, resp.text
    assert resp.json()["error"]["code"] == code, resp.text


def test_cli_refuses_wildcards_and_prints_the_key_once(server: Server) -> None:
    done = org_cli(server, "create", "Wild", "--origin", "https://*.example.edu")
    assert done.returncode == 2 and "wildcard" in done.stderr
    org = create_org(server, PORTAL_A, name="Once College")
    admin = make_admin(server, org)
    shown = httpx.get(f"{server.url}/api/orgs/{org.id}", headers=admin.headers).json()
    assert org.server_key not in str(shown)
    assert org.server_key.startswith(shown["server_key"]["prefix"])
    assert shown["allowed_origins"] == [PORTAL_A]


def test_token_misuse_is_refused(server: Server, two_orgs: dict[str, Any]) -> None:
    b = two_orgs["b"]
    # An org of its own: the students minted here must not join org A's cohort.
    org_a = create_org(server, PORTAL_A, PORTAL_A2, name="Misuse College")
    token = student_token(server, org_a, "misuse")
    me = f"{server.url}/api/me"
    assert httpx.get(me, headers={**bearer(token), "Origin": PORTAL_A}).status_code == 200
    # Expired.
    student = httpx.get(me, headers=bearer(token)).json()["id"]
    key_id = _claims(token)["kid"]
    expired = forged_embed_token(
        server, {"sub": student, "org": org_a.id, "kid": key_id, "exp": int(time.time()) - 5}
    )
    _error(httpx.get(me, headers=bearer(expired)), 401, "unauthorized")
    # Wrong organisation: A's token on B's routes is nothing there.
    for path in (
        f"/api/orgs/{b['org'].id}/embed",
        f"/api/orgs/{b['org'].id}/sets/{b['set']}/interviews",
    ):
        method = "GET" if path.endswith("embed") else "POST"
        _error(httpx.request(method, server.url + path, headers=bearer(token)), 404, "not_found")
    # Wrong origin: another organisation's portal, or any other site.
    for origin in (PORTAL_B, "https://evil.example.com"):
        _error(
            httpx.get(me, headers={**bearer(token), "Origin": origin}), 403, "origin_not_allowed"
        )
    # A token bound to one origin works from that one only.
    bound = mint(server, org_a.id, org_a.server_key, "misuse", origin=PORTAL_A2).json()["token"]
    assert httpx.get(me, headers={**bearer(bound), "Origin": PORTAL_A2}).status_code == 200
    _error(httpx.get(me, headers={**bearer(bound), "Origin": PORTAL_A}), 403, "origin_not_allowed")
    _error(mint(server, org_a.id, org_a.server_key, origin=PORTAL_B), 400, "invalid_origin")
    # B's server key cannot mint for A, and a made-up key for nobody.
    _error(mint(server, org_a.id, b["org"].server_key), 401, "invalid_server_key")
    _error(mint(server, org_a.id, "mlk_" + "x" * 43), 401, "invalid_server_key")


def test_rotating_the_server_key_revokes_its_tokens(server: Server) -> None:
    org = create_org(server, PORTAL_A, name="Rotating College")
    token = student_token(server, org, "rot")
    me = f"{server.url}/api/me"
    before = httpx.get(me, headers=bearer(token)).json()
    new_key = rotate_key(server, org)
    _error(httpx.get(me, headers=bearer(token)), 401, "unauthorized")
    _error(mint(server, org.id, org.server_key), 401, "invalid_server_key")
    fresh = mint(server, org.id, new_key, "rot").json()["token"]
    # Same student id at the portal: the same account, interviews and all.
    assert httpx.get(me, headers=bearer(fresh)).json()["id"] == before["id"]


def _claims(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return claims


def _org_routes(server: Server) -> list[tuple[str, str]]:
    spec = httpx.get(f"{server.url}/openapi.json").json()
    routes = []
    for path, methods in spec["paths"].items():
        if path.startswith("/api/orgs/{org_id}") and not path.endswith("/embed-tokens"):
            routes += [(method.upper(), path) for method in methods]
    return routes


def _body(method: str, path: str, set_body: dict[str, Any]) -> dict[str, Any] | None:
    """A valid body for each route that takes one, so only who asks decides the answer."""
    if method not in ("POST", "PUT"):
        return None
    return {"origins": [PORTAL_A]} if path.endswith("/origins") else set_body


def _fill(path: str, ids: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: ids.get(m.group(1), str(uuid.uuid4())), path)


def test_admins_see_nothing_of_another_org(server: Server, two_orgs: dict[str, Any]) -> None:
    a, b = two_orgs["a"], two_orgs["b"]
    admin_a: Account = a["admin"]
    routes = _org_routes(server)
    assert len(routes) >= 15, routes
    b_ids = {
        "org_id": b["org"].id,
        "set_id": b["set"],
        "student_id": b["student"],
        "interview_id": b["interview"],
        "admin_id": b["admin"].user_id,
    }
    set_body = {
        "name": "x",
        "setup": {"role": "backend_engineer", "level": "junior", "interview_type": "technical"},
    }
    for method, path in routes:
        # B's org, then A's own org with B's ids (for routes that take more than the org).
        own = [{**b_ids, "org_id": a["org"].id}] if path.count("{") > 1 else []
        for ids in [b_ids, *own]:
            resp = httpx.request(
                method,
                server.url + _fill(path, ids),
                headers=admin_a.headers,
                json=_body(method, path, set_body),
            )
            assert resp.status_code == 404, (method, path, ids["org_id"], resp.text)
    # Their own org's routes do answer.
    cohort = httpx.get(f"{server.url}/api/orgs/{a['org'].id}/cohort", headers=admin_a.headers)
    assert [s["id"] for s in cohort.json()["students"]] == [a["student"]]


def own_interview(server: Server, student_id: str) -> str:
    """An interview of the student's own, outside the organisation's practice sets (one made
    before embed sessions were kept to practice sets): stored directly, as the API no longer
    makes one."""

    async def make() -> str:
        pool = await create_pool(server.database_url, min_size=1, max_size=1)
        try:
            setup = InterviewSetup(role="backend_engineer", level="mid", interview_type="technical")
            interview = await create_planned_interview(
                pool, owner_id=uuid.UUID(student_id), setup=setup
            )
            return str(interview.id)
        finally:
            await pool.close()

    return asyncio.run(make())


def test_an_admin_never_sees_a_students_own_interviews(
    server: Server, two_orgs: dict[str, Any]
) -> None:
    a = two_orgs["a"]
    org: Org = a["org"]
    token = a["token"]
    own_id = own_interview(server, a["student"])
    headers = a["admin"].headers
    base = f"{server.url}/api/orgs/{org.id}/students/{a['student']}"
    listed = httpx.get(base, headers=headers).json()["interviews"]
    assert [i["id"] for i in listed] == [a["interview"]]
    _error(httpx.get(f"{base}/interviews/{own_id}/report", headers=headers), 404, "not_found")
    # The org's interview is there, and viewing it is audited.
    report = httpx.get(f"{base}/interviews/{a['interview']}/report", headers=headers)
    assert report.status_code == 200 and report.json()["interview_id"] == a["interview"]
    audit = httpx.get(f"{server.url}/api/orgs/{org.id}/audit", headers=headers).json()
    assert audit[0]["action"] == "view_report" and audit[0]["interview_id"] == a["interview"]
    assert audit[0]["admin_id"] == a["admin"].user_id
    # The student's own export holds both interviews.
    export = httpx.get(f"{server.url}/api/me/export", headers=bearer(token))
    assert export.status_code == 200
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        data = json.loads(archive.read("data.json"))
    exported = {i["id"] for i in data["interviews"]}
    assert {a["interview"], own_id} <= exported
    assert data["account"]["organisation_id"] == org.id


def test_cohort_csv_and_set_completion(server: Server, two_orgs: dict[str, Any]) -> None:
    a = two_orgs["a"]
    headers = a["admin"].headers
    cohort = httpx.get(f"{server.url}/api/orgs/{a['org'].id}/cohort", headers=headers).json()
    row = cohort["students"][0]
    assert row["interviews_completed"] == 1 and row["latest_overall"] is not None
    assert row["weakest"] is not None
    assert cohort["sets"][0]["students_completed"] == 1
    assert sum(sum(d["bins"]) for d in cohort["dimensions"]) >= 1
    csv = httpx.get(f"{server.url}/api/orgs/{a['org'].id}/cohort.csv", headers=headers)
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.strip().splitlines()
    assert lines[0].startswith("student_id,external_id,name") and "student-a" in lines[1]


def test_notice_quota_and_closed_sets(server: Server) -> None:
    org = create_org(server, PORTAL_A, name="Quota College", quota=1)
    admin = make_admin(server, org)
    practice = add_set(server, org, admin)
    closed = add_set(server, org, admin, name="Closed", closes_on="2020-01-01")
    token = student_token(server, org)
    start = f"{server.url}/api/orgs/{org.id}/sets/{practice['id']}/interviews"
    _error(httpx.post(start, headers=bearer(token)), 409, "notice_required")
    assert (
        httpx.post(f"{server.url}/api/orgs/{org.id}/notice", headers=bearer(token)).status_code
        == 204
    )
    info = httpx.get(f"{server.url}/api/orgs/{org.id}/embed", headers=bearer(token)).json()
    assert info["student"]["notice_accepted"] and "Quota College" in info["notice"]
    assert [s["id"] for s in info["sets"]] == [practice["id"]]
    closed_url = f"{server.url}/api/orgs/{org.id}/sets/{closed['id']}/interviews"
    _error(httpx.post(closed_url, headers=bearer(token)), 409, "set_closed")
    assert httpx.post(start, headers=bearer(token)).status_code == 201
    _error(httpx.post(start, headers=bearer(token)), 429, "quota_exceeded")
    # The ordinary route is no way around the quota: an embed session starts from a set only.
    body = {"role": "backend_engineer", "level": "junior", "interview_type": "technical"}
    ordinary = httpx.post(f"{server.url}/api/interviews", json=body, headers=bearer(token))
    _error(ordinary, 403, "practice_set_required")
    mine = httpx.get(f"{server.url}/api/interviews", headers=bearer(token)).json()
    assert len(mine) == 1


def test_embed_page_is_the_only_page_that_may_be_framed(server: Server) -> None:
    org = create_org(server, PORTAL_A, PORTAL_A2, name="Frame College")
    page = httpx.get(f"{server.url}/embed/{org.id}")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert f"frame-ancestors {PORTAL_A} {PORTAL_A2}" in policy
    assert "x-frame-options" not in page.headers
    assert "<mockline-interview" in page.text and 'token-source="fragment"' in page.text
    for path in ("/", "/org", "/history", "/widget.js", f"/embed/{uuid.uuid4()}"):
        other = httpx.get(server.url + path)
        assert "frame-ancestors 'none'" in other.headers["content-security-policy"], path
        assert other.headers["x-frame-options"] == "DENY", path
    bare = create_org(server, name="No Origins College")
    assert (
        "frame-ancestors 'none'"
        in httpx.get(f"{server.url}/embed/{bare.id}").headers["content-security-policy"]
    )


def test_widget_script_is_versioned_and_cached(server: Server) -> None:
    latest = httpx.get(f"{server.url}/widget.js")
    assert latest.status_code == 200 and "mockline-interview" in latest.text
    assert latest.headers["cache-control"] == "public, max-age=300"
    version = re.search(r"</widget/(\w+)/widget.js>", latest.headers["link"])
    assert version is not None
    pinned = httpx.get(f"{server.url}/widget/{version.group(1)}/widget.js")
    assert pinned.content == latest.content
    assert "immutable" in pinned.headers["cache-control"]
    assert "max-age=31536000" in pinned.headers["cache-control"]
    assert httpx.get(f"{server.url}/widget/000000000000/widget.js").status_code == 404


def test_cors_answers_the_orgs_origins_only(server: Server) -> None:
    create_org(server, "http://cors-portal.example.edu", name="Cors College")
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }
    ok = httpx.options(
        f"{server.url}/api/interviews",
        headers={**preflight, "Origin": "http://cors-portal.example.edu"},
    )
    assert ok.status_code == 204
    assert ok.headers["access-control-allow-origin"] == "http://cors-portal.example.edu"
    assert "access-control-allow-credentials" not in ok.headers
    evil = httpx.options(
        f"{server.url}/api/interviews", headers={**preflight, "Origin": "http://evil.example.com"}
    )
    assert "access-control-allow-origin" not in evil.headers
    # Not the widget's routes: sign-in stays closed to the portals.
    signin = httpx.options(
        f"{server.url}/api/auth/signin",
        headers={**preflight, "Origin": "http://cors-portal.example.edu"},
    )
    assert "access-control-allow-origin" not in signin.headers
