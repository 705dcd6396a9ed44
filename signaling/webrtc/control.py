"""The page's "events" data channel: call events out, held until the channel opens."""

from __future__ import annotations

import logging

from aiortc import RTCDataChannel

log = logging.getLogger(__name__)

# Events sent before the channel opens (the opening caption, say) wait here; a page that
# never opens it cannot make the server hold more than this.
_MAX_BACKLOG = 256


class ControlChannel:
    def __init__(self) -> None:
        self._channel: RTCDataChannel | None = None
        self._backlog: list[str] = []

    def attach(self, channel: RTCDataChannel) -> None:
        self._channel = channel
        if channel.readyState == "open":
            self._drain()
        else:
            channel.on("open", self._drain)

    def _drain(self) -> None:
        backlog, self._backlog = self._backlog, []
        for text in backlog:
            self.send(text)

    def send(self, text: str) -> None:
        channel = self._channel
        if channel is None or channel.readyState != "open":
            if len(self._backlog) < _MAX_BACKLOG:
                self._backlog.append(text)
            return
        try:
            channel.send(text)
        except Exception:  # a closing channel; the transcript is in the store anyway
            log.debug("control message dropped")
