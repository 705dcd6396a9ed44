"""Process-wide settings, read once from environment variables (prefix ``MOCKLINE_``).

``DATABASE_URL`` is read without the prefix because that is what every platform sets.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field
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

    # WebRTC: never a public STUN server by default; a LAN or loopback call needs none.
    ice_servers: list[str] = Field(default_factory=list)
    turn_username: str = ""
    turn_password: str = ""

    # Interview shape.
    max_questions: int = 5


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
