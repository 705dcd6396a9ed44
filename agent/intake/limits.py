"""The numbers that bound an upload and the work spent on it, in one place."""

from __future__ import annotations

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PAGES = 10
# About ten dense pages; a longer "resume" is not one, and issue 2 reads all of it.
MAX_TEXT_CHARS = 100_000
# Fewer letters and digits than this means there is no text layer worth keeping.
MIN_TEXT_CHARS = 20

# DOCX archives, checked from the central directory before anything is inflated. Word's own
# files have a few dozen entries and XML that compresses 5-20x.
ZIP_MAX_ENTRIES = 1000
ZIP_MAX_TOTAL_BYTES = 100 * 1024 * 1024
ZIP_MAX_PART_BYTES = 32 * 1024 * 1024  # any XML part we read
ZIP_MAX_RATIO = 100
ZIP_RATIO_FLOOR_BYTES = 1024 * 1024  # small entries may compress as well as they like

# The parsing worker.
PARSE_TIMEOUT_S = 10.0
WORKER_MEMORY_BYTES = 512 * 1024 * 1024
# CPU seconds a worker may spend on one job before the kernel stops it, should the server
# that would have killed it be gone.
WORKER_CPU_S = 30
