"""Per-organisation rate limits, so one portal cannot starve the others.

Counted per organisation (not per address: a portal's students share its address space
and its server calls come from one backend), with the same GCRA backends as the per-address
limits (`signaling.middleware.ratelimit_backends`): this process's memory, or Redis shared
by every server. The daily interview quota is counted in PostgreSQL (`OrgMemberStore`).
"""

from __future__ import annotations

from typing import Literal

from agent.settings import Settings
from agent.store.orgs import Organisation

from ..middleware.config import SecurityConfig
from ..middleware.ratelimit_backends import Decision, RateLimitBackend, backend_for
from ..middleware.rates import MINUTE, Rate

Action = Literal["interview", "embed_token"]
# A portal mints a token per page view; far more views than interviews started.
TOKENS_PER_INTERVIEW = 10


def rate_for(org: Organisation, action: Action) -> Rate:
    per_minute = org.interviews_per_minute
    if action == "embed_token":
        per_minute *= TOKENS_PER_INTERVIEW
    return Rate(per_minute, MINUTE)


class OrgLimits:
    def __init__(self, backend: RateLimitBackend, prefix: str, enabled: bool = True) -> None:
        self._backend = backend
        self._prefix = prefix
        self._enabled = enabled

    @classmethod
    def from_settings(cls, settings: Settings) -> OrgLimits:
        config = SecurityConfig()
        return cls(
            backend_for(settings.redis_url),
            f"{config.rate_limit_key_prefix}:org",
            config.rate_limits_enabled,
        )

    async def hit(self, org: Organisation, action: Action) -> Decision:
        if not self._enabled:
            return Decision(True)
        return await self._backend.hit(f"{self._prefix}:{org.id}:{action}", rate_for(org, action))

    async def aclose(self) -> None:
        await self._backend.aclose()
