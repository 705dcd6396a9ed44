"""The names the web tier and the workers agree on, and what a dispatch must say to be taken;
the page's connect-src in LiveKit mode."""

from __future__ import annotations

from uuid import uuid4

import pytest

from agent.worker.rooms import (
    BadDispatch,
    agent_identity,
    candidate_identity,
    dispatch_metadata,
    interview_of_dispatch,
    interview_of_room,
    is_phone_dispatch,
    phone_dispatch_metadata,
    room_name,
)
from signaling.middleware.headers import content_security_policy, livekit_sources


def test_a_dispatch_names_the_interview_of_its_room() -> None:
    interview = uuid4()
    room = room_name(interview)
    assert interview_of_room(room) == interview
    assert interview_of_dispatch(dispatch_metadata(interview), room) == interview
    assert candidate_identity(interview) != agent_identity("AJ_x")


@pytest.mark.parametrize(
    "metadata",
    ["", "not json", "[]", '{"interview_id": 5}', '{"interview_id": "nope"}', '{"other": 1}'],
)
def test_a_dispatch_naming_no_interview_is_refused(metadata: str) -> None:
    with pytest.raises(BadDispatch):
        interview_of_dispatch(metadata, room_name(uuid4()))


def test_a_dispatch_into_another_interviews_room_is_refused() -> None:
    with pytest.raises(BadDispatch, match="another interview"):
        interview_of_dispatch(dispatch_metadata(uuid4()), room_name(uuid4()))
    with pytest.raises(BadDispatch):
        interview_of_dispatch(dispatch_metadata(uuid4()), "some-room")
    assert interview_of_room("mockline-interview-not-a-uuid") is None


def test_a_phone_dispatch_is_taken_only_in_a_phone_room() -> None:
    assert is_phone_dispatch(phone_dispatch_metadata(), "mockline-phone-_+15550100_x7Yz")
    # not a phone room, or a phone room without a call of its own
    assert not is_phone_dispatch(phone_dispatch_metadata(), room_name(uuid4()))
    assert not is_phone_dispatch(phone_dispatch_metadata(), "mockline-phone-")
    # an interview's dispatch, or anything else, is not a phone one
    for metadata in (dispatch_metadata(uuid4()), '{"dial_in": "yes"}', "[true]", "", "{"):
        assert not is_phone_dispatch(metadata, "mockline-phone-abc")
    with pytest.raises(BadDispatch):  # and a phone room names no interview
        interview_of_dispatch(phone_dispatch_metadata(), "mockline-phone-abc")


def test_the_page_may_connect_to_livekit_only_in_livekit_mode() -> None:
    assert livekit_sources(None) == ()
    assert livekit_sources("wss://lk.example.edu/") == (
        "wss://lk.example.edu",
        "https://lk.example.edu",
    )
    assert livekit_sources("ws://127.0.0.1:7880") == (
        "ws://127.0.0.1:7880",
        "http://127.0.0.1:7880",
    )
    policy = content_security_policy(livekit_sources("wss://lk.example.edu"))
    assert "connect-src 'self' wss://lk.example.edu https://lk.example.edu" in policy
    assert "connect-src 'self';" in content_security_policy()
