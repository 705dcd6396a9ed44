"""`FallbackStream`: the language model's reply, or the offline interviewer's, so the call
never goes silent.

If the provider fails (or times out) before its first words, the listener hears the
offline reply instead. If it fails mid-reply, what was said is closed off ("..."), a short
bridging phrase follows, then the offline reply. The offline reply is computed only when
it is needed, so the offline interviewer's state moves only on the turns it speaks. The
path taken is kept in `outcome` and logged with ids only.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from dataclasses import dataclass
from typing import Literal

from .errors import LlmError, LlmUnavailable

logger = logging.getLogger(__name__)

# "llm": the model's reply in full; "fallback": the offline reply alone (the model failed
# before any words); "bridged": the model's first words, a bridge, then the offline reply.
FallbackPath = Literal["llm", "fallback", "bridged"]

DEFAULT_BRIDGE = "Sorry, let me put that another way."
_SENTENCE_ENDS = (".", "?", "!", "…")


@dataclass(frozen=True, slots=True)
class StreamOutcome:
    request_id: str
    path: FallbackPath
    reason: str | None  # why the model's reply was abandoned, e.g. "timeout"; None on "llm"
    llm_chars: int  # characters of the model's text that were passed on


def bridge_text(spoken: str, bridge: str) -> str:
    """What follows ``spoken`` when the model breaks off: an end to its sentence (unless
    it already ended one) and the bridging phrase."""
    tail = spoken.rstrip()
    if not tail.endswith(_SENTENCE_ENDS):
        return f"... {bridge}"
    return f" {bridge}" if tail == spoken else bridge


class FallbackStream:
    """Async-iterates text deltas for TTS: the model's, else the offline fallback's.

    ``llm_stream`` is typically `LlmClient.stream_chat(...)`; ``fallback`` returns the
    offline interviewer's reply. Only `LlmError` is caught: anything else is a bug and
    propagates. ``on_outcome`` (for metrics) receives the `StreamOutcome` once.
    """

    def __init__(
        self,
        llm_stream: AsyncIterator[str],
        fallback: Callable[[], str],
        *,
        request_id: str = "-",
        bridge: str = DEFAULT_BRIDGE,
        on_outcome: Callable[[StreamOutcome], None] | None = None,
    ) -> None:
        self._llm = llm_stream
        self._fallback = fallback
        self._request_id = request_id
        self._bridge = bridge
        self._on_outcome = on_outcome
        self.outcome: StreamOutcome | None = None
        self._run_gen = self._run()

    def __aiter__(self) -> FallbackStream:
        return self

    async def __anext__(self) -> str:
        return await self._run_gen.__anext__()

    async def aclose(self) -> None:
        """Stops early (barge-in): closes the model's stream too."""
        await self._run_gen.aclose()

    async def _run(self) -> AsyncGenerator[str, None]:
        spoken: list[str] = []
        error: LlmError | None = None
        try:
            async for delta in self._llm:
                spoken.append(delta)
                yield delta
        except LlmError as exc:
            error = exc
        finally:
            if isinstance(self._llm, AsyncGenerator):
                await self._llm.aclose()
        said = "".join(spoken)
        if error is None and said.strip():
            self._record("llm", None, said)
            return
        reason = error.reason if isinstance(error, LlmUnavailable) else type(error).__name__
        if error is None:
            reason = "empty_reply"
        if said.strip():
            self._record("bridged", reason, said)
            yield bridge_text(said, self._bridge)
            yield " " + self._fallback()
        else:
            self._record("fallback", reason, said)
            yield self._fallback()

    def _record(self, path: FallbackPath, reason: str | None, said: str) -> None:
        self.outcome = StreamOutcome(self._request_id, path, reason, len(said))
        log = logger.info if path == "llm" else logger.warning
        log("reply %s: %s path (%s, %d model chars)", self._request_id, path, reason, len(said))
        if self._on_outcome is not None:
            self._on_outcome(self.outcome)
