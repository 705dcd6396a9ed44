"""Signaling: HTTP API, WebRTC offer/answer with aiortc peers, CLI."""
