"""Resume intake: an uploaded file in, its text out, and nothing a hostile file can do about it.

`extract_document` is the pure, in-process extractor (PDF, DOCX, TXT, sniffed from the bytes).
`parse_upload` runs it in a pooled worker process under a wall-clock timeout and a memory
cap, which is how the server must call it. Both raise `UploadRejected` with a code and a
message written for the candidate.
"""

from .errors import RejectionCode, UploadRejected
from .extract import DocumentKind, ExtractedDocument, extract_document
from .limits import MAX_FILE_BYTES, MAX_PAGES
from .pool import ParserPool, aclose_default_pool, default_pool, parse_upload

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_PAGES",
    "DocumentKind",
    "ExtractedDocument",
    "ParserPool",
    "RejectionCode",
    "UploadRejected",
    "aclose_default_pool",
    "default_pool",
    "extract_document",
    "parse_upload",
]
