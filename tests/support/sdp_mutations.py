"""A browser's SDP offer and seeded mutations of it, for fuzzing the offer route.

`CHROME_OFFER` has the shape Chromium sends: an Opus audio section and a data channel,
bundled (``a=group:BUNDLE 0 1``), with host candidates on loopback. `offer_mutations(seed)`
yields `Mutation`s, each a JSON body (or raw bytes) for ``POST .../offer`` with a label
naming its class: removed sections with the BUNDLE group kept, one-byte corruptions,
truncations, binary, huge lines, shuffled/duplicated lines, wrong JSON types and shapes.
The same seed gives the same mutations, so a failure can be replayed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_FINGERPRINT = ":".join(f"{(i * 37 + 11) % 256:02X}" for i in range(32))

CHROME_OFFER = "\r\n".join(
    [
        "v=0",
        "o=- 4215775240449105457 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0 1",
        "a=extmap-allow-mixed",
        "a=msid-semantic: WMS 7a9f1c2e-5b1d-4c8e-9f3a-2d6b8e0c4a11",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
        "c=IN IP4 0.0.0.0",
        "a=rtcp:9 IN IP4 0.0.0.0",
        "a=candidate:1467250027 1 udp 2122260223 127.0.0.1 50417 typ host generation 0"
        " network-id 1",
        "a=candidate:3769337065 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active"
        " generation 0 network-id 1",
        "a=ice-ufrag:Jx7f",
        "a=ice-pwd:q2Kd9vX0mN3bR5tY8wZ1aC4e",
        "a=ice-options:trickle",
        f"a=fingerprint:sha-256 {_FINGERPRINT}",
        "a=setup:actpass",
        "a=mid:0",
        "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
        "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
        "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
        "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
        "a=sendrecv",
        "a=msid:7a9f1c2e-5b1d-4c8e-9f3a-2d6b8e0c4a11 0c3f6a9d-8e2b-4f71-a5c0-91d4e7b3f258",
        "a=rtcp-mux",
        "a=rtcp-rsize",
        "a=rtpmap:111 opus/48000/2",
        "a=rtcp-fb:111 transport-cc",
        "a=fmtp:111 minptime=10;useinbandfec=1",
        "a=rtpmap:63 red/48000/2",
        "a=fmtp:63 111/111",
        "a=rtpmap:9 G722/8000",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:13 CN/8000",
        "a=rtpmap:110 telephone-event/48000",
        "a=rtpmap:126 telephone-event/8000",
        "a=ssrc:2846142713 cname:Qm4vT8xZp2Lk9sWe",
        "a=ssrc:2846142713 msid:7a9f1c2e-5b1d-4c8e-9f3a-2d6b8e0c4a11"
        " 0c3f6a9d-8e2b-4f71-a5c0-91d4e7b3f258",
        "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
        "c=IN IP4 0.0.0.0",
        "a=candidate:1467250027 1 udp 2122260223 127.0.0.1 50417 typ host generation 0"
        " network-id 1",
        "a=ice-ufrag:Jx7f",
        "a=ice-pwd:q2Kd9vX0mN3bR5tY8wZ1aC4e",
        "a=ice-options:trickle",
        f"a=fingerprint:sha-256 {_FINGERPRINT}",
        "a=setup:actpass",
        "a=mid:1",
        "a=sctp-port:5000",
        "a=max-message-size:262144",
        "",
    ]
)

MAX_BODY_BYTES = 256 * 1024
"""The server's body cap (`signaling.limits`): bigger bodies are 413."""


@dataclass(frozen=True, slots=True)
class Mutation:
    label: str
    body: bytes
    """The request body, already encoded (not always JSON)."""


def _json(label: str, payload: object) -> Mutation:
    return Mutation(label, json.dumps(payload).encode())


def _sections(sdp: str) -> tuple[list[str], list[list[str]]]:
    """The session lines and each m= section's lines."""
    lines = sdp.split("\r\n")
    head: list[str] = []
    sections: list[list[str]] = []
    for line in lines:
        if line.startswith("m="):
            sections.append([line])
        elif sections:
            sections[-1].append(line)
        else:
            head.append(line)
    return head, sections


def _without_sections(sdp: str, drop: set[int]) -> str:
    head, sections = _sections(sdp)
    kept = [s for i, s in enumerate(sections) if i not in drop]
    out = "\r\n".join(head + [line for s in kept for line in s])
    return out if out.endswith("\r\n") else out + "\r\n"


def _one_byte(rng: random.Random, sdp: str) -> str:
    pos = rng.randrange(len(sdp))
    pick = rng.random()
    if pick < 0.6:
        char = chr(rng.randrange(32, 127))
    elif pick < 0.8:
        char = chr(rng.randrange(0, 32))
    else:
        char = chr(rng.randrange(128, 0x3000))
    return sdp[:pos] + char + sdp[pos + 1 :]


def _structural_byte(rng: random.Random, sdp: str) -> str:
    """One byte changed on a line aiortc must understand (m=, c=, a=group, mid, rtpmap...)."""
    lines = sdp.split("\r\n")
    important = [
        i
        for i, line in enumerate(lines)
        if line.startswith(("m=", "c=", "a=group", "a=mid", "a=rtpmap", "a=fingerprint", "a=set"))
        or line.startswith(("a=ice-", "a=candidate", "a=sctp", "o=", "v="))
    ]
    i = rng.choice(important)
    lines[i] = _one_byte(rng, lines[i]) if lines[i] else "x"
    return "\r\n".join(lines)


