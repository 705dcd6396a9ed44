"""How long aiortc holds the candidate's audio before decoding it.

aiortc's audio receiver releases a frame only once four later frames have arrived
(`JitterBuffer(prefetch=4)`): 80 ms added to everything the call hears, so to every end of
speech and every barge-in. Even with no prefetch its buffer holds each frame until the next
packet shows the frame is complete (a video frame spans packets), 20 ms more. An audio
packet is a whole frame, so `PacketPerFrameBuffer` releases each packet as it arrives, in
sequence order. Waiting reorders nothing a live call would want reordered: a packet that
comes after a later one is late for playback anyway.
"""

from __future__ import annotations

from aiortc import RTCPeerConnection
from aiortc.jitterbuffer import JitterBuffer, JitterFrame

_CAPACITY = 16
GAP_WAIT = 2
"""Packets that may arrive past a missing one before it is given up as lost (40 ms)."""
_ATTRIBUTE = "_RTCRtpReceiver__jitter_buffer"  # aiortc 1.x; checked below, never assumed


class PacketPerFrameBuffer(JitterBuffer):
    """aiortc's buffer with each audio packet its own complete frame.

    The packet next in sequence is released at once. A missing one is waited for until
    `GAP_WAIT` later packets are there, then skipped; the receiver takes one frame per packet
    that arrives, so after such a loss frames come one packet late, as aiortc's own buffer
    always delivers them."""

    def __init__(self) -> None:
        super().__init__(capacity=_CAPACITY)

    def _remove_frame(self, sequence_number: int) -> JitterFrame | None:
        origin = self._origin
        if origin is None:
            return None
        if self._packets[origin % self._capacity] is None:  # a gap: wait, or give it up
            waiting = [
                offset
                for offset in range(1, self._capacity)
                if self._packets[(origin + offset) % self._capacity] is not None
            ]
            if len(waiting) < GAP_WAIT:
                return None
            self.remove(waiting[0])  # the missing packets before it
        head = self._packets[self._origin % self._capacity]  # type: ignore[operator]
        assert head is not None
        self.remove(1)
        return JitterFrame(data=head._data, timestamp=head.timestamp)  # type: ignore[attr-defined]


def tighten_audio_receive(pc: RTCPeerConnection) -> bool:
    """Gives each audio receiver of ``pc`` a `PacketPerFrameBuffer`; call before any media
    flows (after the remote description). False when aiortc's receiver has no such buffer
    (another aiortc version): the default then stays, which is slower but correct."""
    changed = False
    for transceiver in pc.getTransceivers():
        receiver = transceiver.receiver
        if transceiver.kind == "audio" and isinstance(
            getattr(receiver, _ATTRIBUTE, None), JitterBuffer
        ):
            setattr(receiver, _ATTRIBUTE, PacketPerFrameBuffer())
            changed = True
    return changed
