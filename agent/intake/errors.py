"""`UploadRejected`: why an upload was refused, in words that tell the candidate what to do."""

from __future__ import annotations

from typing import Literal

RejectionCode = Literal[
    "empty_file",
    "too_large",
    "unsupported_type",
    "encrypted_file",
    "no_text",
    "too_many_pages",
    "corrupt_file",
    "unsafe_file",
    "busy",
]

CORRUPT_MESSAGE = (
    "We couldn't read this file; it may be damaged or incomplete. Export it again from your "
    "editor (as PDF, DOCX or TXT) and upload the new file."
)
UNSAFE_MESSAGE = (
    "This file is packed in a way we can't open safely. Open it in your editor, save it as a "
    "new .docx or PDF, and upload that."
)


class UploadRejected(Exception):
    """The upload cannot become a resume. ``message`` is safe to show the candidate."""

    def __init__(self, code: RejectionCode, message: str) -> None:
        super().__init__(message)
        self.code: RejectionCode = code
        self.message = message

    def __repr__(self) -> str:
        return f"UploadRejected({self.code!r})"


def corrupt() -> UploadRejected:
    return UploadRejected("corrupt_file", CORRUPT_MESSAGE)


def unsafe() -> UploadRejected:
    return UploadRejected("unsafe_file", UNSAFE_MESSAGE)
