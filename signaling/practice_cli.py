"""`mockline practice`: the interview typed in a terminal, in process, stored like any other.

Lines read from stdin are the candidate's answers; the interviewer's replies are printed.
``quit`` (or end of input) ends the interview as End call would. The interview belongs to
one local guest account, remembered in the data directory, so the web page of the same
installation never sees it unless that account signs in. The id is printed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TextIO
from uuid import UUID

from pydantic import ValidationError

from agent.intake import UploadRejected, extract_document
from agent.interviewer import bank
from agent.interviewer.setup import MAX_QUESTIONS, InterviewSetup, Length, Persona
from agent.llm import LlmClient
from agent.sessions.deps import SessionDeps
from agent.sessions.hub import SessionHub
from agent.sessions.loader import create_planned_interview
from agent.sessions.provider import llm_client_for
from agent.sessions.text import Exchange
from agent.settings import Settings, get_settings
from agent.store.crypto import load_key_ring
from agent.store.db import Database
from agent.store.users import UserStore
from agent.understanding import MAX_JD_CHARS, CandidateProfile, JobDescriptionTooLong, build_profile

QUIT_WORDS = frozenset({"quit", "exit", ":q"})
_USER_FILE = "practice-user"


class PracticeError(Exception):
    """A bad option or input file; the message is printed and the command exits with 2."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    practice = sub.add_parser("practice", help="a typed interview in this terminal")
    choices = bank.options()
    practice.add_argument(
        "--role", default="backend_engineer", choices=[r["id"] for r in choices["roles"]]
    )
    practice.add_argument("--level", default="junior", choices=choices["levels"])
    practice.add_argument(
        "--type",
        dest="interview_type",
        default="technical",
        choices=[t["id"] for t in choices["interview_types"]],
    )
    length = practice.add_mutually_exclusive_group()
    length.add_argument("--questions", type=int, help="main questions to ask")
    length.add_argument("--minutes", type=int, help="or: the interview's length in minutes")
    practice.add_argument("--resume", type=Path, help="your resume (PDF, DOCX or TXT)")
    practice.add_argument("--jd", type=Path, help="the job description, as a text file")
    practice.add_argument("--persona-name", default="Alex", help="the interviewer's name")
    practice.add_argument("--tone", choices=["friendly", "neutral", "strict"], default="neutral")


def run(args: argparse.Namespace, *, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """The ``practice`` command; returns the exit status."""
    settings = get_settings()
    try:
        setup = _setup(args, settings)
        profile = _profile(args.resume)
        job_description = _job_description(args.jd)
    except PracticeError as exc:
        print(f"mockline practice: {exc}", file=sys.stderr)
        return 2
    return asyncio.run(_practice(settings, setup, profile, job_description, stdin, stdout))


def _setup(args: argparse.Namespace, settings: Settings) -> InterviewSetup:
    try:
        if args.minutes is not None:
            length = Length(unit="minutes", value=args.minutes)
        else:
            questions = args.questions or min(settings.max_questions, MAX_QUESTIONS)
            length = Length(unit="questions", value=questions)
        persona = Persona(name=args.persona_name, tone=args.tone)
        return InterviewSetup(
            role=args.role,
            level=args.level,
            interview_type=args.interview_type,
            length=length,
            persona=persona,
        )
    except ValidationError as exc:
        reasons = "; ".join(str(error["msg"]) for error in exc.errors())
        raise PracticeError(reasons) from None


def _profile(path: Path | None) -> CandidateProfile | None:
    if path is None:
        return None
    try:
        document = extract_document(path.read_bytes(), path.name, None)
    except OSError as exc:
        raise PracticeError(f"cannot read the resume: {exc.strerror}") from None
    except UploadRejected as rejected:
        raise PracticeError(rejected.message) from None
    return build_profile(document.text)


def _job_description(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError as exc:
        raise PracticeError(f"cannot read the job description: {exc.strerror}") from None
    if len(text) > MAX_JD_CHARS:
        raise PracticeError(JobDescriptionTooLong(len(text)).message)
    return text or None


async def _practice(
    settings: Settings,
    setup: InterviewSetup,
    profile: CandidateProfile | None,
    job_description: str | None,
    stdin: TextIO,
    stdout: TextIO,
) -> int:
    database = await Database.start(settings)
    try:
        user_id = await _local_user(database, settings)
        ring = load_key_ring(settings)

        async def client_for(owner: UUID) -> LlmClient | None:
            return await llm_client_for(owner, database.pool, ring)

        sessions = SessionHub(SessionDeps(pool=database.pool, client_for=client_for))
        print("Planning the interview…", file=sys.stderr, flush=True)
        interview = await create_planned_interview(
            database.pool,
            owner_id=user_id,
            setup=setup,
            profile=profile,
            job_description=job_description,
        )
        speaker = setup.persona.name
        session = sessions(interview.id)
        exchange = await session.open_text()
        _say(stdout, speaker, exchange)
        while not exchange.finished:
            line = await asyncio.to_thread(_read_line, stdin, stdout)
            if line is None or line.lower() in QUIT_WORDS:
                await session.end()
                break
            if line:
                exchange = await session.message(line[:4000])
                _say(stdout, speaker, exchange)
        print(f"\nInterview {interview.id} is saved.", file=stdout, flush=True)
        return 0
    finally:
        await database.aclose()


def _say(stdout: TextIO, speaker: str, exchange: Exchange) -> None:
    print(f"\n{speaker}: {exchange.reply}", file=stdout, flush=True)


def _read_line(stdin: TextIO, stdout: TextIO) -> str | None:
    """The next answer, stripped; None at end of input."""
    if stdin.isatty():
        print("> ", end="", file=stdout, flush=True)
    line = stdin.readline()
    # A NUL cannot be stored (PostgreSQL text); a terminal never meant one.
    return None if line == "" else line.replace("\x00", "").strip()


async def _local_user(database: Database, settings: Settings) -> UUID:
    """The local guest account of this data directory, made on first use."""
    remembered = settings.data_dir / _USER_FILE
    try:
        user_id: UUID | None = UUID(remembered.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        user_id = None
    if user_id is not None and await UserStore(database.pool).get_user(user_id) is not None:
        return user_id
    user = await UserStore(database.pool).create_user(email=None, password_hash=None, is_guest=True)
    remembered.parent.mkdir(parents=True, exist_ok=True)
    remembered.write_text(f"{user.id}\n", encoding="utf-8")
    return user.id
