"""How long aiortc holds the candidate's audio before decoding it.

aiortc's audio receiver releases a packet only once four later frames have arrived
(`JitterBuffer(prefetch=4)`): 80 ms added to everything the call hears, so to every end of
speech and every barge-in. It reorders nothing more by waiting (a frame is released in
sequence order either way) and a lost packet stalls it the same, until its capacity is
exceeded. One frame of look-ahead (the next packet marks a frame complete) is all it needs.
"""

from __future__ import annotations

from aiortc import RTCPeerConnection
from aiortc.jitterbuffer import JitterBuffer

AUDIO_PREFETCH = 1
"""Frames held back before one is decoded (aiortc's default: 4, i.e. 80 ms at 20 ms a packet)."""
_CAPACITY = 16
_ATTRIBUTE = "_RTCRtpReceiver__jitter_buffer"  # aiortc 1.x; checked below, never assumed


def tighten_audio_receive(pc: RTCPeerConnection) -> bool:
    """Gives each audio receiver of ``pc`` a buffer with `AUDIO_PREFETCH`; call before any
    media flows (after the remote description). False when aiortc's receiver has no such
    buffer (another aiortc version): the default then stays, which is slower but correct."""
    changed = False
    for transceiver in pc.getTransceivers():
        receiver = transceiver.receiver
        if transceiver.kind == "audio" and isinstance(
            getattr(receiver, _ATTRIBUTE, None), JitterBuffer
        ):
            setattr(receiver, _ATTRIBUTE, JitterBuffer(capacity=_CAPACITY, prefetch=AUDIO_PREFETCH))
            changed = True
    return changed
