"""The RTP of one phone call as seen on loopback (AF_PACKET, so root): what the server sent
to the caller and what the caller sent to the server, each packet with its arrival time.

Loudness is read per 20 ms packet of PCMU or Opus (payload type 111): the interviewer's words are far above the comfort
noise the server sends between them, and the caller's answer far above its silence.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import opuslib
from aiortp.codecs.g711 import PcmuCodec

LOUD_RMS = 300.0
OPUS_PT = 111


@dataclass(frozen=True, slots=True)
class Packet:
    at: float
    """time.monotonic() when it was seen."""
    src_port: int
    data: bytes

    @property
    def payload_type(self) -> int:
        return self.data[1] & 0x7F if len(self.data) >= 12 else -1


def decode(packets: list[Packet]) -> np.ndarray:
    """The Opus packets' audio in order, at 48 kHz, through one decoder."""
    decoder = opuslib.Decoder(48_000, 1)
    pcm = [decoder.decode(p.data[12:], 960) for p in packets if p.payload_type == OPUS_PT]
    return np.frombuffer(b"".join(pcm), dtype=np.int16)


def rms(packet: Packet) -> float:
    """Loudness of a PCMU or Opus packet's audio; 0 for anything else."""
    if packet.payload_type == 0:
        raw = PcmuCodec().decode(packet.data[12:])
    elif packet.payload_type == OPUS_PT:
        raw = opuslib.Decoder(48_000, 1).decode(packet.data[12:], 960)
    else:
        return 0.0
    pcm = np.frombuffer(raw, dtype=np.int16)
    return float(np.sqrt(np.mean(pcm.astype(np.float64) ** 2))) if pcm.size else 0.0


@dataclass
class RtpCapture:
    server_ports: range
    caller_port: int
    from_server: list[Packet] = field(default_factory=list)
    from_caller: list[Packet] = field(default_factory=list)

    @property
    def payloads(self) -> list[bytes]:
        return [p.data for p in self.from_server]

    @property
    def server_port(self) -> int | None:
        """The server's RTP port for this call, once it has sent anything."""
        return self.from_server[0].src_port if self.from_server else None

    def voice_packets(self, since: float = 0.0, until: float = float("inf")) -> int:
        """Loud packets from the server (the interviewer speaking) seen in [since, until)."""
        return sum(1 for p in self.from_server if since <= p.at < until and rms(p) > LOUD_RMS)

    def loud_share(self, since: float, until: float) -> float:
        """Share of the server's packets in [since, until) that carry the interviewer's voice."""
        window = [p for p in self.from_server if since <= p.at < until]
        return sum(rms(p) > LOUD_RMS for p in window) / len(window) if window else 0.0

    def caller_speech(self) -> tuple[float, float] | None:
        """(first, last) arrival of the caller's loud packets: when its answer was spoken."""
        loud = [p.at for p in self.from_caller if rms(p) > LOUD_RMS]
        return (loud[0], loud[-1]) if loud else None

    def wait_for_caller(self, timeout_s: float) -> float:
        """Arrival time of the caller's first packet (its media has started)."""
        deadline = time.monotonic() + timeout_s
        while not self.from_caller:
            if time.monotonic() > deadline:
                raise TimeoutError("the caller sent no RTP")
            time.sleep(0.05)
        return self.from_caller[0].at


def _read(sock: socket.socket, capture: RtpCapture, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            frame, link = sock.recvfrom(65535)
        except TimeoutError:
            continue
        if link[2] == socket.PACKET_OUTGOING:  # loopback shows each packet leaving and arriving
            continue
        if len(frame) < 42 or frame[12:14] != b"\x08\x00" or frame[23] != 17:
            continue
        ihl = (frame[14] & 0x0F) * 4
        src, dst = struct.unpack("!HH", frame[14 + ihl : 18 + ihl])
        if dst == capture.caller_port and src in capture.server_ports:
            capture.from_server.append(Packet(time.monotonic(), src, frame[22 + ihl :]))
        elif src == capture.caller_port and dst in capture.server_ports:
            capture.from_caller.append(Packet(time.monotonic(), src, frame[22 + ihl :]))


@contextmanager
def capture_rtp(server_ports: range, caller_port: int) -> Iterator[RtpCapture]:
    capture = RtpCapture(server_ports, caller_port)
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    sock.bind(("lo", 0))
    sock.settimeout(0.2)
    stop = threading.Event()
    reader = threading.Thread(
        target=_read, args=(sock, capture, stop), name="rtp-capture", daemon=True
    )
    reader.start()
    try:
        yield capture
    finally:
        stop.set()
        reader.join(timeout=2)
        sock.close()
