"""The Interviewer facade: replies per candidate turn, snapshots, resuming, both constructors."""

from __future__ import annotations

import json
import re

import pytest

from agent.interviewer.bank import SPOKEN_FORBIDDEN
from agent.interviewer.interviewer import Interviewer
from agent.interviewer.setup import InterviewSetup, Length, Persona
from agent.interviewer.signals import Delivery

EVALUATIVE = re.compile(
    r"\b(great|excellent|perfect|wrong|incorrect|correct|score|good answer|bad|impressive)\b",
    re.IGNORECASE,
)
# Each main question gets at most this many replies: the answer, two follow-ups, a request
# for an example, and a couple of detours; a loop past it means the interview is stuck.
MAX_REPLIES_PER_QUESTION = 7


def strong(iv: Interviewer) -> str:
    """An answer that covers the current question's reference points."""
    q = iv.questions[iv.question_index]
    return "In my experience, " + ", and ".join(q["reference_points"]) + "."


def _question_texts(iv: Interviewer) -> list[str]:
    return [q["text"] for q in iv.questions]


def _spoken_ok(text: str, iv: Interviewer | None = None) -> None:
    """Speakable, and the interviewer's own words (questions aside) judge nothing."""
    assert not SPOKEN_FORBIDDEN.intersection(text), text
    assert "->" not in text and "\n" not in text, text
    own = text
    if iv is not None:
        state = iv.snapshot()
        asked = [q["text"] for q in state["plan"]]
        asked += [t for texts in state["follow_ups"].values() for t in texts]
        for question in asked:
            own = own.replace(question, "")
    assert not EVALUATIVE.search(own), text


def _run_to_end(iv: Interviewer, answer: str | None = None) -> list[str]:
    replies = [iv.reply(None)]
    for _ in range(MAX_REPLIES_PER_QUESTION * iv.question_count):
        if iv.finished:
            return replies
        replies.append(iv.reply(answer if answer is not None else strong(iv)))
    raise AssertionError("the interview did not finish")


def test_opening_introduces_the_persona_explains_and_asks_the_first_question() -> None:
    iv = Interviewer("backend_engineer", "junior", "technical", seed=1)
    opening = iv.reply(None)
    assert opening.startswith("Hi, I'm Alex")
    assert opening.endswith(_question_texts(iv)[0])
    assert "junior backend engineer" in opening and "five questions" in opening
    assert "interrupt" in opening
    assert iv.question_index == 0 and not iv.finished
    assert iv.last_directive.move == "open"
    _spoken_ok(opening)


def test_strong_answers_lead_through_every_question_to_the_closing() -> None:
    iv = Interviewer("data_analyst", "mid", "mixed", max_questions=5, seed=11)
    questions = _question_texts(iv)
    assert len(questions) == 5
    replies = _run_to_end(iv)
    for reply in replies:
        _spoken_ok(reply, iv)
    for q in questions:  # each asked once, in the planned order
        assert sum(r.endswith(q) for r in replies) == 1
    order = [next(i for i, r in enumerate(replies) if r.endswith(q)) for q in questions]
    assert order == sorted(order)
    closing = replies[-1]
    assert "results page" in closing and "transcript" in closing and "Goodbye" in closing
    assert not any(q in closing for q in questions)
    assert iv.question_index == 5 and iv.last_directive.move == "close"


def test_acknowledgement_echoes_a_named_technology_and_never_judges() -> None:
    iv = Interviewer("backend_engineer", "mid", "technical", seed=4)
    iv.reply(None)
    answer = strong(iv) + " In production we ran this on PostgreSQL behind PgBouncer."
    reply = iv.reply(answer)
    ack = re.split(r"(?<=[.!?]) ", reply)[0]
    assert "PostgreSQL" in ack or "PgBouncer" in ack, (ack, answer)
    _spoken_ok(reply, iv)


def test_repeat_asks_the_same_question_again() -> None:
    iv = Interviewer("frontend_developer", "junior", "technical", seed=2)
    iv.reply(None)
    first = _question_texts(iv)[0]
    for request in ("Can you repeat the question?", "Sorry, what was the question?"):
        reply = iv.reply(request)
        assert reply.endswith(first) and iv.question_index == 0
        assert iv.last_directive.move == "repeat"


