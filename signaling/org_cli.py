"""`mockline org`: the operator's commands for organisations (college portals).

- ``mockline org create NAME --origin https://portal.example.edu [--origin …]
  [--daily-quota N]`` creates the organisation and its first admin invitation, and prints
  the organisation id, the server key (this once: only its hash is kept) and the
  invitation link.
- ``mockline org key rotate ORG`` prints a new server key; the old one, and every embed
  token minted with it, stops working at once.
- ``mockline org limits ORG [--daily-quota N] [--per-minute N]`` sets its quotas.
Exit status 2 for bad input (an origin with a wildcard, an unknown organisation).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from typing import TextIO
from uuid import UUID

from agent.settings import Settings, get_settings
from agent.store.db import Database
from agent.store.orgs import OrgStore

from .auth.embed import OriginError, normalized_origin
from .routes.org_admin import invitation_url


class OrgCommandError(Exception):
    """Printed, and the command exits with 2."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    org = sub.add_parser("org", help="organisations that embed Mockline (college portals)")
    commands = org.add_subparsers(dest="org_command", required=True)
    create = commands.add_parser("create", help="create an organisation")
    create.add_argument("name")
    create.add_argument(
        "--origin", action="append", default=[], help="an allowed origin (exact; repeatable)"
    )
    create.add_argument("--daily-quota", type=int, default=None, help="interviews per day")
    create.add_argument("--url", default=None, help="this server's public URL (for the link)")
    key = commands.add_parser("key", help="server keys")
    key_commands = key.add_subparsers(dest="key_command", required=True)
    rotate = key_commands.add_parser("rotate", help="make a new server key (shown once)")
    rotate.add_argument("org")
    limits = commands.add_parser("limits", help="set an organisation's quotas")
    limits.add_argument("org")
    limits.add_argument("--daily-quota", type=int, default=None)
    limits.add_argument("--per-minute", type=int, default=None)


def run(args: argparse.Namespace, *, out: TextIO = sys.stdout) -> int:
    settings = get_settings()
    commands: dict[str, Callable[[OrgStore], Awaitable[list[str]]]] = {
        "create": lambda orgs: _create(orgs, args, settings),
        "key": lambda orgs: _rotate(orgs, args.org),
        "limits": lambda orgs: _limits(orgs, args),
    }
    try:
        lines = asyncio.run(_with_store(settings, commands[args.org_command]))
    except OrgCommandError as exc:
        print(f"mockline org: {exc}", file=sys.stderr)
        return 2
    for line in lines:
        print(line, file=out)
    return 0


async def _with_store(
    settings: Settings, command: Callable[[OrgStore], Awaitable[list[str]]]
) -> list[str]:
    database = await Database.start(settings)
    try:
        return await command(OrgStore(database.pool))
    finally:
        await database.aclose()


def _origins(raw: list[str]) -> list[str]:
    try:
        return list(dict.fromkeys(normalized_origin(o) for o in raw))
    except OriginError as exc:
        raise OrgCommandError(str(exc)) from None


def _org_id(raw: str) -> UUID:
    try:
        return UUID(raw)
    except ValueError:
        raise OrgCommandError(f"{raw!r} is not an organisation id") from None


async def _create(orgs: OrgStore, args: argparse.Namespace, settings: Settings) -> list[str]:
    name = args.name.strip()
    if not name or len(name) > 200:
        raise OrgCommandError("the name must be 1 to 200 characters")
    if args.daily_quota is not None and args.daily_quota < 0:
        raise OrgCommandError("--daily-quota must be 0 or more")
    org = await orgs.create(name, _origins(args.origin), daily_interview_quota=args.daily_quota)
    key, _ = await orgs.rotate_server_key(org.id)
    invitation, expires_at = await orgs.create_invitation(org.id)
    base = args.url or f"http://{settings.host}:{settings.port}"
    return [
        f"org_id: {org.id}",
        f"server_key: {key}",
        f"admin_invitation: {invitation_url(base, invitation)}",
        f"invitation_expires: {expires_at.isoformat()}",
        "The server key is shown only now; keep it on the portal's backend.",
    ]


async def _rotate(orgs: OrgStore, raw_org: str) -> list[str]:
    org_id = _org_id(raw_org)
    if await orgs.get(org_id) is None:
        raise OrgCommandError(f"no organisation {org_id}")
    key, _ = await orgs.rotate_server_key(org_id)
    return [f"server_key: {key}", "The old key and its embed tokens no longer work."]


async def _limits(orgs: OrgStore, args: argparse.Namespace) -> list[str]:
    org_id = _org_id(args.org)
    if args.daily_quota is not None and args.daily_quota < 0:
        raise OrgCommandError("--daily-quota must be 0 or more")
    if args.per_minute is not None and args.per_minute < 1:
        raise OrgCommandError("--per-minute must be 1 or more")
    org = await orgs.set_limits(
        org_id, daily_interview_quota=args.daily_quota, interviews_per_minute=args.per_minute
    )
    if org is None:
        raise OrgCommandError(f"no organisation {org_id}")
    return [
        f"daily_interview_quota: {org.daily_interview_quota}",
        f"interviews_per_minute: {org.interviews_per_minute}",
    ]
