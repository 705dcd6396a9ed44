"""`python -m agent.worker [--host H]`: the worker process (what `mockline worker` runs).

A process of its own so that its metrics folder is set before prometheus_client is first
imported: only then do its own series and its job processes' add up at `/metrics`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import shutil
import sys

from agent.settings import get_settings

from .server import configure_metrics_dir, missing_settings


def main(argv: list[str] | None = None) -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(prog="mockline worker")
    parser.add_argument("--host", default=settings.host, help="address of /metrics and health")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    missing = missing_settings(settings)
    if missing:
        print("mockline worker needs " + "; ".join(missing), file=sys.stderr)
        return 2
    metrics_dir = configure_metrics_dir()
    from .server import serve

    try:
        import uvloop
    except ImportError:  # no Windows build; asyncio's loop works
        pass
    else:
        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    try:
        asyncio.run(serve(settings.model_copy(update={"host": args.host}), metrics_dir))
    finally:
        # The folder is this worker's alone (a fresh temporary one): it goes with the worker.
        shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
