"""The HTTP calls every dial-in test makes: an interview, its dial-in details, its turns."""

from __future__ import annotations

from typing import Any

import httpx


def create_interview(url: str, headers: dict[str, str]) -> str:
    body = {"role": "backend_engineer", "level": "mid", "interview_type": "technical"}
    resp = httpx.post(f"{url}/api/interviews", json=body, headers=headers, timeout=60)
    assert resp.status_code == 201, resp.text  # timeout: a cold server plans the interview
    interview_id: str = resp.json()["id"]
    return interview_id


def dial_in(url: str, headers: dict[str, str], interview_id: str) -> dict[str, Any]:
    resp = httpx.post(f"{url}/api/interviews/{interview_id}/dial-in", headers=headers, timeout=30)
    assert resp.status_code == 200, resp.text
    details: dict[str, Any] = resp.json()
    return details


def stored_turns(url: str, headers: dict[str, str], interview_id: str) -> list[dict[str, Any]]:
    resp = httpx.get(f"{url}/api/interviews/{interview_id}", headers=headers, timeout=10)
    assert resp.status_code == 200, resp.text
    found: list[dict[str, Any]] = resp.json()["turns"]
    return found
