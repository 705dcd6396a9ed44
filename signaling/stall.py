"""Outgoing audio after a stall of the event loop: the missed time is skipped, not sent in a
burst. One rule for the browser's track (`webrtc.tracks.PlayoutTrack`) and a phone call's RTP
leg (`sip.frame_clock.FrameClock`).

When the loop is held up (a model load, several calls on two cores), the 20 ms frames due
meanwhile would go out back to back. The far end's jitter buffer reads that burst as network
jitter and grows: measured with three browser calls on two cores, Chromium kept about 0.5 s of
audio from then on, so every later reply was heard that much later. With the missed time
skipped in the stream's timestamps, the far end sees a gap, which it conceals as a lost
packet, and its buffer stays short (about 0.1 s). No audio is lost: the streams take their
samples from the playout only when they send them.
"""

from __future__ import annotations

MAX_LATE_S = 0.06
"""Lateness up to this is caught up by sending at once; beyond it the missed frames are
skipped."""


def missed_frames(late_s: float, frame_s: float) -> int:
    """Whole frames of ``frame_s`` in a lateness of ``late_s`` for the stream to skip; 0 up to
    `MAX_LATE_S`."""
    if late_s <= MAX_LATE_S:
        return 0
    return int(late_s / frame_s)
