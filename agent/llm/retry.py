"""Bounded retries of one provider request, with backoff, and the log lines about them.

Retried: connection errors, timeouts, 429 and 5xx, never a failure after text streamed.
Each retry waits a jittered exponential backoff (or the server's Retry-After), and only
if the wait still fits before the deadline. Log lines name the request id, provider,
model, reason and error class: never the key or any message text.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

import openai

from .config import CallLimits
from .errors import LlmUnavailable, unavailable_from

logger = logging.getLogger("agent.llm.client")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CallTag:
    """What a log line may say about a call."""

    request_id: str
    provider: str
    model: str

    def __str__(self) -> str:
        return f"{self.request_id} {self.provider}/{self.model}"


def backoff_delay(limits: CallLimits, attempt: int, error: LlmUnavailable) -> float:
    """Seconds to wait before attempt ``attempt + 1``."""
    if error.retry_after_s is not None:
        # Not capped: a wait that does not fit before the deadline means no retry at all,
        # rather than an early retry the server has said it will refuse.
        return error.retry_after_s
    ceiling = min(limits.backoff_initial_s * 2.0 ** (attempt - 1), limits.backoff_max_s)
    return ceiling * random.uniform(0.5, 1.0)  # jitter: clients hit by one outage spread out


def log_unavailable(tag: CallTag, attempts: int, error: LlmUnavailable) -> None:
    logger.warning(
        "llm %s: unavailable after %d attempt(s) (%s, status %s, %s%s)",
        tag,
        attempts,
        error.reason,
        error.status,
        error.error_class,
        ", after text" if error.after_text else "",
    )


async def with_retries(
    attempt_once: Callable[[], Awaitable[T]],
    *,
    limits: CallLimits,
    deadline: float,
    tag: CallTag,
) -> T:
    """``attempt_once()``'s result; every attempt and backoff ends by ``deadline`` (loop
    time). Raises `LlmUnavailable` when an error is not retryable, the attempts are spent,
    or no time is left."""
    loop = asyncio.get_running_loop()
    attempt = 0
    while True:
        attempt += 1
        try:
            async with asyncio.timeout_at(deadline):
                return await attempt_once()
        except TimeoutError:
            error = LlmUnavailable("timeout", provider=tag.provider)
        except LlmUnavailable as exc:
            error = exc
        except (openai.OpenAIError, ValueError) as exc:
            error = unavailable_from(exc, provider=tag.provider)
        delay = backoff_delay(limits, attempt, error)
        last = attempt >= limits.max_attempts or loop.time() + delay >= deadline
        if last or not error.retryable:
            log_unavailable(tag, attempt, error)
            raise error
        logger.warning(
            "llm %s: attempt %d failed (%s, %s), retrying in %.0f ms",
            tag,
            attempt,
            error.reason,
            error.error_class,
            delay * 1000,
        )
        await asyncio.sleep(delay)
