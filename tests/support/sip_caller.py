"""A real phone caller for dial-in tests: sipp (Debian `sip-tester`) scenarios and the
caller's voice as 8 kHz µ-law (`rtp_capture` sees what comes back).

sipp 3.6.1's ``play_dtmf`` sends RFC 4733 events on payload type 96 whatever the SDP says,
so the offers here give telephone-event that number. Its filler packets between digits
(payload type 97) are not negotiated, and the server drops them.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from speech_helpers import spoken_at

RATE = 8000

_HEAD = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="dial-in">
"""
_HEADERS = """      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:+15550100@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>{peer}
      Call-ID: [call_id]
      CSeq: {cseq}
      Contact: <sip:sipp@[local_ip]:[local_port]>
      Max-Forwards: 70
"""
_OFFER = """      v=0
      o=sipp 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP {formats}
{rtpmaps}      a=sendrecv
"""


def _request(method: str, cseq: str, *, peer: bool, body: str = "") -> str:
    headers = _HEADERS.format(peer="[peer_tag_param]" if peer else "", cseq=cseq)
    content = "      Content-Type: application/sdp\n" if body else ""
    return (
        f'  <send retrans="500">\n    <![CDATA[\n'
        f"      {method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0\n{headers}{content}"
        f"      Content-Length: [len]\n\n{body}\n    ]]>\n  </send>\n"
    )


def offer(codecs: str = "0 96") -> str:
    names = {"0": "PCMU/8000", "8": "PCMA/8000", "96": "telephone-event/8000", "9": "G722/8000"}
    names.update({"111": "opus/48000/2", "110": "telephone-event/48000"})
    names.update({"18": "G729/8000", "98": "iLBC/8000"})
    maps = "".join(f"      a=rtpmap:{pt} {names[pt]}\n" for pt in codecs.split())
    return _OFFER.format(formats=codecs, rtpmaps=maps)


def call_scenario(
    *,
    voice: Path | None,
    keys: list[tuple[int, str]],
    hold_ms: int,
    they_hang_up: bool = False,
    codecs: str = "0 96",
    pcap: Path | None = None,
) -> str:
    """INVITE offering ``codecs``, ACK, the voice file streamed from the start (or the
    ``pcap`` replayed, for codecs sipp cannot stream), ``keys`` typed at their (ms after the
    answer, digits), then either our BYE after ``hold_ms`` or, with ``they_hang_up``, the
    server's BYE awaited."""
    steps = [_HEAD, _request("INVITE", "1 INVITE", peer=False, body=offer(codecs))]
    steps.append(
        '  <recv response="100" optional="true"/>\n  <recv response="180" optional="true"/>\n'
        '  <recv response="183" optional="true"/>\n  <recv response="200" rtd="true"/>\n'
    )  # LiveKit SIP rings first; the embedded server answers at once
    steps.append(_request("ACK", "1 ACK", peer=True).replace(' retrans="500"', ""))
    if voice is not None:
        steps.append(f'  <nop><action><exec rtp_stream="{voice},1,0"/></action></nop>\n')
    if pcap is not None:
        steps.append(f'  <nop><action><exec play_pcap_audio="{pcap}"/></action></nop>\n')
    at = 0
    for when_ms, digits in keys:
        if when_ms > at:
            steps.append(f'  <pause milliseconds="{when_ms - at}"/>\n')
            at = when_ms
        steps.append(f'  <nop><action><exec play_dtmf="{digits}"/></action></nop>\n')
    if they_hang_up:
        steps.append('  <recv request="BYE" timeout="' + str(hold_ms) + '"/>\n')
        steps.append(
            "  <send>\n    <![CDATA[\n      SIP/2.0 200 OK\n      [last_Via:]\n      [last_From:]\n"
            "      [last_To:]\n      [last_Call-ID:]\n      [last_CSeq:]\n"
            "      Content-Length: 0\n\n    ]]>\n  </send>\n"
        )
    else:
        steps.append(f'  <pause milliseconds="{max(0, hold_ms - at)}"/>\n')
        steps.append(_request("BYE", "2 BYE", peer=True))
        steps.append('  <recv response="200"/>\n')
    steps.append("</scenario>\n")
    return "".join(steps)


def invite_only_scenario(codecs: str) -> str:
    """One INVITE with this offer, expecting a final 4xx (answered with ACK)."""
    return (
        _HEAD
        + _request("INVITE", "1 INVITE", peer=False, body=offer(codecs))
        + '  <recv response="100" optional="true"/>\n  <recv response="488"/>\n'
        + _request("ACK", "1 ACK", peer=True).replace(' retrans="500"', "")
        + "</scenario>\n"
    )


@dataclass
class SippResult:
    returncode: int
    output: str


def sipp(
    target: str,
    scenario: str,
    tmp: Path,
    *,
    media_port: int,
    calls: int = 1,
    rate: int = 1,
    timeout_s: float = 120,
) -> SippResult:
    assert shutil.which("sipp"), "sipp is missing: apt-get install sip-tester (scripts/setup.sh)"
    path = tmp / f"scenario-{media_port}.xml"
    path.write_text(scenario)
    proc = subprocess.run(
        ["sipp", target, "-sf", str(path), "-m", str(calls), "-r", str(rate), "-l", "50",
         "-i", "127.0.0.1", "-mp", str(media_port), "-timeout", f"{int(timeout_s)}s",
         "-nostdin", "-trace_err", "-error_file", str(tmp / f"sipp-{media_port}.err")],
        capture_output=True, text=True, timeout=timeout_s + 30, cwd=tmp,
    )  # fmt: skip
    err = tmp / f"sipp-{media_port}.err"
    return SippResult(proc.returncode, proc.stderr + (err.read_text() if err.exists() else ""))


def caller_voice(path: Path, parts: list[tuple[float, str]], total_s: float) -> Path:
    """Piper speech at each (start_s, text), 8 kHz µ-law made by sox, as sipp streams it."""
    out = spoken_at(parts, total_s, RATE)
    subprocess.run(
        ["sox", "-t", "raw", "-r", str(RATE), "-e", "signed", "-b", "16", "-c", "1", "-",
         "-t", "ul", str(path)],
        input=out.tobytes(), check=True,
    )  # fmt: skip
    return path