def _line_edit(rng: random.Random, sdp: str) -> str:
    lines = [line for line in sdp.split("\r\n") if line]
    i = rng.randrange(len(lines))
    op = rng.randrange(5)
    if op == 0:
        del lines[i]
    elif op == 1:
        lines.insert(i, lines[rng.randrange(len(lines))])
    elif op == 2:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 3:
        numbers = [str(rng.choice([-1, 0, 65536, 2**31, 2**64, 10**30])), "NaN", "", "-"]
        parts = lines[i].split(" ")
        parts[rng.randrange(len(parts))] = rng.choice(numbers)
        lines[i] = " ".join(parts)
    else:
        lines.insert(i, rng.choice(["m=", "a=", "=", "m=audio", "a=mid:", "a=group:BUNDLE 9"]))
    return "\r\n".join(lines) + "\r\n"


def _huge_line(rng: random.Random, sdp: str) -> str:
    size = rng.choice([10_000, 100_000, 200_000, 300_000])
    kind = rng.choice(["a=x-long:", "a=candidate:", "a=ssrc:1 cname:", "m=audio 9 RTP/AVP "])
    filler = "1 " * (size // 2) if kind.startswith("m=") else "x" * size
    lines = sdp.split("\r\n")
    lines.insert(rng.randrange(1, len(lines)), kind + filler)
    return "\r\n".join(lines)


def _binary(rng: random.Random) -> str:
    return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000))).decode("latin-1")


_SHAPES: tuple[Callable[[str, str], object], ...] = (
    lambda sdp, tok: {"sdp": 42, "type": "offer", "token": tok},
    lambda sdp, tok: {"sdp": None, "type": "offer", "token": tok},
    lambda sdp, tok: {"sdp": [sdp], "type": "offer", "token": tok},
    lambda sdp, tok: {"sdp": {"sdp": sdp}, "type": "offer", "token": tok},
    lambda sdp, tok: {"sdp": "", "type": "offer", "token": tok},
    lambda sdp, tok: {"sdp": sdp, "type": "answer", "token": tok},
    lambda sdp, tok: {"sdp": sdp, "type": "pranswer", "token": tok},
    lambda sdp, tok: {"sdp": sdp, "type": None, "token": tok},
    lambda sdp, tok: {"sdp": sdp, "token": tok},
    lambda sdp, tok: {"sdp": sdp, "type": "offer", "token": 7},
    lambda sdp, tok: {"sdp": sdp, "type": "offer", "token": [tok]},
    lambda sdp, tok: {"sdp": sdp, "type": ["offer"], "token": tok},
    lambda sdp, tok: [sdp, "offer", tok],
    lambda sdp, tok: sdp,
    lambda sdp, tok: None,
    lambda sdp, tok: 1e308,
    lambda sdp, tok: {},
    lambda sdp, tok: {"offer": {"sdp": sdp, "type": "offer"}, "token": tok},
)

_RAW_BODIES = (b"", b"{", b'{"sdp":', b"\xff\xfe\x00", b"null", b"[]", b'"offer"', b"{}" * 10)


def offer_mutations(seed: int, token: Callable[[], str], count: int) -> Iterator[Mutation]:
    """``count`` mutations of `CHROME_OFFER`; ``token()`` is the call token to send (asked
    for each body, so the caller can replace a used-up one)."""
    rng = random.Random(seed)
    sdp = CHROME_OFFER
    n_sections = len(_sections(sdp)[1])
    fixed: list[Callable[[], Mutation]] = [
        lambda: _offer("no audio, BUNDLE kept", _without_sections(sdp, {0}), token()),
        lambda: _offer("no data channel, BUNDLE kept", _without_sections(sdp, {1}), token()),
        lambda: _offer("no m= at all, BUNDLE kept", _without_sections(sdp, {0, 1}), token()),
        lambda: _offer("LF line ends", sdp.replace("\r\n", "\n"), token()),
        lambda: _offer("audio twice", _duplicate_audio(sdp), token()),
    ]
    # Weighted towards what breaks the offer: a usable one starts a call, which costs the
    # server far more than a refusal (about a third of these are usable).
    makers: list[tuple[float, Callable[[], Mutation]]] = [
        (0.12, lambda: _offer("one byte", _one_byte(rng, sdp), token())),
        (0.20, lambda: _offer("one byte, structural", _structural_byte(rng, sdp), token())),
        (0.10, lambda: _offer("line edit", _line_edit(rng, sdp), token())),
        (0.18, lambda: _offer("truncated", sdp[: rng.randrange(len(sdp))], token())),
        (
            0.04,
            lambda: _offer(
                "section dropped",
                _without_sections(sdp, {rng.randrange(n_sections)}),
                token(),
            ),
        ),
        (0.10, lambda: _offer("binary", _binary(rng), token())),
        (0.06, lambda: _offer("huge line", _huge_line(rng, sdp), token())),
        (0.15, lambda: _json("json shape", rng.choice(_SHAPES)(sdp, token()))),
        (0.05, lambda: Mutation("raw body", rng.choice(_RAW_BODIES))),
    ]
    weights = [w for w, _ in makers]
    for i in range(count):
        if i < len(fixed):
            yield fixed[i]()
        else:
            yield rng.choices(makers, weights)[0][1]()


def _offer(label: str, sdp: str, token: str) -> Mutation:
    return _json(label, {"sdp": sdp, "type": "offer", "token": token})


def _duplicate_audio(sdp: str) -> str:
    head, sections = _sections(sdp)
    return "\r\n".join(head + sections[0] + sections[0] + sections[1])
