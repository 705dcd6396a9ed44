"""How a candidate's voice reaches a call: the one interface every transport implements.

A transport (an aiortc peer, a LiveKit room, a SIP leg) carries audio both ways and a few
control messages, nothing else. The session owner (`agent.sessions.session`) attaches it to
a call and hands it a `CallLine`:

- audio in: ``line.push_audio(pcm, rate)`` with the candidate's mono int16 samples, as they
  arrive;
- audio out: ``line.pull_audio(n)`` once per packet interval on the transport's own media
  clock, at its ``output_rate`` (the interviewer's voice, or None for silence); what was
  pulled is what the candidate could hear, which is how barge-in knows what was said;
- ``line.end_interview()`` when the candidate asks to end the interview (the page's End
  call); hanging up is not that: ``run`` returning means the line dropped, and the
  interview waits to be resumed.

The transport is told what happens with `send` (captions, states, the end) and released with
`aclose`. A new transport is one file plus its tests.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar, Protocol

import numpy as np
import numpy.typing as npt

from .events import CallEvent

Pcm16 = npt.NDArray[np.int16]


class CallLine(Protocol):
    """The call as a transport sees it."""

    def push_audio(self, pcm: Pcm16, sample_rate: int) -> None:
        """The candidate's mono int16 samples, in order, as they arrive."""

    def pull_audio(self, n_samples: int) -> Pcm16 | None:
        """Up to ``n_samples`` of the interviewer's voice at the transport's ``output_rate``
        (zero-padded), or None when the interviewer is silent."""

    def end_interview(self) -> None:
        """The candidate asked to end the interview (not a hang-up)."""


class Transport(ABC):
    """One candidate's connection; the session owns it once attached."""

    kind: ClassVar[str]
    """A short name for logs and metrics: "webrtc", "sip", "livekit"."""
    output_rate: int = 48_000
    """The sample rate at which `CallLine.pull_audio` is called (a phone leg's depends on the
    codec it negotiated)."""
    echo_guard_s: ClassVar[float | None] = None
    """Seconds at the start of the interviewer's speech during which the candidate's audio
    cannot interrupt it, for a line that may echo the interviewer back before its echo
    canceller settles (livekit's AEC warm-up). None: the far end cancels its echo (a
    browser's getUserMedia does), so barge-in works from the first word."""

    @abstractmethod
    async def run(self, line: CallLine) -> None:
        """Carry audio both ways until the connection ends; return when it has."""

    @abstractmethod
    def send(self, event: CallEvent) -> None:
        """Tell the candidate's side what happened (captions, states, the end). Never blocks;
        an event the transport cannot deliver is dropped (the transcript is stored anyway)."""

    @abstractmethod
    async def aclose(self) -> None:
        """Release the connection; idempotent, and safe while `run` is still running."""
