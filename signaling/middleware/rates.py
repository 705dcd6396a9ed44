"""The rate limits, all in one table: which requests are limited, and how hard.

Each limit is per client address (see `ratelimit.client_address`) and works as a token
bucket of ``count`` requests that refills evenly over ``period_s``: a client may send
``count`` requests at once, then one more every ``period_s / count`` seconds. Keys are
exact ``(method, path)`` pairs; everything else is unlimited here.

Sign-in is limited here per address only: a per-(address, email) limit would have to read
the body in the middleware, and an attacker spraying one email from many addresses is not
slowed by it either. The sign-in route delays each account on top of this
(`signaling.auth.signin_throttle`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

MINUTE = 60


@dataclass(frozen=True, slots=True)
class Rate:
    count: int
    period_s: int

    @property
    def period_us(self) -> int:
        return self.period_s * 1_000_000

    @property
    def interval_us(self) -> int:
        """Time for the bucket to regain one request (floored, so ``count`` always fits)."""
        return self.period_us // self.count

    def scaled(self, multiplier: float) -> Rate:
        return Rate(max(1, round(self.count * multiplier)), self.period_s)


Route = tuple[str, str]

RATE_LIMITS: Mapping[Route, Rate] = {
    # Password guessing and account enumeration.
    ("POST", "/api/auth/signin"): Rate(10, MINUTE),
    ("POST", "/api/auth/signup"): Rate(5, MINUTE),
    ("POST", "/api/auth/claim"): Rate(5, MINUTE),
    # Every guest is a database row and a session.
    ("POST", "/api/auth/guest"): Rate(20, MINUTE),
    # CPU-heavy parsing (PDF, DOCX) and storage.
    ("POST", "/api/resumes"): Rate(10, MINUTE),
    # Every interview is a database row, and usually a call.
    ("POST", "/api/interviews"): Rate(20, MINUTE),
}


def scaled_limits(
    multiplier: float, limits: Mapping[Route, Rate] = RATE_LIMITS
) -> dict[Route, Rate]:
    return {route: rate.scaled(multiplier) for route, rate in limits.items()}
