"""A page's view of `GET /api/interviews/{id}/live`: the server-sent events of a call."""

from __future__ import annotations

import json
from typing import Any

import httpx


def watch_live(
    base_url: str, interview_id: str, headers: dict[str, str], timeout_s: float
) -> list[dict[str, Any]]:
    """The stream's messages until the first ``ended`` one (a dropped line ends a call, not
    the stream: the watcher stops there); raises on a refused stream, or when no line came
    for 30 s (the server sends a keep-alive every 10 s). ``timeout_s`` bounds connecting."""
    messages: list[dict[str, Any]] = []
    url = f"{base_url}/api/interviews/{interview_id}/live"
    timeout = httpx.Timeout(timeout_s, read=30.0)
    with httpx.stream("GET", url, headers=headers, timeout=timeout) as resp:
        if resp.status_code != 200:
            resp.read()
            raise AssertionError(f"{resp.status_code}: {resp.text}")
        assert resp.headers["content-type"].startswith("text/event-stream")
        for line in resp.iter_lines():
            if not line.startswith("data: "):
                continue
            message: dict[str, Any] = json.loads(line.removeprefix("data: "))
            messages.append(message)
            if message.get("type") == "ended":
                break
    return messages
