"""What a call tells its transport's control channel (the page's data channel, a SIP log).

Plain frozen dataclasses; `to_message()` gives the JSON-ready dict of the wire contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Speaker = Literal["interviewer", "candidate"]


@dataclass(frozen=True, slots=True)
class TranscriptUpdated:
    speaker: Speaker
    text: str
    final: bool

    def to_message(self) -> dict[str, object]:
        return {
            "type": "transcript",
            "speaker": self.speaker,
            "text": self.text,
            "final": self.final,
        }


@dataclass(frozen=True, slots=True)
class StateChanged:
    agent: str
    user: str

    def to_message(self) -> dict[str, object]:
        return {"type": "state", "agent": self.agent, "user": self.user}


@dataclass(frozen=True, slots=True)
class CallEnded:
    interview_id: str
    reason: str

    def to_message(self) -> dict[str, object]:
        return {"type": "ended", "interview_id": self.interview_id, "reason": self.reason}


CallEvent = TranscriptUpdated | StateChanged | CallEnded
