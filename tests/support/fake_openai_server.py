"""An OpenAI-compatible ``POST /v1/chat/completions`` server on 127.0.0.1, for tests.

The one fake of the provider layer, at the hosted-API boundary: the real `openai` client
talks HTTP to it. Each test scripts the replies, one step per request, in order:
`Stream` (SSE deltas, with delays, a gate, a hang, a dropped connection, invalid data or
an error event part-way), `Status` (an HTTP error), `Json` (a non-streaming completion)
and `Hang` (never answers). Every request's headers and body are recorded.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from dataclasses import dataclass, field
from types import TracebackType

from aiohttp import web


@dataclass
class Stream:
    chunks: list[str]
    delay_s: float = 0.0  # before each chunk
    release_last: asyncio.Event | None = None  # the last chunk waits for this
    hang_after: int | None = None  # send this many chunks (0: none), then stall
    drop_after: int | None = None  # send this many chunks, then cut the connection
    invalid_after: int | None = None  # send this many chunks, then data that is not JSON
    error_after: int | None = None  # send this many chunks, then an error event


@dataclass
class Status:
    status: int
    message: str = "scripted error"
    retry_after: str | None = None


@dataclass
class Json:
    content: str


@dataclass
class Hang:
    """Accepts the request and never answers."""


Step = Stream | Status | Json | Hang


@dataclass(frozen=True)
class Recorded:
    headers: dict[str, str]
    body: dict[str, object]


def _chunk(model: str, delta: dict[str, str], finish: str | None = None) -> bytes:
    payload = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(payload)}\n\n".encode()


@dataclass
class FakeOpenAI:
    """``async with FakeOpenAI() as server:``; point a client at ``server.base_url``."""

    script: deque[Step] = field(default_factory=deque)
    requests: list[Recorded] = field(default_factory=list)
    chunks_sent: int = 0
    _closing: asyncio.Event = field(default_factory=asyncio.Event)
    _runner: web.AppRunner | None = None
    _port: int = 0

    def queue(self, *steps: Step) -> None:
        self.script.extend(steps)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/v1"

    async def __aenter__(self) -> FakeOpenAI:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = int(self._runner.addresses[0][1])
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._closing.set()  # lets hanging handlers return
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.requests.append(Recorded(dict(request.headers), body))
        if not self.script:
            return self._error(500, "the test scripted no reply for this request")
        step = self.script.popleft()
        model = str(body.get("model", ""))
        if isinstance(step, Status):
            return self._error(step.status, step.message, step.retry_after)
        if isinstance(step, Json):
            return web.json_response(
                {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion",
                    "created": 0,
                    "model": model,
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": step.content},
                            "finish_reason": "stop",
                        }
                    ],
                }
            )
        if isinstance(step, Hang):
            await self._closing.wait()
            return self._error(503, "server closing")
        return await self._stream(request, step, model)

    async def _stream(self, request: web.Request, step: Stream, model: str) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        last = len(step.chunks) - 1
        for index, text in enumerate(step.chunks):
            if index == step.hang_after:
                await self._closing.wait()
                return response
            if index == step.drop_after:
                assert request.transport is not None
                request.transport.close()
                return response
            if index == step.invalid_after:
                await response.write(b"data: {this is not json\n\n")
                return response
            if index == step.error_after:
                await response.write(b'data: {"error": {"message": "overloaded"}}\n\n')
                return response
            if step.delay_s:
                await asyncio.sleep(step.delay_s)
            if index == last and step.release_last is not None:
                await step.release_last.wait()
            await response.write(_chunk(model, {"role": "assistant", "content": text}))
            self.chunks_sent += 1
        await response.write(_chunk(model, {}, "stop"))
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response

    @staticmethod
    def _error(status: int, message: str, retry_after: str | None = None) -> web.Response:
        headers = {"Retry-After": retry_after} if retry_after is not None else None
        body = {"error": {"message": message, "type": "scripted", "code": None}}
        return web.json_response(body, status=status, headers=headers)
