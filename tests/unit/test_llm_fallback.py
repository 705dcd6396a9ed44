"""`FallbackStream`: the model's reply, or the offline interviewer's, never silence."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from agent.interviewer.interviewer import Interviewer
from agent.llm import (
    CallLimits,
    ChatMessage,
    FallbackStream,
    LlmClient,
    ProviderConfig,
    StreamOutcome,
)
from agent.llm.fallback import DEFAULT_BRIDGE, bridge_text

from fake_openai_server import FakeOpenAI, Hang, Status, Stream

KEY = "sk-test-fallback-0123456789"
OFFLINE = "Let's move on. Tell me about a project you are proud of."
SPOKEN = "Interesting choice of database"  # the model's words: never in a log line
# Roomy deadlines where none should fire; tight ones where the server is scripted to stall.
ROOMY = CallLimits(
    first_token_timeout_s=10.0,
    chunk_timeout_s=10.0,
    total_timeout_s=20.0,
    backoff_initial_s=0.01,
    backoff_max_s=0.05,
)
TIGHT = ROOMY.model_copy(update={"first_token_timeout_s": 0.3, "chunk_timeout_s": 0.3})


class Offline:
    """Stands in for ``Interviewer.reply`` and counts how often it was asked."""

    def __init__(self, text: str = OFFLINE) -> None:
        self.text = text
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return self.text


@pytest.fixture
async def server() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as srv:
        yield srv


async def _client(server: FakeOpenAI, limits: CallLimits) -> AsyncIterator[LlmClient]:
    config = ProviderConfig.for_provider(
        "gemini", KEY, source="server", base_url=server.base_url, limits=limits
    )
    llm = LlmClient(config)
    yield llm
    await llm.aclose()


@pytest.fixture
async def client(server: FakeOpenAI) -> AsyncIterator[LlmClient]:
    async for llm in _client(server, ROOMY):
        yield llm


@pytest.fixture
async def tight_client(server: FakeOpenAI) -> AsyncIterator[LlmClient]:
    async for llm in _client(server, TIGHT):
        yield llm


def reply_stream(client: LlmClient, offline: Offline) -> FallbackStream:
    llm = client.stream_chat([ChatMessage("user", "I used Postgres.")], request_id="turn-7")
    return FallbackStream(llm, offline, request_id="turn-7")


async def test_the_models_reply_passes_through(server: FakeOpenAI, client: LlmClient) -> None:
    server.queue(Stream(["Interesting", " choice", " of database."]))
    offline = Offline()
    stream = reply_stream(client, offline)
    assert [d async for d in stream] == ["Interesting", " choice", " of database."]
    assert stream.outcome == StreamOutcome("turn-7", "llm", None, len(SPOKEN) + 1)
    assert offline.calls == 0  # the offline interviewer's state is left alone


@pytest.mark.parametrize(
    ("steps", "reason"),
    [
        ([Status(500), Status(500), Status(500)], "server_error"),
        ([Status(401)], "auth"),
        ([Stream([])], "empty_reply"),
        ([Stream(["x"], invalid_after=0)], "protocol"),
    ],
    ids=["5xx", "bad-key", "empty", "invalid-sse"],
)
async def test_a_failure_before_the_first_word_speaks_the_offline_reply(
    server: FakeOpenAI, client: LlmClient, steps: list[Stream | Status], reason: str
) -> None:
    server.queue(*steps)
    offline = Offline()
    stream = reply_stream(client, offline)
    assert [d async for d in stream] == [OFFLINE]
    assert stream.outcome == StreamOutcome("turn-7", "fallback", reason, 0)
    assert offline.calls == 1


@pytest.mark.parametrize(
    "step", [Hang(), Stream(["late"], hang_after=0)], ids=["no-headers", "no-first-token"]
)
async def test_no_first_word_in_time_speaks_the_offline_reply(
    server: FakeOpenAI, tight_client: LlmClient, step: Stream | Hang
) -> None:
    server.queue(step)
    stream = reply_stream(tight_client, Offline())
    assert [d async for d in stream] == [OFFLINE]
    assert stream.outcome == StreamOutcome("turn-7", "fallback", "timeout", 0)


async def test_a_stall_mid_sentence_bridges_to_the_offline_reply(
    server: FakeOpenAI, tight_client: LlmClient
) -> None:
    server.queue(Stream(["Interesting", " choice", " of", " database."], hang_after=2))
    stream = reply_stream(tight_client, Offline())
    text = "".join([d async for d in stream])
    assert text == f"Interesting choice... {DEFAULT_BRIDGE} {OFFLINE}"
    assert stream.outcome == StreamOutcome("turn-7", "bridged", "timeout", 18)


async def test_a_failure_after_a_full_sentence_needs_no_ellipsis(
    server: FakeOpenAI, client: LlmClient
) -> None:
    server.queue(Stream(["Good.", " Now", " tell me"], drop_after=1))
    stream = reply_stream(client, Offline())
    assert "".join([d async for d in stream]) == f"Good. {DEFAULT_BRIDGE} {OFFLINE}"
    assert stream.outcome is not None and stream.outcome.reason == "connection"


def test_bridge_text_ends_the_sentence_once() -> None:
    assert bridge_text("Tell me about", "Sorry.") == "... Sorry."
    assert bridge_text("Tell me about ", "Sorry.") == "... Sorry."
    assert bridge_text("Nice work!", "Sorry.") == " Sorry."
    assert bridge_text("Nice work! ", "Sorry.") == "Sorry."


async def test_the_real_offline_interviewer_fills_in(
    server: FakeOpenAI, tight_client: LlmClient
) -> None:
    interviewer = Interviewer("backend_engineer", "junior", "technical", max_questions=3, seed=4)
    first_question = interviewer.questions[0]["text"]
    server.queue(Hang())
    outcomes: list[StreamOutcome] = []
    llm = tight_client.stream_chat([ChatMessage("user", "Hello")])
    stream = FallbackStream(llm, lambda: interviewer.reply(None), on_outcome=outcomes.append)
    text = "".join([d async for d in stream])
    assert text.endswith(first_question)
    assert [o.path for o in outcomes] == ["fallback"]


async def test_closing_early_closes_the_models_stream() -> None:
    closed = False

    async def model() -> AsyncIterator[str]:
        nonlocal closed
        try:
            yield "One"
            yield " two"
        finally:
            closed = True

    stream = FallbackStream(model(), Offline())
    assert await anext(stream) == "One"
    await stream.aclose()  # the candidate barged in
    assert closed and stream.outcome is None


async def test_logs_name_the_path_not_the_words(
    server: FakeOpenAI, tight_client: LlmClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server.queue(Stream(["Interesting", " choice", " of database."], hang_after=2))
    stream = reply_stream(tight_client, Offline())
    _ = [d async for d in stream]
    assert "turn-7: bridged path (timeout" in caplog.text
    for private in ("Interesting", OFFLINE, "Postgres", KEY):
        assert private not in caplog.text
