"""The language-model provider layer: one client over OpenAI-compatible endpoints (OpenAI,
Gemini, Anthropic, Ollama/vLLM), key resolution, deadlines and retries, structured JSON,
and the fallback to the offline interviewer. It knows nothing of the interview graph."""

from .client import LlmClient, new_request_id
from .config import (
    PROVIDER_DEFAULTS,
    CallLimits,
    LlmSettings,
    ProviderConfig,
    get_llm_settings,
    resolve_provider,
)
from .errors import LlmBadOutput, LlmError, LlmUnavailable
from .fallback import FallbackPath, FallbackStream, StreamOutcome
from .messages import ChatMessage

__all__ = [
    "PROVIDER_DEFAULTS",
    "CallLimits",
    "ChatMessage",
    "FallbackPath",
    "FallbackStream",
    "LlmBadOutput",
    "LlmClient",
    "LlmError",
    "LlmSettings",
    "LlmUnavailable",
    "ProviderConfig",
    "StreamOutcome",
    "get_llm_settings",
    "new_request_id",
    "resolve_provider",
]
