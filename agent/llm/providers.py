"""The providers a key can belong to, and a key in clear: the vocabulary the provider layer
and the key store share (the store imports it from here; this layer imports no storage)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

Provider = Literal["openai", "gemini", "anthropic", "openai_compatible"]
PROVIDERS: tuple[Provider, ...] = get_args(Provider)


@dataclass(frozen=True, slots=True)
class DecryptedKey:
    """A user's key in clear, for calling their provider; ``repr`` never shows it."""

    provider: Provider
    api_key: str = field(repr=False)
    base_url: str | None
    model: str | None
