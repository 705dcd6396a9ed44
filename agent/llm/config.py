"""Which language model a call talks to: providers, their defaults, and key resolution.

Every provider is reached through the `openai` client at an OpenAI-compatible endpoint:

==================  ==========================================================  ===================
provider            default base URL                                            default model
==================  ==========================================================  ===================
openai              https://api.openai.com/v1                                   gpt-4.1-mini
gemini              https://generativelanguage.googleapis.com/v1beta/openai/    gemini-2.5-flash
anthropic           https://api.anthropic.com/v1/                               claude-haiku-4-5
openai_compatible   http://127.0.0.1:11434/v1 (a local Ollama; vLLM: its URL)   llama3.1:8b
==================  ==========================================================  ===================

The defaults favour first-token latency over depth: a spoken interviewer reply is a few
sentences. A stored key's ``model``/``base_url`` or ``MOCKLINE_LLM_MODEL``/
``MOCKLINE_LLM_BASE_URL`` override them.

`resolve_provider` picks the candidate's own key (bring-your-own-key) first, else the
server's default key (``MOCKLINE_LLM_*``), else None: the offline interviewer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from agent.llm.providers import DecryptedKey, Provider

logger = logging.getLogger(__name__)

KeySource = Literal["user", "server"]

# Local OpenAI-compatible servers (Ollama, vLLM) usually take no key; the client needs one.
NO_KEY_PLACEHOLDER = "not-needed"


@dataclass(frozen=True, slots=True)
class ProviderDefaults:
    base_url: str
    model: str
    # Whether ``response_format={"type": "json_object"}`` is honoured; else JSON is asked
    # for in the prompt only (Anthropic's compatibility layer ignores response_format).
    json_mode: bool
    # OpenAI's newer models refuse ``max_tokens``; the compatible endpoints all take it.
    max_tokens_param: Literal["max_tokens", "max_completion_tokens"]
    key_required: bool


PROVIDER_DEFAULTS: dict[Provider, ProviderDefaults] = {
    "openai": ProviderDefaults(
        "https://api.openai.com/v1", "gpt-4.1-mini", True, "max_completion_tokens", True
    ),
    "gemini": ProviderDefaults(
        "https://generativelanguage.googleapis.com/v1beta/openai/",
        "gemini-2.5-flash",
        True,
        "max_tokens",
        True,
    ),
    "anthropic": ProviderDefaults(
        "https://api.anthropic.com/v1/", "claude-haiku-4-5", False, "max_tokens", True
    ),
    "openai_compatible": ProviderDefaults(
        "http://127.0.0.1:11434/v1", "llama3.1:8b", True, "max_tokens", False
    ),
}


class CallLimits(BaseModel):
    """Deadlines and retries for one call. Times count waiting on the provider only."""

    # An unknown field is a typo (``max_retries`` for ``max_attempts``), never ignored.
    model_config = ConfigDict(frozen=True, extra="forbid")

    # From the request to the first text, retries and backoff included.
    first_token_timeout_s: float = Field(default=4.0, gt=0)
    # The longest silence between two deltas once text flows.
    chunk_timeout_s: float = Field(default=4.0, gt=0)
    # All waiting on the provider for one reply (or one structured answer).
    total_timeout_s: float = Field(default=20.0, gt=0)
    # Attempts per request on connection errors, 429 and 5xx, never once text has streamed.
    max_attempts: int = Field(default=3, ge=1, le=6)
    backoff_initial_s: float = Field(default=0.25, ge=0)
    backoff_max_s: float = Field(default=2.0, ge=0)


class ProviderConfig(BaseModel):
    """One resolved provider: endpoint, model, key and where the key came from."""

    model_config = ConfigDict(frozen=True)

    provider: Provider
    api_key: SecretStr
    base_url: str
    model: str
    source: KeySource
    json_mode: bool
    max_tokens_param: Literal["max_tokens", "max_completion_tokens"]
    limits: CallLimits = CallLimits()

    @classmethod
    def for_provider(
        cls,
        provider: Provider,
        api_key: str,
        *,
        source: KeySource,
        base_url: str | None = None,
        model: str | None = None,
        limits: CallLimits | None = None,
    ) -> ProviderConfig:
        """A config with this provider's defaults for whatever is not given."""
        defaults = PROVIDER_DEFAULTS[provider]
        return cls(
            provider=provider,
            api_key=SecretStr(api_key or NO_KEY_PLACEHOLDER),
            base_url=base_url or defaults.base_url,
            model=model or defaults.model,
            source=source,
            json_mode=defaults.json_mode,
            max_tokens_param=defaults.max_tokens_param,
            limits=limits or CallLimits(),
        )


class LlmSettings(BaseSettings):
    """The server's default model (``MOCKLINE_LLM_*``); with no key, interviews run offline.

    ``MOCKLINE_LLM_API_KEY`` alone means OpenAI. ``MOCKLINE_LLM_PROVIDER=openai_compatible``
    with ``MOCKLINE_LLM_BASE_URL`` needs no key (a local Ollama or vLLM).
    """

    model_config = SettingsConfigDict(env_prefix="MOCKLINE_LLM_", extra="ignore")

    provider: Provider | None = None
    api_key: SecretStr | None = None
    base_url: str | None = None
    model: str | None = None
    first_token_timeout_s: float = Field(default=4.0, gt=0)
    chunk_timeout_s: float = Field(default=4.0, gt=0)
    total_timeout_s: float = Field(default=20.0, gt=0)
    max_attempts: int = Field(default=3, ge=1, le=6)

    @field_validator("provider", "api_key", "base_url", "model", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    def limits(self) -> CallLimits:
        return CallLimits(
            first_token_timeout_s=self.first_token_timeout_s,
            chunk_timeout_s=self.chunk_timeout_s,
            total_timeout_s=self.total_timeout_s,
            max_attempts=self.max_attempts,
        )


@lru_cache(maxsize=1)
def get_llm_settings() -> LlmSettings:
    return LlmSettings()


def resolve_provider(settings: LlmSettings, user_key: DecryptedKey | None) -> ProviderConfig | None:
    """The candidate's own key, else the server's default, else None (offline interviewer)."""
    limits = settings.limits()
    if user_key is not None:
        return ProviderConfig.for_provider(
            user_key.provider,
            user_key.api_key,
            source="user",
            base_url=user_key.base_url,
            model=user_key.model,
            limits=limits,
        )
    api_key = settings.api_key.get_secret_value() if settings.api_key is not None else ""
    provider: Provider | None = settings.provider or ("openai" if api_key else None)
    if provider is None:
        return None
    if not api_key and PROVIDER_DEFAULTS[provider].key_required:
        logger.warning("MOCKLINE_LLM_PROVIDER=%s has no MOCKLINE_LLM_API_KEY: offline", provider)
        return None
    return ProviderConfig.for_provider(
        provider,
        api_key,
        source="server",
        base_url=settings.base_url,
        model=settings.model,
        limits=limits,
    )
