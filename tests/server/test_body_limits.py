"""Body size limits over a real server, whatever the framing: a body sent with
``Transfer-Encoding: chunked`` (no ``Content-Length``) gets the same 413 JSON error as one
that declares its size, and a chunked body under the limit still works."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from auth_helpers import Account, signup
from server_process import Server

SETUP = {"role": "backend_engineer", "level": "junior", "interview_type": "technical"}
CHUNK = 64 * 1024


@pytest.fixture(scope="module")
def account(server: Server) -> Account:
    return signup(server.url)


def _chunked(body: bytes) -> Iterator[bytes]:
    """A body httpx must send chunked: an iterator has no length to declare."""
    for start in range(0, len(body), CHUNK):
        yield body[start : start + CHUNK]


def _ten_megabytes_of_json() -> bytes:
    return json.dumps({**SETUP, "job_description": "x" * (10 * 1024 * 1024)}).encode()


def _assert_too_large(resp: httpx.Response) -> None:
    assert resp.status_code == 413, resp.text
    assert resp.json()["error"]["code"] == "too_large"
    assert resp.json()["error"]["message"]


def test_chunked_json_over_the_limit_is_413(server: Server, account: Account) -> None:
    body = _ten_megabytes_of_json()
    headers = {**account.headers, "content-type": "application/json"}
    chunked = httpx.post(
        f"{server.url}/api/interviews", content=_chunked(body), headers=headers, timeout=60
    )
    assert "content-length" not in chunked.request.headers
    assert chunked.request.headers["transfer-encoding"] == "chunked"
    _assert_too_large(chunked)
    # The same body with its length declared gets the same answer.
    declared = httpx.post(f"{server.url}/api/interviews", content=body, headers=headers)
    _assert_too_large(declared)
    assert chunked.json() == declared.json()


def test_chunked_upload_over_the_upload_limit_is_413(server: Server, account: Account) -> None:
    boundary = "mockline-test-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="cv.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    body = head + b"Jane Doe, backend engineer. " * (10 * 1024 * 1024 // 28) + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    resp = httpx.post(
        f"{server.url}/api/resumes",
        content=_chunked(body),
        headers={**account.headers, "content-type": f"multipart/form-data; boundary={boundary}"},
        timeout=60,
    )
    _assert_too_large(resp)


def test_chunked_body_under_the_limit_is_read(server: Server, account: Account) -> None:
    body = json.dumps({**SETUP, "job_description": "Python and PostgreSQL. " * 400}).encode()
    resp = httpx.post(
        f"{server.url}/api/interviews",
        content=_chunked(body),
        headers={**account.headers, "content-type": "application/json"},
        timeout=60,
    )
    assert resp.request.headers["transfer-encoding"] == "chunked"
    assert resp.status_code == 201, resp.text
    assert resp.json()["status"] == "created"
    # The server kept serving through the refused bodies.
    assert httpx.get(f"{server.url}/api/interviews", headers=account.headers).status_code == 200
