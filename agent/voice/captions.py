"""Live captions of the interviewer, paced by livekit's transcript synchronizer."""

from __future__ import annotations

from collections.abc import Callable

from livekit.agents.voice import io

from .events import CallEvent, TranscriptUpdated


class CaptionOutput(io.TextOutput):
    """Accumulates the words of the segment being spoken and emits them as caption updates."""

    def __init__(self, emit: Callable[[CallEvent], None]) -> None:
        super().__init__(label="captions", next_in_chain=None)
        self._emit = emit
        self._text = ""

    async def capture_text(self, text: str) -> None:
        self._text += text
        self._emit(TranscriptUpdated(speaker="interviewer", text=self._text.strip(), final=False))

    def flush(self) -> None:
        if self._text.strip():
            self._emit(
                TranscriptUpdated(speaker="interviewer", text=self._text.strip(), final=True)
            )
        self._text = ""
