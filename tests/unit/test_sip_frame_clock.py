"""A phone leg's outgoing audio after a stall of the event loop: the missed time is skipped in
the RTP timestamps, not sent as a burst of packets (`signaling.sip.frame_clock`)."""

from __future__ import annotations

import asyncio
import itertools
import struct
import time

import numpy as np

from signaling.sip.codecs import NARROW_RATE, PCMU, LineCodec
from signaling.sip.frame_clock import FrameClock
from signaling.sip.media import RtpLeg
from signaling.sip.ports import PortRange
from signaling.stall import MAX_LATE_S, missed_frames

FRAME_S = 0.02
STALL_S = 0.3


def test_lateness_up_to_the_limit_skips_nothing_and_beyond_it_whole_ticks() -> None:
    assert missed_frames(0.0, FRAME_S) == 0
    assert missed_frames(MAX_LATE_S, FRAME_S) == 0
    assert missed_frames(0.25, FRAME_S) == 12
    assert missed_frames(0.079, FRAME_S) == 3


async def test_the_clock_reports_a_stall_once_instead_of_running_the_missed_frames() -> None:
    ticks: list[tuple[float, int]] = []
    clock = FrameClock(FRAME_S, lambda skipped: ticks.append((time.monotonic(), skipped)))
    clock.start()
    await asyncio.sleep(0.2)
    time.sleep(STALL_S)  # the loop held up, as by a model load
    resumed = time.monotonic()
    await asyncio.sleep(0.2)
    await clock.stop()
    before = [s for t, s in ticks if t < resumed]
    after = [(t, s) for t, s in ticks if t >= resumed]
    assert before and all(s == 0 for s in before)
    assert after[0][1] >= int((STALL_S - MAX_LATE_S) / FRAME_S), after[:3]
    # Not a burst: right after the stall at most the one late tick and the next one.
    assert sum(1 for t, _ in after if t - resumed < 0.01) <= 2, after[:5]
    assert sum(s for _, s in after[1:]) <= 1


class _Receiver(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.packets: list[tuple[float, int, int]] = []
        """(arrival, sequence number, timestamp) of each RTP packet."""

    def datagram_received(self, data: bytes, addr: tuple[str | object, int]) -> None:
        if len(data) >= 12:
            seq, stamp = struct.unpack("!HI", data[2:8])
            self.packets.append((time.monotonic(), seq, stamp))


async def test_a_leg_skips_the_stalled_time_in_its_timestamps_and_sends_no_burst() -> None:
    loop = asyncio.get_running_loop()
    transport, receiver = await loop.create_datagram_endpoint(
        _Receiver, local_addr=("127.0.0.1", 0)
    )
    far = transport.get_extra_info("sockname")
    leg = RtpLeg(
        PortRange("127.0.0.1", 41000, 41100), "127.0.0.1", LineCodec("PCMU", PCMU, NARROW_RATE)
    )
    tone = (3000 * np.sin(np.arange(160) / 4)).astype(np.int16)
    leg.source = lambda n: tone[:n]
    try:
        await leg.start((far[0], far[1]), None)
        await asyncio.sleep(0.3)
        time.sleep(STALL_S)
        resumed = time.monotonic()
        await asyncio.sleep(0.3)
    finally:
        await leg.aclose()
        transport.close()
    packets = receiver.packets
    assert len(packets) > 20
    seqs = [s for _, s, _ in packets]
    assert all((b - a) % 65536 == 1 for a, b in itertools.pairwise(seqs))
    steps = [(b - a) % (1 << 32) for (_, _, a), (_, _, b) in itertools.pairwise(packets)]
    jumps = [s for s in steps if s != leg.frame]
    assert len(jumps) == 1 and jumps[0] >= leg.frame * int((STALL_S - MAX_LATE_S) / FRAME_S)
    # The frames missed were not sent back to back once the loop was free again.
    assert sum(1 for t, _, _ in packets if resumed <= t < resumed + 0.01) <= 2
