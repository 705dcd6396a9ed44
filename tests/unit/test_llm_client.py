"""`LlmClient` against an OpenAI-compatible HTTP server: streaming, retries, deadlines,
typed errors and structured JSON, with the real `openai` client on the wire."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Literal

import pytest
from pydantic import BaseModel

from agent.llm import (
    CallLimits,
    ChatMessage,
    LlmBadOutput,
    LlmClient,
    LlmUnavailable,
    ProviderConfig,
)
from agent.llm.providers import Provider

from fake_openai_server import FakeOpenAI, Hang, Json, Status, Stream

KEY = "sk-test-5ecret-0123456789abcdef"
PRIVATE = "my salary at Initech was 93k"  # message content: must never reach a log line
# Roomy deadlines where none should fire (a loaded test machine must not trip them), and
# tight ones where the server is scripted to stall.
ROOMY = CallLimits(
    first_token_timeout_s=10.0,
    chunk_timeout_s=10.0,
    total_timeout_s=20.0,
    max_attempts=3,
    backoff_initial_s=0.01,
    backoff_max_s=0.05,
)
TIGHT = ROOMY.model_copy(update={"first_token_timeout_s": 0.3, "chunk_timeout_s": 0.3})
MESSAGES = [ChatMessage("system", "You are an interviewer."), ChatMessage("user", PRIVATE)]


class Verdict(BaseModel):
    label: Literal["answered", "partial", "off_topic"]
    score: int


@pytest.fixture
async def server() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as srv:
        yield srv


def make_client(
    server: FakeOpenAI, provider: Provider = "openai", limits: CallLimits = ROOMY
) -> LlmClient:
    return LlmClient(
        ProviderConfig.for_provider(
            provider, KEY, source="user", base_url=server.base_url, limits=limits
        )
    )


@pytest.fixture
async def client(server: FakeOpenAI) -> AsyncIterator[LlmClient]:
    llm = make_client(server)
    yield llm
    await llm.aclose()


@pytest.fixture
async def tight_client(server: FakeOpenAI) -> AsyncIterator[LlmClient]:
    llm = make_client(server, limits=TIGHT)
    yield llm
    await llm.aclose()


async def collect(client: LlmClient, into: list[str] | None = None) -> str:
    got = [] if into is None else into
    async for delta in client.stream_chat(MESSAGES, max_tokens=100, temperature=0.3):
        got.append(delta)
    return "".join(got)


async def test_deltas_arrive_before_the_reply_is_finished(
    server: FakeOpenAI, client: LlmClient
) -> None:
    release = asyncio.Event()
    server.queue(Stream(["Tell", " me", " about", " yourself."], release_last=release))
    stream = client.stream_chat(MESSAGES)
    assert [await anext(stream) for _ in range(3)] == ["Tell", " me", " about"]
    assert server.chunks_sent == 3  # the last delta has not even been sent yet
    release.set()
    assert [delta async for delta in stream] == [" yourself."]
    (request,) = server.requests
    assert request.body["stream"] is True
    assert request.body["messages"] == [
        {"role": "system", "content": "You are an interviewer."},
        {"role": "user", "content": PRIVATE},
    ]


async def test_the_key_goes_in_the_authorization_header(
    server: FakeOpenAI, client: LlmClient
) -> None:
    server.queue(Stream(["Hi."]))
    assert await collect(client) == "Hi."
    assert server.requests[0].headers["Authorization"] == f"Bearer {KEY}"
    assert server.requests[0].body["temperature"] == 0.3


async def test_rate_limits_and_server_errors_are_retried(
    server: FakeOpenAI, client: LlmClient
) -> None:
    server.queue(Status(429, retry_after="0"), Status(500), Stream(["Hello", " again."]))
    assert await collect(client) == "Hello again."
    assert len(server.requests) == 3


async def test_a_retry_after_past_the_deadline_is_not_waited_for(
    server: FakeOpenAI, client: LlmClient
) -> None:
    server.queue(Status(429, retry_after="30"), Stream(["never asked for"]))
    with pytest.raises(LlmUnavailable) as caught:
        await collect(client)
    assert (caught.value.reason, caught.value.retry_after_s) == ("rate_limited", 30.0)
    assert len(server.requests) == 1


async def test_retries_are_bounded(server: FakeOpenAI, client: LlmClient) -> None:
    server.queue(Status(503), Status(502), Status(500), Stream(["never asked for"]))
    with pytest.raises(LlmUnavailable) as caught:
        await collect(client)
    assert (caught.value.reason, caught.value.status) == ("server_error", 500)
    assert len(server.requests) == ROOMY.max_attempts


@pytest.mark.parametrize(("status", "reason"), [(401, "auth"), (403, "auth"), (400, "rejected")])
async def test_client_errors_are_not_retried(
    server: FakeOpenAI, client: LlmClient, status: int, reason: str
) -> None:
    server.queue(Status(status), Stream(["never asked for"]))
    with pytest.raises(LlmUnavailable) as caught:
        await collect(client)
    assert caught.value.reason == reason
    assert len(server.requests) == 1


async def test_no_retry_once_text_has_streamed(server: FakeOpenAI, client: LlmClient) -> None:
    server.queue(Stream(["Hello", " there", "."], drop_after=1), Stream(["A second reply."]))
    got: list[str] = []
    with pytest.raises(LlmUnavailable) as caught:
        await collect(client, got)
    assert got == ["Hello"]
    assert caught.value.after_text and caught.value.reason == "connection"
    assert len(server.requests) == 1


@pytest.mark.parametrize("step", [Stream(["late"], hang_after=0), Hang()], ids=["sse", "headers"])
async def test_no_first_token_in_time(
    server: FakeOpenAI, tight_client: LlmClient, step: Stream | Hang
) -> None:
    server.queue(step)
    with pytest.raises(LlmUnavailable) as caught:
        await collect(tight_client)
    assert (caught.value.reason, caught.value.after_text) == ("timeout", False)


async def test_a_stream_that_stalls_mid_reply(server: FakeOpenAI, tight_client: LlmClient) -> None:
    server.queue(Stream(["So", " tell", " me"], hang_after=2))
    got: list[str] = []
    with pytest.raises(LlmUnavailable) as caught:
        await collect(tight_client, got)
    assert got == ["So", " tell"]
    assert (caught.value.reason, caught.value.after_text) == ("timeout", True)


async def test_invalid_sse_is_a_protocol_error(server: FakeOpenAI, client: LlmClient) -> None:
    server.queue(Stream(["x"], invalid_after=0), Stream(["never asked for"]))
    with pytest.raises(LlmUnavailable) as caught:
        await collect(client)
    assert caught.value.reason == "protocol"
    assert len(server.requests) == 1


async def test_an_error_event_mid_stream(server: FakeOpenAI, client: LlmClient) -> None:
    server.queue(Stream(["One", " two"], error_after=1))
    with pytest.raises(LlmUnavailable) as caught:
        await collect(client)
    assert (caught.value.reason, caught.value.after_text) == ("server_error", True)


async def test_a_reply_without_text(server: FakeOpenAI, client: LlmClient) -> None:
    server.queue(Stream([]))
    with pytest.raises(LlmUnavailable) as caught:
        await collect(client)
    assert caught.value.reason == "empty_reply"


async def test_complete_json_validates_the_reply(server: FakeOpenAI, client: LlmClient) -> None:
    server.queue(Json('```json\n{"label": "partial", "score": 3}\n```'))
    verdict = await client.complete_json(MESSAGES, Verdict)
    assert verdict == Verdict(label="partial", score=3)
    (request,) = server.requests
    assert request.body["response_format"] == {"type": "json_object"}
    assert "stream" not in request.body or request.body["stream"] is False
    instruction = request.body["messages"][-1]  # type: ignore[index]
    assert instruction["role"] == "system" and '"label"' in instruction["content"]


async def test_complete_json_corrects_an_invalid_reply_once(
    server: FakeOpenAI, client: LlmClient
) -> None:
    server.queue(Json('{"label": "great", "score": 3}'), Json('{"label": "answered", "score": 5}'))
    assert await client.complete_json(MESSAGES, Verdict) == Verdict(label="answered", score=5)
    retry = server.requests[1].body["messages"]
    assert isinstance(retry, list)
    assert retry[-2] == {"role": "assistant", "content": '{"label": "great", "score": 3}'}
    assert retry[-1]["role"] == "user" and "label" in retry[-1]["content"]


async def test_complete_json_gives_up_after_two_invalid_replies(
    server: FakeOpenAI, client: LlmClient
) -> None:
    server.queue(Json("Sure! The answer was partial."), Json('{"score": "high"}'), Json("{}"))
    with pytest.raises(LlmBadOutput) as caught:
        await client.complete_json(MESSAGES, Verdict)
    assert caught.value.schema_name == "Verdict" and caught.value.attempts == 2
    assert len(server.requests) == 2


async def test_complete_json_retries_server_errors(server: FakeOpenAI, client: LlmClient) -> None:
    server.queue(Status(500), Json('{"label": "off_topic", "score": 1}'))
    assert (await client.complete_json(MESSAGES, Verdict)).label == "off_topic"


async def test_json_is_asked_for_in_the_prompt_where_json_mode_is_missing(
    server: FakeOpenAI,
) -> None:
    client = make_client(server, "anthropic")
    server.queue(Json('{"label": "answered", "score": 4}'))
    try:
        assert (await client.complete_json(MESSAGES, Verdict)).score == 4
    finally:
        await client.aclose()
    assert "response_format" not in server.requests[0].body


async def test_the_key_and_messages_stay_out_of_logs_and_errors(
    server: FakeOpenAI, client: LlmClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    errors: list[Exception] = []
    # Real providers echo the key back in a 401 ("Incorrect API key provided: sk-...").
    server.queue(Status(401, message=f"Incorrect API key provided: {KEY} ({PRIVATE})"))
    server.queue(Status(500, message=KEY), Status(500), Status(500))
    server.queue(Stream(["Hi", " there"], drop_after=1), Stream(["x"], invalid_after=0))
    for _ in range(4):
        with pytest.raises(LlmUnavailable) as caught:
            await collect(client)
        errors.append(caught.value)
    server.queue(Json(f'"{PRIVATE}"'), Json(f'{{"label": "{KEY}"}}'))
    with pytest.raises(LlmBadOutput) as bad:
        await client.complete_json(MESSAGES, Verdict)
    errors.append(bad.value)
    server.queue(Stream([PRIVATE]))
    await collect(client)

    assert caplog.records, "the failures were logged"
    for secret in (KEY, KEY[-12:], PRIVATE):
        assert secret not in caplog.text
        for error in errors:
            assert secret not in str(error) and secret not in repr(error)
            assert error.__cause__ is None
