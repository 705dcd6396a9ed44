"""A parsing worker process: ``python -m agent.intake.worker <memory_bytes>``.

It caps its own address space (RLIMIT_AS) before reading any request, so a memory bomb fails
here with MemoryError instead of growing the server, and re-arms a CPU-time limit for each
job, so a parser loop dies even if the server that would kill it is gone. Requests arrive on
stdin, replies leave on the original stdout; anything a library prints goes to stderr.
Nothing about a document (its text, its name) is ever logged.
"""

from __future__ import annotations

import logging
import os
import resource
import sys
import warnings

from .errors import UploadRejected
from .extract import extract_document
from .limits import WORKER_CPU_S, WORKER_MEMORY_BYTES
from .protocol import encode_frame, read_request


def _limit_memory(max_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU must not leave a core file
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        max_bytes = min(max_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, hard))


def _arm_cpu_limit() -> None:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(usage.ru_utime + usage.ru_stime) + WORKER_CPU_S
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def handle(header: dict[str, object], data: bytes) -> dict[str, object]:
    """One job's reply. ``retire`` asks the pool to replace this worker after a failure."""
    filename = str(header.get("filename", ""))
    declared = header.get("declared_type")
    try:
        document = extract_document(data, filename, str(declared) if declared else None)
    except UploadRejected as rejected:
        return {
            "code": rejected.code,
            "message": rejected.message,
            # A parser that failed may have left its heap half-used: start afresh.
            "retire": rejected.code == "corrupt_file",
        }
    return {"kind": document.kind, "text": document.text, "pages": document.pages}


def main() -> None:
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    logging.disable(logging.CRITICAL)  # pypdf logs object details of the file
    warnings.simplefilter("ignore")
    memory = int(sys.argv[1]) if len(sys.argv) > 1 else WORKER_MEMORY_BYTES
    _limit_memory(memory)
    replies.write(encode_frame({"ready": True}))
    replies.flush()
    while (request := read_request(sys.stdin.buffer)) is not None:
        _arm_cpu_limit()
        reply = handle(*request)
        replies.write(encode_frame(reply))
        replies.flush()
        if reply.get("retire"):
            return


if __name__ == "__main__":
    main()
