"""The candidate's audio is decoded as each packet arrives, not five packets later (aiortc's
default) nor one (its buffer with no prefetch)."""

from __future__ import annotations

from aiortc import RTCConfiguration, RTCPeerConnection
from aiortc.jitterbuffer import JitterBuffer
from aiortc.rtp import RtpPacket

from signaling.webrtc.receive_buffer import (
    _ATTRIBUTE,
    GAP_WAIT,
    PacketPerFrameBuffer,
    tighten_audio_receive,
)
from signaling.webrtc.transport import WebRtcTransport

FRAME_TICKS = 960  # 20 ms at 48 kHz


def packet(n: int) -> RtpPacket:
    rtp = RtpPacket(payload_type=111, sequence_number=n, timestamp=n * FRAME_TICKS, payload=b"x")
    rtp._data = bytes([n % 256])  # type: ignore[attr-defined]  # the receiver depayloads into it
    return rtp


def released(buffer: JitterBuffer, arrivals: list[int]) -> list[list[int]]:
    """For each packet that arrives, the frames (by sequence number) ``buffer`` released."""
    out = []
    for n in arrivals:
        _, frame = buffer.add(packet(n))
        out.append([] if frame is None else [frame.timestamp // FRAME_TICKS])
    return out


def flat(frames: list[list[int]]) -> list[int]:
    return [n for released_then in frames for n in released_then]


def test_each_packet_is_released_as_it_arrives_with_its_payload() -> None:
    buffer = PacketPerFrameBuffer()
    assert released(buffer, [0, 1, 2, 3, 4, 5]) == [[0], [1], [2], [3], [4], [5]]
    _, frame = buffer.add(packet(6))
    assert frame is not None and frame.data == bytes([6])


def test_aiortc_holds_frames_back_and_ours_does_not() -> None:
    order = [0, 1, 2, 3, 4, 5]
    assert flat(released(JitterBuffer(capacity=16, prefetch=4), order)) == [0, 1]
    assert flat(released(JitterBuffer(capacity=16, prefetch=1), order)) == [0, 1, 2, 3, 4]
    assert flat(released(PacketPerFrameBuffer(), order)) == order


def test_a_packet_late_by_one_is_waited_for_and_kept_in_order() -> None:
    assert released(PacketPerFrameBuffer(), [0, 2, 1, 3]) == [[0], [], [1], [2]]


def test_a_lost_packet_is_given_up_after_gap_wait_later_ones() -> None:
    buffer = PacketPerFrameBuffer()
    later = list(range(2, 2 + GAP_WAIT + 2))
    got = released(buffer, [0, *later])
    assert got[0] == [0]
    assert got[1:GAP_WAIT] == [[]] * (GAP_WAIT - 1)  # still waiting for packet 1
    assert got[GAP_WAIT] == [2]  # packet 1 given up: the next in sequence comes out
    # Nothing is lost after that and the order holds, one packet behind.
    assert flat(got) == [0, *later[:-1]]
    # A packet older than what was released is too late to play.
    assert released(buffer, [1]) == [[]]


async def test_the_answer_to_an_offer_releases_each_packet_as_it_arrives() -> None:
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
        assert isinstance(buffer, PacketPerFrameBuffer)
        assert flat(released(buffer, [0, 1, 2])) == [0, 1, 2]
    finally:
        await server.aclose()
        await client.close()


async def test_a_peer_with_no_audio_is_left_alone() -> None:
    pc = RTCPeerConnection()
    try:
        assert tighten_audio_receive(pc) is False
    finally:
        await pc.close()
