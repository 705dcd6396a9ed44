"""Property-based fuzzing of the whole HTTP API from its own OpenAPI document.

Every operation gets generated requests (valid and invalid) as a signed-up user; none may
answer 5xx, and documented responses must match their schemas. The run is bounded
(`MAX_EXAMPLES` per operation, derandomized) to stay well under two minutes on 2 cores.

The server is our own: rate limits relaxed through `MOCKLINE_RATE_LIMIT_MULTIPLIER` so
thousands of requests from one address are not refused, and its own database so fuzzed
rows stay out of other tests. Half the time (a coin toss on the generated value, so runs
repeat), a path id becomes a real interview of the user and an email a well-formed one, so
handlers run past "not found" and "invalid email"; an `/offer` then carries a valid call
token, so the fuzzed SDP itself reaches the parser and must be refused with a 4xx.

Schemathesis's own pytest loader (`from_fixture`) fails on pytest 9 (it sets the removed
`Function._nodeid`), so each operation runs as a Hypothesis test over its
`as_strategy()` cases, one pytest subtest per operation.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, TypeAlias

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import APIOperation, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import response_schema_conformance

from auth_helpers import Account, signup
from server_process import Server, fresh_database, running_server

MAX_EXAMPLES = 40
INTERVIEW = {"role": "backend_engineer", "level": "junior", "interview_type": "technical"}
# Deleting the account, or signing out with its Bearer token (which revokes it), mid-run
# would turn every later case into a 401; tests/server/test_accounts.py and test_sessions.py
# cover them. Readiness answers 503 by design when the fuzzing loads the event loop
# (tests/db/test_readiness.py covers it). A live stream of a real interview lasts as long as
# the interview (tests/server/test_sip_dial_in.py covers its refusals and what it streams).
SKIPPED = [
    ("DELETE", "/api/me"),
    ("POST", "/api/auth/logout"),
    ("GET", "/readyz"),
    ("GET", "/api/interviews/{interview_id}/live"),
]

Operation: TypeAlias = APIOperation[Any, Any, Any, Any]
Case: TypeAlias = schemathesis.Case[Operation]


@pytest.fixture(scope="module")
def fuzz_server(
    tmp_path_factory: pytest.TempPathFactory, postgres_admin_dsn: str
) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("schemathesis")
    with (
        fresh_database() as database_url,
        running_server(tmp, database_url, MOCKLINE_RATE_LIMIT_MULTIPLIER="1000") as server,
    ):
        yield server
        assert server.alive(), "the server died under fuzzing"
        resp = httpx.get(f"{server.url}/healthz")
        assert resp.status_code == 200, resp.text


@pytest.fixture(scope="module")
def account(fuzz_server: Server) -> Account:
    return signup(fuzz_server.url)


def operations(server: Server) -> list[Operation]:
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    found = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]
    return [op for op in found if (op.method.upper(), op.path) not in SKIPPED]


def _cases(operation: Operation) -> st.SearchStrategy[Case]:
    return st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )


def _heads(value: object) -> bool:
    """A deterministic coin toss on a generated value, so reruns make the same choices."""
    return zlib.crc32(repr(value).encode()) % 2 == 0


def _uses_real_interview(case: Case) -> bool:
    raw = case.path_parameters.get("interview_id")
    return raw is not None and _heads(raw)


def _with_plausible_email(case: Case) -> None:
    """Random strings never pass the email check; half the time, one that does."""
    email = case.body.get("email") if isinstance(case.body, dict) else None
    if isinstance(case.body, dict) and isinstance(email, str) and _heads(email):
        case.body["email"] = f"fuzz-{zlib.crc32(email.encode())}@example.org"


def _point_at_real_interview(case: Case, server: Server, account: Account) -> None:
    created = httpx.post(f"{server.url}/api/interviews", json=INTERVIEW, headers=account.headers)
    assert created.status_code == 201, created.text
    interview_id = created.json()["id"]
    case.path_parameters["interview_id"] = interview_id
    if case.path.endswith("/offer") and isinstance(case.body, dict):
        token = httpx.post(
            f"{server.url}/api/interviews/{interview_id}/call-token", headers=account.headers
        )
        assert token.status_code == 200, token.text
        case.body["token"] = token.json()["token"]


def fuzz(operation: Operation, server: Server, account: Account) -> None:
    @given(case=_cases(operation))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Case) -> None:
        if _uses_real_interview(case):
            _point_at_real_interview(case, server, account)
        _with_plausible_email(case)
        response = case.call(base_url=server.url, headers=account.headers, timeout=30)
        if case.path.endswith("/offer"):
            assert 400 <= response.status_code < 500, response.text
        case.validate_response(
            response,
            checks=[not_a_server_error, response_schema_conformance],
            headers=account.headers,
        )

    run()


def test_no_operation_fails_on_our_side(
    fuzz_server: Server, account: Account, subtests: pytest.Subtests
) -> None:
    found = operations(fuzz_server)
    assert len(found) >= 10, [f"{op.method} {op.path}" for op in found]
    for operation in found:
        with subtests.test(msg=f"{operation.method.upper()} {operation.path}"):
            try:
                fuzz(operation, fuzz_server, account)
            except BaseException:
                print(fuzz_server.log_text()[-6000:])  # the traceback of a 500 is here
                raise
