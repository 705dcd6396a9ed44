"""A wideband phone caller's side of the line as a pcap that sipp replays (``play_pcap_audio``):
speech (`speech_helpers.spoken_at`) encoded by libopus into RTP (payload type 111, 48 kHz clock, 20 ms frames), and
the PIN typed as RFC 4733 telephone-events on the same clock (payload type 110), in place of
the voice while a key is held, in the stream's sequence space, as phones send them.

sipp 3.6.1 streams only G.711 and G.729 itself; a pcap carries any codec.
"""

from __future__ import annotations

import struct
from pathlib import Path

import opuslib

from speech_helpers import Pcm16

RATE = 48_000
FRAME = 960
OPUS_PT = 111
EVENT_PT = 110
_EVENTS = {**{str(d): d for d in range(10)}, "*": 10, "#": 11}
_KEY_MS = 160
_GAP_MS = 100


def _key_frames(keys: list[tuple[int, str]]) -> dict[int, tuple[int, int, bool]]:
    """Frame index → (event, duration so far in clock ticks, end) for every key held."""
    held: dict[int, tuple[int, int, bool]] = {}
    for at_ms, digits in keys:
        start = at_ms // 20
        for digit in digits:
            frames = _KEY_MS // 20
            for i in range(frames):
                held[start + i] = (_EVENTS[digit], (i + 1) * FRAME, i == frames - 1)
            start += frames + _GAP_MS // 20
    return held


def _rtp(pt: int, seq: int, ts: int, payload: bytes, *, marker: bool = False) -> bytes:
    return struct.pack("!BBHII", 0x80, (0x80 if marker else 0) | pt, seq & 0xFFFF, ts, 0x5EED) + (
        payload
    )


def _datagram(rtp: bytes) -> bytes:
    udp = struct.pack("!HHHH", 6000, 6002, 8 + len(rtp), 0) + rtp
    ip = struct.pack(
        "!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0, bytes([127, 0, 0, 1]),
        bytes([127, 0, 0, 1]),
    )  # fmt: skip
    words = struct.unpack("!10H", ip)
    total = sum(words)
    total = (total & 0xFFFF) + (total >> 16)
    checksum = ~((total & 0xFFFF) + (total >> 16)) & 0xFFFF
    ip = ip[:10] + struct.pack("!H", checksum) + ip[12:]
    return b"\x00" * 12 + b"\x08\x00" + ip + udp  # Ethernet: no addresses, IPv4


def write_pcap(path: Path, speech: Pcm16, keys: list[tuple[int, str]]) -> Path:
    """Every 20 ms of ``speech`` as an Opus packet, except while a key is held (its events
    instead, the last one sent three times as RFC 4733 asks)."""
    encoder = opuslib.Encoder(RATE, 1, opuslib.APPLICATION_VOIP)
    held = _key_frames(keys)
    records: list[tuple[float, bytes]] = []
    seq = 0
    event_start: int | None = None
    for n in range(len(speech) // FRAME):
        at = n * 0.020
        key = held.get(n)
        if key is None:
            event_start = None
            pcm = speech[n * FRAME : (n + 1) * FRAME].tobytes()
            records.append((at, _rtp(OPUS_PT, seq, n * FRAME, encoder.encode(pcm, FRAME))))
            seq += 1
            continue
        event, duration, end = key
        first = event_start is None
        if event_start is None:
            event_start = n * FRAME
        payload = struct.pack("!BBH", event, (0x80 if end else 0) | 10, duration)
        for _ in range(3 if end else 1):
            records.append((at, _rtp(EVENT_PT, seq, event_start, payload, marker=first)))
            seq += 1
        if end:
            event_start = None
    with path.open("wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for at, rtp in records:
            frame = _datagram(rtp)
            seconds = int(at)
            micros = round((at - seconds) * 1_000_000)
            out.write(struct.pack("<IIII", seconds, micros, len(frame), len(frame)) + frame)
    return path
