"""What the sessions of one process share: the database, the models, the report runner."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from uuid import UUID

import asyncpg

from agent.llm import LlmClient

from .live import LiveFeed, MemoryLiveFeed
from .presence import CallPresence, memory_presence

if TYPE_CHECKING:
    from agent.plugins import SpeechModels

    from .reports import Reports

ClientFor = Callable[[UUID], Awaitable[LlmClient | None]]
"""The language model for an interview's owner (`provider.llm_client_for`), or None; the
caller closes it."""


@dataclass(frozen=True, slots=True)
class CallOptions:
    max_questions: int = 5
    """Questions per interview when the candidate picked no length."""
    silence_prompt_s: float = 15.0
    """Seconds of silence after which a call offers time; 0 turns it off."""
    max_calls: int | None = None
    """Calls this process carries at once; past it a new one is refused as busy (None: no
    limit). Each call needs its share of the CPU in real time: one more than the machine
    can carry would make every call slow, not just the new one."""


@dataclass(frozen=True, slots=True)
class SessionDeps:
    pool: asyncpg.Pool
    client_for: ClientFor | None = None
    reports: Reports | None = None
    """Starts a completed interview's report; None: this process makes none (the CLI)."""
    speech: SpeechModels | None = None
    """VAD, ASR and TTS for calls; None: this process takes no calls."""
    calls: CallOptions = field(default_factory=CallOptions)
    presence: CallPresence = field(default_factory=memory_presence)
    """Which interviews have a call anywhere in the fleet (this process alone by default)."""
    live: LiveFeed = field(default_factory=MemoryLiveFeed)
    """Where a call's captions and states go for pages watching the interview elsewhere."""
