"""Resume upload over HTTP against a real server: the round trip, ownership, hostile files.

Every bad upload is a 4xx JSON error with a message, never a 500, and the server keeps
serving. File names and resume text never reach the server log.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Iterator

import asyncpg
import httpx
import pytest

from agent.intake import MAX_FILE_BYTES

import upload_samples as samples
from auth_helpers import Account, signup
from server_process import Server


def upload(
    server: Server,
    account: Account,
    data: bytes,
    filename: str = "resume.pdf",
    content_type: str = "application/pdf",
) -> httpx.Response:
    return httpx.post(
        f"{server.url}/api/resumes",
        files={"file": (filename, data, content_type)},
        headers=account.headers,
        timeout=60,
    )


def assert_error(resp: httpx.Response, status: int, code: str) -> None:
    assert resp.status_code == status, resp.text
    error = resp.json()["error"]
    assert error["code"] == code
    assert error["message"]


def assert_healthy(server: Server) -> None:
    assert httpx.get(f"{server.url}/healthz", timeout=10).status_code == 200
    assert server.alive()


@pytest.fixture(scope="module")
def account(server: Server) -> Account:
    return signup(server.url)


def test_upload_list_read_download_delete(server: Server, account: Account) -> None:
    pdf = samples.text_pdf()
    resp = upload(server, account, pdf, "My CV.pdf")
    assert resp.status_code == 201, resp.text
    created = resp.json()
    assert created["filename"] == "My CV.pdf"
    assert (created["kind"], created["pages"], created["size_bytes"]) == ("pdf", 1, len(pdf))
    assert created["text_preview"].startswith("Ada Lovelace")
    assert "text" not in created
    resume_url = f"{server.url}/api/resumes/{created['id']}"

    listed = httpx.get(f"{server.url}/api/resumes", headers=account.headers).json()
    assert created in listed

    full = httpx.get(resume_url, headers=account.headers).json()
    for line in samples.RESUME_LINES:
        assert line in full["text"]
    assert {k: v for k, v in full.items() if k != "text"} == created

    file = httpx.get(f"{resume_url}/file", headers=account.headers)
    assert file.status_code == 200
    assert file.content == pdf
    assert file.headers["content-type"] == "application/pdf"
    assert file.headers["x-content-type-options"] == "nosniff"
    assert file.headers["content-disposition"].startswith("attachment;")

    assert httpx.delete(resume_url, headers=account.headers).status_code == 204
    assert_error(httpx.get(resume_url, headers=account.headers), 404, "not_found")
    assert_error(httpx.delete(resume_url, headers=account.headers), 404, "not_found")


def test_docx_and_text_uploads(server: Server, account: Account) -> None:
    resp = upload(server, account, samples.docx_bytes(), "cv.docx", "application/octet-stream")
    assert resp.status_code == 201, resp.text
    assert resp.json()["kind"] == "docx"
    # Declared as a PDF named .pdf, but it is UTF-16 text: it is stored and served as text.
    resp = upload(server, account, samples.utf16_text(), "cv.pdf", "application/pdf")
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert (body["kind"], body["filename"]) == ("txt", "cv.pdf.txt")
    file = httpx.get(f"{server.url}/api/resumes/{body['id']}/file", headers=account.headers)
    assert file.headers["content-type"] == "text/plain; charset=utf-8"


def test_hostile_file_names_come_back_safe(server: Server, account: Account) -> None:
    resp = upload(server, account, samples.text_pdf(), '..\\..\\Résumé "final";\r\n.pdf')
    assert resp.status_code == 201, resp.text
    assert resp.json()["filename"] == "Résumé final;.pdf"
    file = httpx.get(f"{server.url}/api/resumes/{resp.json()['id']}/file", headers=account.headers)
    assert file.headers["content-disposition"] == (
        'attachment; filename="R_sum_ final_.pdf"; '
        "filename*=UTF-8''R%C3%A9sum%C3%A9%20final%3B.pdf"
    )


def test_other_users_get_404_everywhere(server: Server, account: Account) -> None:
    resp = upload(server, account, samples.text_pdf())
    assert resp.status_code == 201, resp.text
    resume_url = f"{server.url}/api/resumes/{resp.json()['id']}"
    stranger = signup(server.url)
    h = stranger.headers
    assert_error(httpx.get(resume_url, headers=h), 404, "not_found")
    assert_error(httpx.get(f"{resume_url}/file", headers=h), 404, "not_found")
    assert_error(httpx.delete(resume_url, headers=h), 404, "not_found")
    assert httpx.get(f"{server.url}/api/resumes", headers=h).json() == []
    # Still there for its owner.
    assert httpx.get(resume_url, headers=account.headers).status_code == 200
    assert_error(httpx.get(f"{server.url}/api/resumes/not-a-uuid", headers=h), 404, "not_found")


def test_resumes_need_a_session(server: Server) -> None:
    url = f"{server.url}/api/resumes"
    assert_error(httpx.get(url), 401, "unauthorized")
    assert_error(
        httpx.post(url, files={"file": ("cv.txt", b"Ada", "text/plain")}), 401, "unauthorized"
    )
    assert_error(httpx.get(f"{url}/{uuid.uuid4()}/file"), 401, "unauthorized")


@pytest.mark.parametrize(
    ("make", "code"),
    [case[1:] for case in samples.BAD_UPLOADS],
    ids=[case[0] for case in samples.BAD_UPLOADS],
)
def test_bad_files_are_4xx_with_a_message(
    server: Server, account: Account, make: Callable[[], bytes], code: str
) -> None:
    assert_error(upload(server, account, make()), 400, code)


def test_file_over_5_mb_is_413(server: Server, account: Account) -> None:
    resp = upload(server, account, b"a" * (MAX_FILE_BYTES + 1), "cv.txt", "text/plain")
    assert_error(resp, 413, "too_large")
    assert "5 MB" in resp.json()["error"]["message"]


def fifty_megabytes() -> Iterator[bytes]:
    boundary = b"mockline-test-boundary"
    yield b"--" + boundary + b"\r\n"
    yield b'Content-Disposition: form-data; name="file"; filename="huge.pdf"\r\n'
    yield b"Content-Type: application/pdf\r\n\r\n%PDF-1.7\n"
    chunk = b"0" * (1 << 20)
    for _ in range(50):
        yield chunk
    yield b"\r\n--" + boundary + b"--\r\n"


MULTIPART = {"Content-Type": "multipart/form-data; boundary=mockline-test-boundary"}


def test_50_mb_upload_is_refused_unread(server: Server, account: Account) -> None:
    body = b"".join(fifty_megabytes())
    # Declared length: refused from the header alone.
    resp = httpx.post(
        f"{server.url}/api/resumes",
        content=body,
        headers={**account.headers, **MULTIPART},
        timeout=60,
    )
    assert_error(resp, 413, "too_large")
    assert_healthy(server)
    # Chunked, no declared length: refused once 6 MB have been counted.
    try:
        resp = httpx.post(
            f"{server.url}/api/resumes",
            content=fifty_megabytes(),
            headers={**account.headers, **MULTIPART},
            timeout=60,
        )
    except httpx.TransportError:
        pass  # the server may hang up while the rest of the body is still being sent
    else:
        assert_error(resp, 413, "too_large")
    assert_healthy(server)


def test_malformed_forms_are_400(server: Server, account: Account) -> None:
    url = f"{server.url}/api/resumes"
    h = account.headers
    assert_error(httpx.post(url, json={"file": "x"}, headers=h), 400, "missing_file")
    assert_error(httpx.post(url, data={"other": "x"}, headers=h), 400, "missing_file")
    two = [("file", ("a.txt", b"Ada Lovelace " * 5, "text/plain"))] * 2
    assert_error(httpx.post(url, files=two, headers=h), 400, "invalid_upload")
    broken = b"--x\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--x--\r\n"
    resp = httpx.post(
        url, content=broken, headers={**h, "Content-Type": "multipart/form-data; boundary=x"}
    )
    assert_error(resp, 400, "invalid_upload")
    assert_healthy(server)


def test_server_log_has_no_names_or_text(server: Server, account: Account) -> None:
    marker = uuid.uuid4().hex
    text = f"Ada Lovelace {marker}\nBackend engineer, Python and PostgreSQL.".encode()
    assert upload(server, account, text, f"cv-{marker}.txt", "text/plain").status_code == 201
    assert upload(server, account, samples.truncated_pdf(), f"bad-{marker}.pdf").status_code == 400
    assert marker not in server.log_text()


async def _resume_count(database_url: str, owner_id: str) -> int:
    conn = await asyncpg.connect(database_url)
    try:
        count: int = await conn.fetchval(
            "select count(*) from resumes where owner_id = $1", uuid.UUID(owner_id)
        )
        return count
    finally:
        await conn.close()


def test_deleting_the_account_deletes_its_resumes(server: Server) -> None:
    owner = signup(server.url)
    assert upload(server, owner, samples.text_pdf()).status_code == 201
    assert upload(server, owner, samples.docx_bytes(), "cv.docx").status_code == 201
    assert asyncio.run(_resume_count(server.database_url, owner.user_id)) == 2
    assert httpx.delete(f"{server.url}/api/me", headers=owner.headers).status_code == 204
    assert asyncio.run(_resume_count(server.database_url, owner.user_id)) == 0
