"""The SIP port takes garbage: malformed INVITEs and SDPs, binary, huge headers, and an
INVITE flood from sipp. The server answers what it can (488 when no codec is common),
ignores the rest, never crashes, and still serves HTTP.
"""

from __future__ import annotations

import random
import re
import socket
import time
from pathlib import Path

import httpx
import pytest

from server_process import free_port
from sip_caller import invite_only_scenario, sipp
from sip_fixtures import SipServer

pytestmark = pytest.mark.slow

_CALL_ID = re.compile(rb"Call-ID: fuzz-(\d+)\r")
_SDP_OK = (
    "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
)


def _invite(n: int, body: str, *, extra: str = "", content_type: str = "application/sdp") -> bytes:
    return (
        f"INVITE sip:fuzz@127.0.0.1 SIP/2.0\r\n"
        f"Via: SIP/2.0/UDP 127.0.0.1:9;rport;branch=z9hG4bK-fuzz{n}\r\n"
        f"From: <sip:fuzz@127.0.0.1>;tag=f{n}\r\nTo: <sip:mockline@127.0.0.1>\r\n"
        f"Call-ID: fuzz-{n}\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n{extra}"
        f"Content-Type: {content_type}\r\nContent-Length: {len(body.encode())}\r\n\r\n{body}"
    ).encode()


def _garbage(rng: random.Random) -> list[tuple[str, bytes]]:
    cases: list[tuple[str, bytes]] = []
    no_common = _SDP_OK.replace("RTP/AVP 0", "RTP/AVP 18 98 111").replace(
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:18 G729/8000\r\na=rtpmap:98 iLBC/8000\r\na=rtpmap:111 opus/16000/2",
    )  # opus must be on its 48 kHz clock (RFC 7587)
    for n in range(40):
        cases.append(("no-common-codec", _invite(n, no_common)))
    for n in range(40):
        whole = _invite(1000 + n, _SDP_OK)
        cases.append(("truncated", whole[: rng.randrange(1, len(whole) - 1)]))
    for _ in range(40):
        cases.append(("binary", rng.randbytes(rng.randrange(1, 1400))))
    for n in range(30):
        cases.append(("huge-header", _invite(2000 + n, _SDP_OK, extra=f"X-Pad: {'a' * 60000}\r\n")))
    bad_sdps = [
        "v=0\r\nm=audio notaport RTP/AVP 0\r\n",
        "v=0\r\nc=IN IP4 not-an-ip\r\nm=audio 4000 RTP/AVP 0\r\n",
        "v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 0 RTP/AVP 0\r\n",
        "v=0\r\nc=IN IP4 127.0.0.1\r\nm=video 4000 RTP/AVP 96\r\n",
        "\x00\x01\x02 garbage sdp \xff",
        "v=0\r\n" + "a=rtpmap:0 PCMU/8000\r\n" * 2000,
    ]
    for n in range(60):
        cases.append(("bad-sdp", _invite(3000 + n, bad_sdps[n % len(bad_sdps)])))
    for n in range(10):
        cases.append(("no-offer", _invite(4000 + n, "", content_type="text/plain")))
    for n in range(10):
        cases.append(("no-via", _invite(5000 + n, _SDP_OK).replace(b"Via:", b"Xia:")))
    return cases


def test_garbage_and_an_invite_flood_do_not_break_the_server(
    sip_server: SipServer, tmp_path: Path
) -> None:
    rng = random.Random(14)
    cases = _garbage(rng)
    assert len(cases) >= 200
    replies: list[bytes] = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        sock.setblocking(False)
        for _kind, data in cases:
            try:
                sock.sendto(data, ("127.0.0.1", sip_server.sip_port))
            except OSError:  # a datagram over the UDP limit is refused locally: fine
                continue
            time.sleep(0.004)  # paced, so the server's socket buffer takes them all
        sock.settimeout(1.0)
        try:
            while True:
                replies.append(sock.recv(65535))
        except TimeoutError:
            pass
    # Replies are told apart by Call-ID (fuzz-N: see `_garbage` for which N is which case).
    by_call = [(int(m.group(1)), r) for r in replies if (m := _CALL_ID.search(r))]
    no_common = [r.split(b"\r\n", 1)[0] for n, r in by_call if n < 40]
    assert no_common.count(b"SIP/2.0 488 Not Acceptable Here") == 40, no_common[:5]
    # Nothing broken is answered 200 (a truncation that kept a whole offer is a real INVITE).
    answered = {n for n, r in by_call if r.startswith(b"SIP/2.0 200")}
    assert all(1000 <= n < 1040 for n in answered), sorted(answered)
    huge = {n for n, _ in by_call if 2000 <= n < 2030}
    assert not huge, "an oversized datagram was read"

    # An INVITE flood from a real caller: every one refused, none left hanging.
    flood = sipp(
        sip_server.target,
        invite_only_scenario("18 98"),
        tmp_path,
        media_port=free_port(),
        calls=150,
        rate=100,
        timeout_s=60,
    )
    assert flood.returncode == 0, flood.output[-2000:]

    assert sip_server.alive()
    assert httpx.get(f"{sip_server.url}/healthz", timeout=10).status_code == 200
    # Still answering SIP.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(5)
        options = _invite(9, "").replace(b"INVITE", b"OPTIONS")
        sock.sendto(options, ("127.0.0.1", sip_server.sip_port))
        deadline = time.monotonic() + 5
        status = b""
        while time.monotonic() < deadline and not status.startswith(b"SIP/2.0 200"):
            status = sock.recv(65535)
    assert status.startswith(b"SIP/2.0 200"), status[:80]
