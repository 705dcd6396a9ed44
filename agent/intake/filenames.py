"""Upload file names made safe to store and to send back in a Content-Disposition header.

The name is only a label: no directory part, no control or format characters, none of the
characters Windows forbids, at most `MAX_FILENAME_CHARS`, and an extension that matches what
the file really is (``cv.txt`` that is a PDF becomes ``cv.txt.pdf``).
"""

from __future__ import annotations

import unicodedata

from .extract import DocumentKind

MAX_FILENAME_CHARS = 200
_FORBIDDEN = frozenset('"<>:|?*\\/')


def safe_filename(raw: str | None, kind: DocumentKind) -> str:
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(
        ch for ch in name if ch not in _FORBIDDEN and not unicodedata.category(ch).startswith("C")
    )
    name = " ".join(name.split()).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot or extension.lower() != kind:
        stem = name
    stem = stem.rstrip(" .")[: MAX_FILENAME_CHARS - len(kind) - 1].rstrip(" .") or "resume"
    return f"{stem}.{kind}"
