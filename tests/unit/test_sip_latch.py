"""`SourceLatch`: a call's media port reads its caller and nobody else."""

from __future__ import annotations

import struct

from signaling.sip.latch import MAX_RTP, PROBATION, SourceLatch

CALLER = ("198.51.100.7", 40000)
NATTED = ("198.51.100.7", 61234)
STRANGER = ("203.0.113.9", 5004)


def _rtp(seq: int, *, pt: int = 0, version: int = 2, size: int = 160) -> bytes:
    return struct.pack("!BBHII", version << 6, pt, seq, seq * 160, 1234) + bytes(size)


def test_the_sdp_address_is_read_and_then_only_it() -> None:
    latch = SourceLatch.of(CALLER)
    assert latch.accepts_rtp(_rtp(1), CALLER)
    assert latch.source == CALLER
    for seq in range(2, 2 + 3 * PROBATION):  # a stranger in perfect sequence, too late
        assert not latch.accepts_rtp(_rtp(seq), STRANGER)
    assert latch.source == CALLER


def test_a_caller_behind_nat_is_learned_after_packets_in_sequence() -> None:
    latch = SourceLatch.of(CALLER)
    accepted = [latch.accepts_rtp(_rtp(100 + n), NATTED) for n in range(PROBATION + 2)]
    assert accepted == [False] * (PROBATION - 1) + [True] * 3
    assert latch.source == NATTED
    assert not latch.accepts_rtp(_rtp(200), STRANGER)


def test_learning_starts_over_when_the_sequence_breaks() -> None:
    latch = SourceLatch.of(CALLER)
    for seq in (1, 2, 3, 7, 8, 9, 10):  # a gap: only four in sequence since
        assert not latch.accepts_rtp(_rtp(seq), NATTED)
    assert latch.source is None
    assert latch.accepts_rtp(_rtp(11), NATTED)


def test_interleaved_strangers_never_finish_learning() -> None:
    latch = SourceLatch.of(CALLER)
    for seq in range(50):
        assert not latch.accepts_rtp(_rtp(seq), STRANGER if seq % 2 else NATTED)


def test_sequence_numbers_wrap() -> None:
    latch = SourceLatch.of(CALLER)
    seqs = [65533, 65534, 65535, 0, 1]
    assert [latch.accepts_rtp(_rtp(s), NATTED) for s in seqs][-1]


def test_the_sdp_address_wins_over_a_learned_one() -> None:
    latch = SourceLatch.of(CALLER)
    for seq in range(PROBATION):
        latch.accepts_rtp(_rtp(seq), STRANGER)
    assert latch.source == STRANGER  # a stranger raced a NATed caller and won...
    assert latch.accepts_rtp(_rtp(1), CALLER)  # ...until the SDP's address speaks
    assert latch.source == CALLER
    assert not latch.accepts_rtp(_rtp(99), STRANGER)


def test_malformed_and_oversized_rtp_is_refused_even_from_the_caller() -> None:
    latch = SourceLatch.of(CALLER)
    assert not latch.accepts_rtp(b"\x80\x00\x00", CALLER)
    assert not latch.accepts_rtp(_rtp(1, version=1), CALLER)
    assert not latch.accepts_rtp(_rtp(1, size=MAX_RTP), CALLER)
    assert not latch.accepts_rtp(b"", CALLER)
    assert latch.source is None


def test_rtcp_only_from_the_source_port_or_the_next() -> None:
    latch = SourceLatch.of(CALLER)
    report = struct.pack("!BBHI", 0x80, 201, 1, 1234)
    assert latch.accepts_rtcp(report, CALLER)
    assert latch.accepts_rtcp(report, (CALLER[0], CALLER[1] + 1))
    assert not latch.accepts_rtcp(report, (CALLER[0], CALLER[1] + 2))
    assert not latch.accepts_rtcp(report, STRANGER)
    assert not latch.accepts_rtcp(b"\x80\xc9", CALLER)


def test_ipv6_addresses_compare_as_the_socket_gives_them() -> None:
    latch = SourceLatch.of(("2001:db8:0:0::1", 40000))
    assert latch.accepts_rtp(_rtp(1), ("2001:db8::1", 40000, 0, 0))
