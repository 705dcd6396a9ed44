"""WebRTC media path: aiortc peers carrying one interview call each."""