def test_skip_moves_to_the_next_question_and_the_last_skip_closes() -> None:
    iv = Interviewer("devops_engineer", "senior", "technical", max_questions=3, seed=5)
    iv.reply(None)
    questions = _question_texts(iv)
    reply = iv.reply("Can we skip this one?")
    assert reply.endswith(questions[1]) and iv.question_index == 1
    assert iv.last_directive.move == "skip"
    assert iv.reply("next question please").endswith(questions[2])
    assert "Goodbye" in iv.reply("skip") and iv.finished


@pytest.mark.parametrize("command", ["End the interview.", "stop", "I want to stop."])
def test_ending_early_closes_the_interview(command: str) -> None:
    iv = Interviewer("data_scientist", "intern", "mixed", seed=3)
    iv.reply(None)
    iv.reply("skip")
    reply = iv.reply(command)
    assert iv.finished and iv.question_index == 1
    assert "stop here" in reply and "results page" in reply and "Goodbye" in reply
    # Anything after the end gets a short goodbye and changes nothing.
    after = iv.reply("Wait, one more thing about caching and databases, if that's okay.")
    assert "ended" in after and iv.finished and iv.question_index == 1
    assert iv.last_directive.move == "after_end"


def test_a_short_answer_gets_one_request_for_an_example_per_question() -> None:
    iv = Interviewer("backend_engineer", "junior", "behavioral", seed=6)
    iv.reply(None)
    questions = _question_texts(iv)
    nudge = iv.reply("Yes.")
    assert iv.question_index == 0 and "example" in nudge
    assert not any(q in nudge for q in questions)
    assert iv.last_directive.move == "follow_up"
    moved_on = iv.reply("Not really.")
    assert iv.question_index == 1 and moved_on.endswith(questions[1])


def test_silence_mid_interview_gets_time_to_answer() -> None:
    iv = Interviewer("backend_engineer", "mid", "technical", seed=6)
    iv.reply(None)
    reply = iv.reply(None)
    assert iv.question_index == 0 and "ready" in reply


def test_a_silent_call_gets_two_prompts_and_the_interview_stays_put() -> None:
    iv = _created("neutral")
    assert iv.silence_prompt(0) is None  # nothing asked yet
    iv.reply(None)
    before = iv.snapshot()
    first, second = iv.silence_prompt(0), iv.silence_prompt(1)
    assert first is not None and second is not None and first != second
    assert "take your time" in first.lower() and "repeat" in second and "skip" in second
    assert iv.silence_prompt(2) is None
    assert iv.snapshot() == before
    _spoken_ok(first)
    _spoken_ok(second)
    assert _created("strict").silence_prompt(0) is None
    strict = _created("strict")
    strict.reply(None)
    assert strict.silence_prompt(0) != first
    iv.reply("Let's end the interview here.")
    assert iv.finished and iv.silence_prompt(0) is None


def test_same_seed_same_interview() -> None:
    def run(seed: int) -> list[str]:
        return _run_to_end(Interviewer("data_analyst", "senior", "hr", max_questions=2, seed=seed))

    assert run(9) == run(9)
    assert run(9) != run(10)


def test_turn_history_records_both_speakers() -> None:
    iv = Interviewer("backend_engineer", "junior", "technical", max_questions=2, seed=1)
    iv.reply(None)
    iv.reply(strong(iv))
    assert [t["speaker"] for t in iv.turns] == ["interviewer", "candidate", "interviewer"]
    assert iv.turns[1]["question_id"] == iv.questions[0]["id"]


def test_a_measured_delivery_is_kept_with_the_candidates_turn() -> None:
    iv = Interviewer("backend_engineer", "junior", "technical", max_questions=2, seed=1)
    iv.reply(None)
    delivery = Delivery(speech_s=4.0, duration_s=5.5, time_to_start_s=1.2, word_count=12)
    iv.reply("Can you repeat the question?", delivery=delivery)
    iv.reply("skip")
    spoken, typed = iv.turns[1], iv.turns[3]
    assert spoken.get("delivery") == {
        "speech_s": 4.0,
        "duration_s": 5.5,
        "time_to_start_s": 1.2,
        "longest_pause_s": 0.0,
        "filler_count": 0,
        "word_count": 12,
    }
    assert "delivery" not in typed
    assert json.loads(json.dumps(iv.snapshot()))["turns"][1]["delivery"]["word_count"] == 12


