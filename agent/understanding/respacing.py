"""Spaces put back into words a PDF ran together: "SiteReliabilityEngineer" -> "Site
Reliability Engineer", while the camel-cased names of companies and technologies ("GitHub",
"PostgreSQL", "KarrotPay") stay whole. The skills vocabulary supplies the technology names.
"""

from __future__ import annotations

import re
from functools import cache

from .skills import default_vocabulary

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=&)|(?<=&)(?=[A-Za-z])")
# Camel-cased names that respacing must not split ("DevOpsEngineer" -> "DevOps Engineer");
# the skills vocabulary adds its own (GitHub, PostgreSQL, JavaScript, ...).
_CAMEL_NAMES = (
    "DevOps", "HashiCorp", "LinkedIn", "YouTube", "PayPal", "WhatsApp", "iPhone", "iPad",
    "OpenAI", "DeepMind", "McKinsey", "PhD", "MSc", "BSc", "MEng", "BEng", "FinTech", "SaaS",
)  # fmt: skip


def respace(text: str) -> str:
    """Spaces back between camel-cased words in glued tokens: "SiteReliabilityEngineer" ->
    "Site Reliability Engineer"; short brand names ("GitHub", "KarrotPay") are left alone."""
    out = []
    for token in text.split(" "):
        if len(token) >= 12 and re.search(r"[a-z][A-Z]", token):
            token = _split_camel(token)
        out.append(token)
    return re.sub(r"\s+", " ", " ".join(out)).strip()


def _split_camel(token: str) -> str:
    inside: set[int] = set()
    for name in camel_names():
        for match in re.finditer(re.escape(name), token):
            inside.update(range(match.start() + 1, match.end()))
    cuts = [m.start() for m in _CAMEL.finditer(token) if m.start() not in inside]
    pieces = [token[a:b] for a, b in zip([0, *cuts], [*cuts, len(token)], strict=True)]
    return " ".join(pieces)


@cache
def camel_names() -> tuple[str, ...]:
    names = set(_CAMEL_NAMES)
    for entry in default_vocabulary().entries:
        for text in (entry.name, *entry.patterns):
            if " " not in text and re.search(r"[a-z][A-Z]", text):
                names.add(text)
    return tuple(sorted(names, key=len, reverse=True))
