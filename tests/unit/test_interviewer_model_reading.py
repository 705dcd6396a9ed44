"""With a language model, the model reads the answer too (kind, missing specifics, follow-up)
through structured output; the offline rules decide when it errs, is slow or oversteps.
Against the local OpenAI-compatible test server."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest

from agent.interviewer.interviewer import Interviewer
from agent.interviewer.model_reading import read_with_model, reply_with_model
from agent.interviewer.setup import InterviewSetup, Length, Persona
from agent.llm import CallLimits, LlmClient, ProviderConfig

from fake_openai_server import FakeOpenAI, Hang, Json

LIMITS = CallLimits(
    first_token_timeout_s=5.0,
    chunk_timeout_s=5.0,
    total_timeout_s=5.0,
    max_attempts=1,
    backoff_initial_s=0.01,
    backoff_max_s=0.05,
)
ANSWER = (
    "In my last job our team moved the reporting jobs to a new scheduler, and after that the "
    "nightly reports were ready on time and people were happier with them."
)


@pytest.fixture
async def server() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as srv:
        yield srv


@pytest.fixture
async def client(server: FakeOpenAI) -> AsyncIterator[LlmClient]:
    config = ProviderConfig.for_provider(
        "openai", "sk-test-0123456789", source="user", base_url=server.base_url, limits=LIMITS
    )
    llm = LlmClient(config)
    yield llm
    await llm.aclose()


def _opened() -> Interviewer:
    setup = InterviewSetup(
        role="backend_engineer",
        level="mid",
        interview_type="behavioral",
        length=Length(value=3),
        persona=Persona(name="Ana", tone="neutral"),
    )
    iv = Interviewer.create(setup, seed=9)
    iv.reply(None)
    return iv


def _reading(kind: str, follow_up: str | None, missing: list[str] | None = None) -> Json:
    return Json(json.dumps({"kind": kind, "missing": missing or [], "follow_up": follow_up}))


async def test_the_models_reading_chooses_the_kind_and_the_follow_up(
    server: FakeOpenAI, client: LlmClient
) -> None:
    probe = "Which scheduler did you pick yourself, and how did you measure on time?"
    server.queue(_reading("vague", probe, ["own_part", "numbers"]))
    iv = _opened()
    reply = await reply_with_model(iv, ANSWER, client)
    assert iv.last_directive.move == "follow_up"
    assert iv.last_directive.follow_up == probe and probe in reply
    sent = json.dumps(server.requests[0].body)
    assert ("candidate_answer" in sent and "response_format" in sent) or "JSON" in sent


async def test_without_a_client_or_on_bad_output_the_offline_rules_decide(
    server: FakeOpenAI, client: LlmClient
) -> None:
    offline = _opened()
    expected = offline.reply(ANSWER)
    assert await reply_with_model(_opened(), ANSWER, None) == expected
    server.queue(Json("this is not json"), Json('{"kind": "brilliant"}'))
    assert await reply_with_model(_opened(), ANSWER, client) == expected


async def test_a_slow_model_is_not_waited_for(server: FakeOpenAI, client: LlmClient) -> None:
    server.queue(Hang())
    question = _opened().current_context()
    assert question is not None
    assert await read_with_model(client, question, ANSWER, timeout_s=0.3) is None


async def test_the_model_cannot_turn_a_command_into_an_answer_nor_ask_unspeakable_things(
    server: FakeOpenAI, client: LlmClient
) -> None:
    server.queue(_reading("answered", "Next?"))
    iv = _opened()
    before = iv.question_index
    await reply_with_model(iv, "Can we skip this one?", client)
    assert iv.last_directive.move in ("skip", "ask") and iv.question_index == before + 1
    server.queue(_reading("partial", "Tell me <b>more</b> about /etc/hosts?"))
    question = _opened().current_context()
    assert question is not None
    reading = await read_with_model(client, question, ANSWER)
    assert reading is not None and reading.kind == "partial" and reading.follow_up is None
