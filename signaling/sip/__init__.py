"""Dial-in by phone: a SIP user agent inside `mockline serve` (docs/SIP.md).

A caller's INVITE is answered (`server`), the PIN typed on the keypad finds the interview
(`pin_flow`), and the call's RTP leg (`media`) becomes one more `Transport` (`transport`)
handed to the interview's session, like a browser's WebRTC peer.
"""
