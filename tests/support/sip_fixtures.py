"""The dial-in tests' server: `mockline serve` with SIP on a free UDP port and its RTP in a
private port range (one per test process, so parallel runs do not collide)."""

from __future__ import annotations

import dataclasses
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from server_process import Server, free_port, running_server

RTP_FIRST = 21000 + 200 * random.Random(os.getpid()).randrange(40)
RTP_PORTS = range(RTP_FIRST, RTP_FIRST + 200)


@dataclass
class SipServer(Server):
    sip_port: int = 0

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.sip_port}"


@pytest.fixture(scope="session")
def sip_server(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[SipServer]:
    tmp = tmp_path_factory.mktemp("sip")
    sip_port = free_port()
    env = {
        "MOCKLINE_SIP_PORT": str(sip_port),
        "MOCKLINE_SIP_NUMBER": "+1 555 0100",
        "MOCKLINE_SIP_RTP_PORT_MIN": str(RTP_PORTS.start),
        "MOCKLINE_SIP_RTP_PORT_MAX": str(RTP_PORTS.stop - 1),
        "MOCKLINE_MAX_QUESTIONS": "3",
        "MOCKLINE_RATE_LIMIT_MULTIPLIER": "100",
    }
    with running_server(tmp, database_url, **env) as server:
        fields = {f.name: getattr(server, f.name) for f in dataclasses.fields(server)}
        sip = SipServer(**fields, sip_port=sip_port)
        yield sip
        assert sip.alive(), "the server died during the SIP tests"
