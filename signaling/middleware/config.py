"""Security knobs read from the environment (prefix ``MOCKLINE_``), beside `agent.settings`.

They live here, not in `Settings`, because only this package reads them:

- ``MOCKLINE_RATE_LIMITS_ENABLED`` (default true): false turns every limit off.
- ``MOCKLINE_RATE_LIMIT_MULTIPLIER`` (default 1): scales every limit's count; tests and
  benchmarks that sign up many users from one address raise it instead of disabling limits.
- ``MOCKLINE_RATE_LIMIT_KEY_PREFIX``: the Redis key prefix, so servers (or test runs) that
  share one Redis can keep separate counters.
- ``MOCKLINE_TRUST_PROXY_HEADERS`` (default false): take the client address from
  ``X-Forwarded-For`` instead of the socket peer. Only behind a proxy that sets the header;
  otherwise any client could pick a fresh address per request and never be limited.
- ``MOCKLINE_PROXY_HOPS`` (default 1): how many proxies append to ``X-Forwarded-For``; the
  client is that many entries from the right (entries further left are client-supplied).
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class SecurityConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOCKLINE_", extra="ignore")

    rate_limits_enabled: bool = True
    rate_limit_multiplier: float = Field(default=1.0, gt=0)
    rate_limit_key_prefix: str = Field(default="mockline:ratelimit", min_length=1)
    trust_proxy_headers: bool = False
    proxy_hops: int = Field(default=1, ge=1)
