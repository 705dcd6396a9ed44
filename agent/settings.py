"""Process-wide settings, read once from environment variables (prefix ``MOCKLINE_``).

``DATABASE_URL`` is read without the prefix because that is what every platform sets.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

TtsBackendName = Literal["piper", "espeak", "coqui"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOCKLINE_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "MOCKLINE_DATABASE_URL")
    )
    data_dir: Path = Field(default_factory=lambda: Path(user_data_dir("mockline")))

    # Speech models. An empty path means "the model shipped in its package".
    asr_model_path: str = ""
    asr_compute_type: str = "int8"
    asr_device: str = "cpu"
    tts_backend: TtsBackendName = "piper"
    piper_voice_path: str = ""
    # Keep synthesized sentences (memory and data_dir/speech-cache) and pre-synthesize the
    # questions a call will ask, so known sentences are spoken without waiting for TTS.
    speech_cache: bool = True
    # Calls one server process carries at once (embedded mode); past it a new call is refused
    # with "busy, try again". 0: sized to the machine (1.5 calls per core, at least 2).
    max_calls: int = Field(default=0, ge=0)

    @property
    def call_capacity(self) -> int:
        if self.max_calls:
            return self.max_calls
        return max(2, round((os.cpu_count() or 2) * 1.5))

    # WebRTC: never a public STUN server by default; a LAN or loopback call needs none.
    ice_servers: list[str] = Field(default_factory=list)
    turn_username: str = ""
    turn_password: str = ""

    # Interview shape.
    max_questions: int = 5
    # Seconds of silence on a call before the interviewer offers time (0: never).
    silence_prompt_s: float = Field(default=15.0, ge=0)

    # Accounts and security. An unset JWT secret is generated once and kept in data_dir
    # (one server); several servers behind a balancer must share one through the environment.
    jwt_secret: SecretStr | None = None
    access_token_ttl_s: int = 15 * 60
    refresh_token_ttl_days: int = 30
    call_token_ttl_s: int = 120
    # Embed tokens that an organisation's portal mints for one student (the widget).
    embed_token_ttl_s: int = Field(default=30 * 60, ge=30, le=24 * 3600)
    # Browser origins allowed to call the API cross-origin (a college portal embedding the
    # widget). The server's own pages are same-origin and need no entry.
    cors_origins: list[str] = Field(default_factory=list)
    # Shared state when scaled out (rate limits); unset keeps it in process memory.
    redis_url: str | None = None
    # Keys that encrypt stored LLM keys at rest: "kid:base64key,kid2:base64key", the first
    # encrypts, all decrypt (rotation). Unset: one is generated once and kept in data_dir.
    secret_keys: SecretStr | None = None
    # Set behind HTTPS so the refresh cookie is marked Secure.
    secure_cookies: bool = False

    # LiveKit (scaled out): calls run in LiveKit rooms served by `mockline worker`s. Set all
    # three to use it (or `mockline serve --livekit`); unset, the server carries calls itself.
    livekit_url: str | None = Field(
        default=None, validation_alias=AliasChoices("LIVEKIT_URL", "MOCKLINE_LIVEKIT_URL")
    )
    livekit_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("LIVEKIT_API_KEY", "MOCKLINE_LIVEKIT_API_KEY")
    )
    livekit_api_secret: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("LIVEKIT_API_SECRET", "MOCKLINE_LIVEKIT_API_SECRET"),
    )
    # The LiveKit URL as browsers reach it (behind the TLS proxy); default: livekit_url.
    livekit_public_url: str | None = None
    livekit_agent_name: str = "mockline-interviewer"
    # A worker's capacity: calls at once, and prewarmed job processes kept waiting.
    worker_max_calls: int = Field(default=2, ge=1)
    worker_idle_processes: int = Field(default=1, ge=0)
    # A worker's Prometheus /metrics port and livekit-agents health port (0: any free port).
    worker_metrics_port: int = Field(default=9100, ge=0)
    worker_health_port: int = Field(default=8081, ge=0)

    # Dial-in by phone (docs/SIP.md): a SIP user agent inside `mockline serve`, on UDP. Unset
    # port: no SIP. Only INVITEs from the trunks' IP ranges are taken, or, when a username is
    # set, from elsewhere with those digest credentials.
    sip_port: int | None = Field(default=None, ge=1, le=65535)
    sip_host: str = ""
    """Address the SIP and RTP sockets bind to; empty: ``host``."""
    sip_public_host: str = ""
    """Address put in SDP and Contact and in the dial-in SIP URI; empty: the bind address."""
    sip_number: str = ""
    """The phone number candidates dial (what the trunk routes to us), shown on the page."""
    sip_trunks: list[str] = Field(default_factory=lambda: ["127.0.0.0/8", "::1/128"])
    sip_username: str = ""
    sip_password: SecretStr | None = None
    sip_rtp_port_min: int = Field(default=20000, ge=1024, le=65534)
    sip_rtp_port_max: int = Field(default=20999, ge=1025, le=65535)
    sip_max_calls: int = Field(default=20, ge=1)
    dial_in_pin_ttl_s: int = Field(default=900, ge=60, le=24 * 3600)
    """A new PIN's lifetime until its first call."""
    dial_in_resume_s: int = Field(default=3600, ge=60, le=7 * 24 * 3600)
    """After each call it admits, a PIN works for calling again this long."""

    @property
    def livekit_configured(self) -> bool:
        return bool(self.livekit_url and self.livekit_api_key and self.livekit_api_secret)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
