"""Dial-in over Opus: a trunk that offers only Opus gets a wideband call.

sipp offers ``opus/48000/2`` with telephone-events on the same clock and replays a pcap of
Opus RTP (`opus_pcap`): the PIN as RFC 4733 events, then a spoken answer into the opening.
The server answers with Opus, the answer is stored word for word, and the interviewer's voice
comes back as Opus carrying the band above 4 kHz that a G.711 line cannot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from auth_helpers import signup
from dial_in_api import create_interview, dial_in, stored_turns
from opus_pcap import OPUS_PT, RATE, write_pcap
from rtp_capture import RtpCapture, capture_rtp, decode
from server_process import free_port
from sip_caller import SippResult, call_scenario, sipp
from sip_fixtures import RTP_PORTS, SipServer
from speech_helpers import spoken_at, word_recall

pytestmark = pytest.mark.slow

ANSWER = (
    "I moved our billing jobs to a queue with retries, and I added alerts when a payment "
    "failed twice, so the support team stopped finding problems a day late."
)
ANSWER_AT_S = 16.0
"""After the PIN (typed at 1 s, during the welcome) and into the interviewer's opening."""
CALL_S = 34.0


@dataclass
class OpusCall:
    result: SippResult
    rtp: RtpCapture
    turns: list[dict[str, Any]]


@pytest.fixture(scope="module")
def opus_call(sip_server: SipServer, tmp_path_factory: pytest.TempPathFactory) -> OpusCall:
    tmp = tmp_path_factory.mktemp("opus-call")
    account = signup(sip_server.url)
    interview_id = create_interview(sip_server.url, account.headers)
    pin = dial_in(sip_server.url, account.headers, interview_id)["pin"]
    speech = spoken_at([(ANSWER_AT_S, ANSWER)], CALL_S - 2, RATE)
    pcap = write_pcap(tmp / "caller.pcap", speech, keys=[(1000, pin + "#")])
    media_port = free_port()
    with capture_rtp(RTP_PORTS, media_port) as rtp:
        result = sipp(
            sip_server.target,
            call_scenario(
                voice=None, keys=[], hold_ms=int(CALL_S * 1000), codecs="111 110", pcap=pcap
            ),
            tmp,
            media_port=media_port,
        )
    return OpusCall(result, rtp, stored_turns(sip_server.url, account.headers, interview_id))


def test_an_opus_only_trunk_gets_an_opus_call(opus_call: OpusCall) -> None:
    assert opus_call.result.returncode == 0, opus_call.result.output
    sent = {p.payload_type for p in opus_call.rtp.from_server}
    assert sent == {OPUS_PT}, sent
    assert opus_call.rtp.voice_packets() > 50, "the interviewer was not heard"


def test_the_answer_over_opus_is_stored(opus_call: OpusCall) -> None:
    said = " ".join(t["text"] for t in opus_call.turns if t["speaker"] == "candidate")
    recall = word_recall(ANSWER, said)
    assert recall >= 0.8, (recall, said)


def test_the_interviewer_is_wideband(opus_call: OpusCall) -> None:
    """A G.711 line stops at 4 kHz: over Opus the interviewer's voice keeps its upper band
    (the PIN prompts are narrowband-free too, rendered at 16 kHz)."""
    voice = [p for p in opus_call.rtp.from_server if p.payload_type == OPUS_PT]
    pcm = decode(voice).astype(np.float64)
    assert pcm.size > 48_000 * 5
    spectrum = np.abs(np.fft.rfft(pcm)) ** 2
    freqs = np.fft.rfftfreq(pcm.size, 1 / 48_000)
    upper = spectrum[(freqs > 4_500) & (freqs < 8_000)].sum() / spectrum[freqs > 80].sum()
    # Piper through Opus keeps 0.1-0.4 % of its energy in 4.5-8 kHz; the same speech through
    # an 8 kHz line keeps under 0.0001 %.
    assert upper > 0.0003, upper
