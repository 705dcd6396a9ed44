"""Framing between the server and a parsing worker: length-prefixed JSON (and the file bytes).

JSON rather than pickle in both directions: a worker that a hostile file managed to subvert
can send the server nothing but data, which `pool` validates before believing it.
"""

from __future__ import annotations

import asyncio
import json
import struct
from typing import BinaryIO

_LENGTH = struct.Struct(">I")
MAX_REPLY_BYTES = 4 * 1024 * 1024


class ProtocolError(Exception):
    """The other side sent something that is not a frame of this protocol."""


def encode_frame(payload: dict[str, object], data: bytes | None = None) -> bytes:
    header = json.dumps(payload).encode()
    frame = _LENGTH.pack(len(header)) + header
    if data is not None:
        frame += _LENGTH.pack(len(data)) + data
    return frame


def _decode(raw: bytes) -> dict[str, object]:
    try:
        payload = json.loads(raw)
    except ValueError:
        raise ProtocolError("frame is not JSON") from None
    if not isinstance(payload, dict):
        raise ProtocolError("frame is not a JSON object")
    return payload


async def read_reply(reader: asyncio.StreamReader) -> dict[str, object]:
    (length,) = _LENGTH.unpack(await reader.readexactly(_LENGTH.size))
    if length > MAX_REPLY_BYTES:
        raise ProtocolError("reply too long")
    return _decode(await reader.readexactly(length))


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_request(stream: BinaryIO) -> tuple[dict[str, object], bytes] | None:
    """The next request from the server, or None once it has closed the pipe."""
    raw = _read_exactly(stream, _LENGTH.size)
    if raw is None:
        return None
    header = _read_exactly(stream, _LENGTH.unpack(raw)[0])
    raw = _read_exactly(stream, _LENGTH.size)
    if header is None or raw is None:
        return None
    data = _read_exactly(stream, _LENGTH.unpack(raw)[0])
    if data is None:
        return None
    return _decode(header), data
