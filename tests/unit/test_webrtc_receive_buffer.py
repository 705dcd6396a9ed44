"""The candidate's audio is decoded one packet after it arrives, not five (aiortc's default)."""

from __future__ import annotations

from aiortc import RTCConfiguration, RTCPeerConnection
from aiortc.jitterbuffer import JitterBuffer
from aiortc.rtp import RtpPacket

from signaling.webrtc.receive_buffer import _ATTRIBUTE, AUDIO_PREFETCH, tighten_audio_receive
from signaling.webrtc.transport import WebRtcTransport

FRAME_TICKS = 960  # 20 ms at 48 kHz


def packet(n: int) -> RtpPacket:
    rtp = RtpPacket(payload_type=111, sequence_number=n, timestamp=n * FRAME_TICKS, payload=b"x")
    rtp._data = b"x"  # type: ignore[attr-defined]  # the receiver depayloads into it
    return rtp


def released_after(buffer: JitterBuffer, packets: int) -> list[int]:
    """The sequence numbers of the frames ``buffer`` released while ``packets`` arrived."""
    out = []
    for n in range(packets):
        _, frame = buffer.add(packet(n))
        if frame is not None:
            out.append(frame.timestamp // FRAME_TICKS)
    return out


async def test_the_answer_to_an_offer_decodes_each_frame_at_the_next_packet() -> None:
    client = RTCPeerConnection()
    client.addTransceiver("audio", direction="sendrecv")
    client.createDataChannel("events")
    await client.setLocalDescription(await client.createOffer())
    server = WebRtcTransport(RTCConfiguration(iceServers=[]))
    try:
        await server.accept(client.localDescription.sdp)
        receivers = [t.receiver for t in server._pc.getTransceivers() if t.kind == "audio"]
        assert receivers
        buffer = getattr(receivers[0], _ATTRIBUTE)
        # Frame n is out once packet n + 1 says it is complete: 20 ms, not 100 ms, of delay.
        assert released_after(buffer, 6) == [0, 1, 2, 3, 4]
    finally:
        await server.aclose()
        await client.close()


def test_aiortc_default_holds_frames_back_and_the_tightened_one_does_not() -> None:
    assert released_after(JitterBuffer(capacity=16, prefetch=4), 6) == [0, 1]
    assert released_after(JitterBuffer(capacity=16, prefetch=AUDIO_PREFETCH), 6) == [0, 1, 2, 3, 4]


async def test_a_peer_with_no_audio_is_left_alone() -> None:
    pc = RTCPeerConnection()
    try:
        assert tighten_audio_receive(pc) is False
    finally:
        await pc.close()
