"""Typed errors of the language-model layer, and the mapping from the `openai` client's.

Messages carry a reason, a status code and an error class name only: never the API key,
the request or the provider's response body (which may echo a masked key or the prompt).
Errors are raised ``from None`` so no provider exception rides along as ``__cause__``.
"""

from __future__ import annotations

from typing import Literal

import openai

UnavailableReason = Literal[
    "timeout",  # no first token, a stalled stream, or the total budget spent
    "connection",  # refused, reset, DNS, TLS
    "rate_limited",  # HTTP 429
    "server_error",  # HTTP 5xx, or an error event inside the stream
    "auth",  # HTTP 401/403: the key is wrong or lacks access
    "rejected",  # any other 4xx: bad model name, bad parameters
    "protocol",  # the response is not the OpenAI wire format (invalid SSE or JSON)
    "empty_reply",  # the stream ended without any text
]

RETRYABLE: frozenset[UnavailableReason] = frozenset(
    {"timeout", "connection", "rate_limited", "server_error"}
)


class LlmError(Exception):
    """Base of every error this package raises."""


class LlmUnavailable(LlmError):
    """The provider gave no usable reply. ``after_text`` is True when some text had
    already been streamed to the caller before the failure (it was not retried)."""

    def __init__(
        self,
        reason: UnavailableReason,
        *,
        provider: str,
        status: int | None = None,
        error_class: str | None = None,
        after_text: bool = False,
        retry_after_s: float | None = None,
    ) -> None:
        self.reason: UnavailableReason = reason
        self.provider = provider
        self.status = status
        self.error_class = error_class
        self.after_text = after_text
        self.retry_after_s = retry_after_s
        details = [f"provider={provider}"]
        if status is not None:
            details.append(f"status={status}")
        if error_class is not None:
            details.append(f"error={error_class}")
        if after_text:
            details.append("after_text")
        super().__init__(f"language model unavailable ({reason}): {', '.join(details)}")

    @property
    def retryable(self) -> bool:
        return self.reason in RETRYABLE and not self.after_text


class LlmBadOutput(LlmError):
    """The model's structured output did not validate against the schema, twice."""

    def __init__(self, schema_name: str, *, provider: str, attempts: int, errors: int) -> None:
        self.schema_name = schema_name
        self.provider = provider
        self.attempts = attempts
        super().__init__(
            f"{provider} gave no valid {schema_name} in {attempts} attempts "
            f"({errors} validation errors in the last)"
        )


def _retry_after(exc: openai.APIStatusError) -> float | None:
    value = exc.response.headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:  # an HTTP date; rare from these APIs, the backoff applies instead
        return None


def _status_reason(status: int) -> UnavailableReason:
    if status == 429:
        return "rate_limited"
    if status >= 500:
        return "server_error"
    if status in (401, 403):
        return "auth"
    return "rejected"


def unavailable_from(exc: Exception, *, provider: str, after_text: bool = False) -> LlmUnavailable:
    """The `LlmUnavailable` for an exception raised by the `openai` client (or by its
    SSE decoder, which raises `ValueError` on data that is not JSON)."""
    name = type(exc).__name__
    if isinstance(exc, openai.APIStatusError):
        return LlmUnavailable(
            _status_reason(exc.status_code),
            provider=provider,
            status=exc.status_code,
            error_class=name,
            after_text=after_text,
            retry_after_s=_retry_after(exc),
        )
    if isinstance(exc, openai.APITimeoutError):
        reason: UnavailableReason = "timeout"
    elif isinstance(exc, openai.APIConnectionError):
        reason = "connection"
    elif isinstance(exc, openai.APIError) and not isinstance(
        exc, openai.APIResponseValidationError
    ):
        reason = "server_error"  # an error event in the middle of a stream
    else:
        reason = "protocol"
    return LlmUnavailable(reason, provider=provider, error_class=name, after_text=after_text)
