"""`CallBrain`: the interviewer a call speaks for, where its state is saved, who phrases it.

Built by signaling from the interview's checkpoint (so a call after a dropped call or a
server restart picks up where the interview stopped) and handed to `InterviewCall`, which
owns it from then on: it saves each new state in turn order and closes the model client.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import cast
from uuid import UUID

from ..interviewer import Interviewer
from ..interviewer.clock import continued_elapsed
from ..interviewer.state import InterviewState
from ..llm.client import LlmClient
from ..store.checkpoints import CheckpointStore, StaleCheckpointError
from ..store.models import JsonObject

log = logging.getLogger(__name__)


@dataclass(slots=True)
class CallBrain:
    interviewer: Interviewer
    checkpoints: CheckpointStore | None = None
    version: int | None = None
    """The checkpoint version the interviewer was restored from (None: never saved)."""
    client: LlmClient | None = None
    saved_at: float | None = None
    """When that checkpoint was saved (epoch seconds): where the interview's clock resumes."""

    @property
    def resuming(self) -> bool:
        """Whether the interview already started: the call opens with a welcome back."""
        return bool(self.interviewer.turns)

    def elapsed_at(self, now: float) -> float:
        """Interview seconds at ``now`` by the saved state's clock (`interviewer.clock`)."""
        return continued_elapsed(self.interviewer.elapsed_s, self.saved_at, now)

    async def save(self, interview_id: UUID, state: InterviewState) -> None:
        if self.checkpoints is None:
            return
        try:
            self.version = await self.checkpoints.save(
                interview_id, cast(JsonObject, state), expected_version=self.version
            )
        except StaleCheckpointError:
            # Someone else moved the interview on (another server); ours is not written
            # over theirs, and this call keeps its own state for the rest of the call.
            log.warning("checkpoint of interview %s moved on elsewhere", interview_id)

    async def aclose(self) -> None:
        if self.client is not None:
            await self.client.aclose()
