"""How Mockline names things in LiveKit: one room per interview, one per phone call before
its PIN is known, who is who in them, what a dispatch says. Shared by the web tier (tokens, webhooks) and the worker (jobs), so both sides
agree without asking each other.
"""

from __future__ import annotations

import json
from uuid import UUID

EVENTS_TOPIC = "mockline.events"
"""Data messages of the call (docs/CONTRACTS.md, "Data channel"), both ways, reliable."""
ROOM_PREFIX = "mockline-interview-"
PHONE_ROOM_PREFIX = "mockline-phone-"
"""LiveKit SIP puts each caller in a room of its own with this prefix (`signaling.livekit.
dial_in`); the worker asks for the PIN there and runs the interview in that room."""
CANDIDATE_PREFIX = "candidate-"
AGENT_IDENTITY_PREFIX = "interviewer-"


class BadDispatch(ValueError):
    """Dispatch metadata or a room name that does not name one interview."""


def room_name(interview_id: UUID) -> str:
    return f"{ROOM_PREFIX}{interview_id}"


def interview_of_room(name: str) -> UUID | None:
    """The interview a room belongs to, or None for a room that is not an interview's."""
    if not name.startswith(ROOM_PREFIX):
        return None
    try:
        return UUID(name.removeprefix(ROOM_PREFIX))
    except ValueError:
        return None


def candidate_identity(user_id: UUID) -> str:
    """The candidate's participant identity: the interview's owner, and nobody else."""
    return f"{CANDIDATE_PREFIX}{user_id}"


def agent_identity(job_id: str) -> str:
    """The interviewer's identity for one job; also the owner of the call's presence, so the
    web tier can tell which holder left when this participant leaves."""
    return f"{AGENT_IDENTITY_PREFIX}{job_id}"


def dispatch_metadata(interview_id: UUID) -> str:
    return json.dumps({"interview_id": str(interview_id)})


def interview_of_dispatch(metadata: str, room: str) -> UUID:
    """The interview a dispatch is for; it must be the interview of the room it is in."""
    try:
        payload = json.loads(metadata)
        interview_id = UUID(str(payload["interview_id"]))
    except (ValueError, TypeError, KeyError):
        raise BadDispatch("the dispatch metadata names no interview") from None
    if interview_of_room(room) != interview_id:
        raise BadDispatch("the dispatch names another interview than its room")
    return interview_id


def phone_dispatch_metadata() -> str:
    return json.dumps({"dial_in": True})


def is_phone_dispatch(metadata: str, room: str) -> bool:
    """A dispatch into a phone caller's own room, where the PIN decides the interview."""
    try:
        payload = json.loads(metadata)
    except ValueError:
        return False
    return (
        isinstance(payload, dict)
        and payload.get("dial_in") is True
        and room.startswith(PHONE_ROOM_PREFIX)
        and len(room) > len(PHONE_ROOM_PREFIX)
    )