def test_unknown_choices_are_rejected() -> None:
    with pytest.raises(ValueError):
        Interviewer("astronaut", "junior", "technical")
    with pytest.raises(ValueError):
        Interviewer("backend_engineer", "junior", "technical", max_questions=0)


@pytest.mark.parametrize(
    ("interview_type", "level"),
    [("technical", "intern"), ("behavioral", "lead"), ("hr", "junior"),
     ("case_study", "senior"), ("system_design", "lead"), ("mixed", "intern")],
)  # fmt: skip
def test_every_offered_setup_opens_and_finishes(interview_type: str, level: str) -> None:
    iv = Interviewer("product_manager", level, interview_type, max_questions=2, seed=7)
    replies = _run_to_end(iv)
    assert iv.finished and "Goodbye" in replies[-1]


def _created(tone: str = "neutral", **length: object) -> Interviewer:
    setup = InterviewSetup(
        role="backend_engineer",
        level="mid",
        interview_type="technical",
        length=Length.model_validate(length or {"value": 3}),
        persona=Persona(name="Maya", tone=tone, company_style="a large bank"),  # type: ignore[arg-type]
    )
    return Interviewer.create(setup, seed=5)


def test_create_opens_in_persona_and_the_tone_changes_the_wording() -> None:
    friendly, strict = _created("friendly"), _created("strict")
    a, b = friendly.reply(None), strict.reply(None)
    assert "Maya" in a and "a large bank" in a and "Maya" in b
    assert a != b and a.startswith("Hi") and b.startswith("Hello")
    assert friendly.setup.persona.tone == "friendly"
    assert friendly.questions[0]["text"] == strict.questions[0]["text"]
    assert friendly.reply("Can we skip this one?") != strict.reply("Can we skip this one?")


def test_snapshot_survives_json_and_the_restored_interview_continues_identically() -> None:
    iv = _created()
    iv.reply(None)
    iv.reply(strong(iv), elapsed_s=40.0)
    stored = json.loads(json.dumps(iv.snapshot()))
    assert stored == iv.snapshot()
    twin = Interviewer.from_snapshot(stored)
    script = ["Can you repeat the question?", None, "skip", "end the interview"]
    for step in script:
        text = strong(iv) if step is None else step
        assert twin.reply(text, elapsed_s=90.0) == iv.reply(text, elapsed_s=90.0)
        assert twin.last_directive == iv.last_directive
    assert twin.snapshot() == iv.snapshot() and twin.finished


def test_a_state_of_another_version_is_refused() -> None:
    state = _created().snapshot()
    with pytest.raises(ValueError, match="version"):
        Interviewer.from_snapshot({**state, "version": 1})


def test_resume_welcomes_back_with_the_current_prompt_and_is_recorded() -> None:
    iv = _created()
    assert iv.resume().startswith("Hi")  # never opened: resuming opens it
    first = iv.questions[0]["text"]
    back = Interviewer.from_snapshot(iv.snapshot())
    reply = back.resume()
    assert reply.startswith("Welcome back") and reply.endswith(first)
    assert back.turns[-1] == {
        "speaker": "interviewer",
        "text": reply,
        "question_id": iv.questions[0]["id"],
    }
    assert back.last_directive.move == "resume" and back.question_index == 0
    back.reply("end the interview")
    assert "Goodbye" in back.resume() and back.finished


def test_resume_after_a_follow_up_repeats_the_question_then_the_follow_up() -> None:
    iv = _created()
    iv.reply(None)
    nudge = iv.reply("Yes.")
    back = Interviewer.from_snapshot(iv.snapshot())
    reply = back.resume()
    assert iv.questions[0]["text"] in reply and reply.endswith(nudge)
    d = back.last_directive
    assert d.move == "resume" and d.follow_up == nudge and d.question == iv.questions[0]["text"]


def test_last_directive_before_any_reply_is_an_error() -> None:
    with pytest.raises(RuntimeError):
        _ = _created().last_directive
