"""Provider resolution: defaults per provider, bring-your-own-key first, then the server's
key, else offline; and what each provider's client puts on the wire."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from pydantic import SecretStr, ValidationError

from agent.llm import ChatMessage, LlmClient, LlmSettings, ProviderConfig, resolve_provider
from agent.llm.config import CallLimits
from agent.llm.providers import DecryptedKey, Provider

from fake_openai_server import FakeOpenAI, Stream

SERVER_KEY = "sk-server-0123456789abcdef"
USER_KEY = "sk-user-fedcba9876543210"

EXPECTED: dict[Provider, tuple[str, str, str]] = {
    "openai": ("https://api.openai.com/v1", "gpt-4.1-mini", "max_completion_tokens"),
    "gemini": (
        "https://generativelanguage.googleapis.com/v1beta/openai/",
        "gemini-2.5-flash",
        "max_tokens",
    ),
    "anthropic": ("https://api.anthropic.com/v1/", "claude-haiku-4-5", "max_tokens"),
    "openai_compatible": ("http://127.0.0.1:11434/v1", "llama3.1:8b", "max_tokens"),
}


@pytest.fixture(autouse=True)
def _no_llm_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PROVIDER", "API_KEY", "BASE_URL", "MODEL", "FIRST_TOKEN_TIMEOUT_S"):
        monkeypatch.delenv(f"MOCKLINE_LLM_{name}", raising=False)


@pytest.fixture
async def server() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as srv:
        yield srv


@pytest.mark.parametrize("provider", list(EXPECTED))
def test_each_provider_has_its_endpoint_and_default_model(provider: Provider) -> None:
    config = resolve_provider(LlmSettings(), DecryptedKey(provider, USER_KEY, None, None))
    assert config is not None
    base_url, model, _ = EXPECTED[provider]
    assert (config.provider, config.base_url, config.model) == (provider, base_url, model)
    assert config.api_key.get_secret_value() == USER_KEY
    assert config.source == "user"


def test_stored_base_url_and_model_override_the_defaults() -> None:
    user = DecryptedKey("openai_compatible", "", "http://gpu-box:8000/v1", "qwen2.5-7b")
    config = resolve_provider(LlmSettings(), user)
    assert config is not None
    assert (config.base_url, config.model) == ("http://gpu-box:8000/v1", "qwen2.5-7b")
    assert config.api_key.get_secret_value() == "not-needed"  # vLLM without a key


def test_the_candidates_own_key_wins_over_the_servers() -> None:
    settings = LlmSettings(provider="gemini", api_key=SecretStr(SERVER_KEY))
    config = resolve_provider(settings, DecryptedKey("anthropic", USER_KEY, None, None))
    assert config is not None
    assert (config.provider, config.source) == ("anthropic", "user")
    assert config.api_key.get_secret_value() == USER_KEY


def test_the_servers_key_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKLINE_LLM_PROVIDER", "gemini")
    monkeypatch.setenv("MOCKLINE_LLM_API_KEY", SERVER_KEY)
    monkeypatch.setenv("MOCKLINE_LLM_MODEL", "gemini-2.5-pro")
    monkeypatch.setenv("MOCKLINE_LLM_FIRST_TOKEN_TIMEOUT_S", "2.5")
    config = resolve_provider(LlmSettings(), None)
    assert config is not None
    assert (config.provider, config.source, config.model) == ("gemini", "server", "gemini-2.5-pro")
    assert config.base_url == EXPECTED["gemini"][0]
    assert config.api_key.get_secret_value() == SERVER_KEY
    assert config.limits.first_token_timeout_s == 2.5
    assert config.limits.total_timeout_s == 20.0


def test_a_server_key_alone_means_openai() -> None:
    config = resolve_provider(LlmSettings(api_key=SecretStr(SERVER_KEY)), None)
    assert config is not None
    assert (config.provider, config.model) == ("openai", "gpt-4.1-mini")


def test_no_key_means_the_offline_interviewer() -> None:
    assert resolve_provider(LlmSettings(), None) is None
    assert resolve_provider(LlmSettings(api_key=SecretStr("")), None) is None
    assert resolve_provider(LlmSettings(provider="anthropic"), None) is None


def test_a_local_server_needs_no_key() -> None:
    settings = LlmSettings(provider="openai_compatible", base_url="http://127.0.0.1:8001/v1")
    config = resolve_provider(settings, None)
    assert config is not None
    assert (config.base_url, config.source) == ("http://127.0.0.1:8001/v1", "server")


def test_the_key_stays_out_of_reprs() -> None:
    config = resolve_provider(LlmSettings(api_key=SecretStr(SERVER_KEY)), None)
    assert SERVER_KEY not in repr(config) and SERVER_KEY not in str(config)
    assert SERVER_KEY not in repr(LlmSettings(api_key=SecretStr(SERVER_KEY)))


@pytest.mark.parametrize("provider", list(EXPECTED))
async def test_each_provider_sends_its_model_key_and_token_limit(
    server: FakeOpenAI, provider: Provider
) -> None:
    config = ProviderConfig.for_provider(
        provider, USER_KEY, source="user", base_url=server.base_url
    )
    client = LlmClient(config)
    server.queue(Stream(["Hello."]))
    try:
        messages = [ChatMessage("user", "hi")]
        assert [d async for d in client.stream_chat(messages, max_tokens=64)] == ["Hello."]
    finally:
        await client.aclose()
    (request,) = server.requests
    _, model, token_param = EXPECTED[provider]
    assert request.headers["Authorization"] == f"Bearer {USER_KEY}"
    assert request.body["model"] == model
    assert request.body[token_param] == 64
    (other_param,) = {"max_tokens", "max_completion_tokens"} - {token_param}
    assert other_param not in request.body


def test_call_limits_refuse_a_misspelt_field() -> None:
    with pytest.raises(ValidationError):
        CallLimits.model_validate({"max_retries": 0})
