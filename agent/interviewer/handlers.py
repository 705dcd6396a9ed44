"""One node per kind of candidate turn: what the interviewer does with an answer or a detour.

Each handler returns the partial state of its decision: ``next_step`` says whether the
interviewer stays on the question (``stay``), moves to the next main question (``advance``)
or closes (``close``); ``move`` names the `Directive` it fills. Answers get a neutral
acknowledgement and at most `MAX_FOLLOW_UPS` follow-ups; detours are bounded per question.
"""

from __future__ import annotations

from agent.understanding.lang import normalise
from agent.understanding.specifics import Part

from . import phrases, probes
from .directive import Move
from .followups import follow_up, leaks, rephrase
from .intents import (
    Pace,
    about_the_voice,
    admits_not_knowing,
    asks_to_defer,
    command,
    is_nervous,
    lacks_experience,
    pace_asked,
)
from .logistics import Progress, logistics_answer, logistics_question
from .pace import pace_of, within
from .planner import adjust_difficulty, context
from .policy import (
    FOLLOW_UP_MAX_COVERAGE,
    MAX_DETOURS,
    MAX_STALLS,
    asked_texts,
    coming_back,
    current,
    follow_up_limit,
    persona,
    prompt,
    question_total,
    said_on,
    time_left,
    time_up,
    variant,
)
from .state import InterviewState, InterviewUpdate, assessment_of, setup_of


def stay(move: Move, reply: str) -> InterviewUpdate:
    return {"move": move, "last_reply": reply, "next_step": "stay"}


def _move_on(state: InterviewState, lead: str, move: Move = "ask") -> InterviewUpdate:
    return {
        "index": state["index"] + 1,
        "pending": None,
        "nudged": False,
        "detours": 0,
        "stalls": 0,
        "best_quality": None,
        "difficulty": adjust_difficulty(state["difficulty"], state["best_quality"]),
        "last_reply": lead,
        "next_step": "advance",
        "move": move,
    }


def _probe(state: InterviewState, lead: str, text: str) -> InterviewUpdate:
    q = current(state)
    assert q is not None
    asked = {**state["follow_ups"], q["id"]: [*state["follow_ups"].get(q["id"], []), text]}
    return {
        **stay("follow_up", phrases.join(lead, text)),
        "pending": text,
        "follow_ups": asked,
    }


def _next_probe(state: InterviewState, limit: int) -> str | None:
    q, a = current(state), state["assessment"]
    if q is None or a is None or time_up(state):
        return None
    if len(state["follow_ups"].get(q["id"], [])) >= limit:
        return None
    answer = state["candidate_text"] or ""
    ctx = context(q)
    proposed = _model_follow_up(state)
    if proposed is not None:
        return proposed
    tone, asked, missing = persona(state).tone, asked_texts(state), assessment_of(a).missing
    generic = None
    if q["type"] == "behavioral" and "own_part" in missing:
        # A story told as "we" or as what happened to them: what they did comes first.
        own = probes.specifics_probe(tone, q["type"], ["own_part"], asked)
        if own is not None:
            return own
    elif q["type"] == "behavioral" and "missing" in a:
        # A story with the candidate's own part in it is asked how it ended, not for an example.
        rest: list[Part] = [p for p in missing if p in ("result", "numbers")] or ["result"]
        generic = probes.specifics_probe(tone, q["type"], rest, asked)
    elif q["type"] == "hr" and "missing" in a and "own_part" not in missing:
        generic = phrases.TAKEAWAY  # a view with their own example in it
    if generic is None and _asked_for_an_example(state, q["id"]):
        generic = ""  # an example was asked for already on this question: not a second time
    return follow_up(
        answer,
        assessment_of(a),
        ctx,
        asked=asked,
        variant=variant(state),
        generic=generic,
    )


def _asked_for_an_example(state: InterviewState, question_id: str) -> bool:
    """Whether this question's answer was already met with a request for an example (a
    nudge, `ask_example`) or a follow-up that asked for one."""
    follow_ups = state["follow_ups"].get(question_id, [])
    return state["nudged"] or any("example" in t.lower() for t in follow_ups)


def _model_follow_up(state: InterviewState) -> str | None:
    """The language model's follow-up for this answer, unless already asked or it gives a
    reference point away."""
    q, a = current(state), state["assessment"]
    proposed = a.get("follow_up") if a else None
    if q is None or not proposed:
        return None
    asked = {normalise(t) for t in asked_texts(state)}
    if normalise(proposed) in asked or leaks(proposed, context(q), state["candidate_text"] or ""):
        return None
    return proposed


def acknowledge(state: InterviewState) -> InterviewUpdate:
    q, a = current(state), state["assessment"]
    assert q is not None and a is not None
    tone, answer = persona(state).tone, state["candidate_text"] or ""
    probe = None
    if a["coverage"] < FOLLOW_UP_MAX_COVERAGE:
        probe = _next_probe(state, min(1, follow_up_limit(state)))
    ack = phrases.acknowledgement(
        tone, answer, q["text"], q["reference_points"], variant(state), then=probe or ""
    )
    return _move_on(state, ack) if probe is None else _probe(state, ack, probe)


def probe(state: InterviewState) -> InterviewUpdate:
    tone = persona(state).tone
    text = _next_probe(state, follow_up_limit(state))
    if text is not None:
        return _probe(state, phrases.follow_up_lead(tone, variant(state)), text)
    return _move_on(state, phrases.brief_acknowledgement(tone, variant(state)))


def probe_specifics(state: InterviewState) -> InterviewUpdate:
    """A vague answer: one probe for what it lacks (its own situation, own part, numbers,
    result), once per question; a second vague answer is taken as it is."""
    q, a = current(state), state["assessment"]
    assert q is not None and a is not None
    probed = state.get("probed", [])
    missing = assessment_of(a).missing
    if q["id"] in probed or time_up(state) or (state["pending"] and not missing):
        return probe(state)  # probed once already, or the whole answer so far lacks nothing
    text = _model_follow_up(state) or probes.specifics_probe(
        persona(state).tone, q["type"], missing, asked_texts(state), q["text"]
    )
    if text is None or ("example" in text.lower() and _asked_for_an_example(state, q["id"])):
        return probe(state)  # nothing left to ask, or not a second request for an example
    lead = probes.padding_lead(persona(state).tone, state["candidate_text"] or "", variant(state))
    asked = {**state["follow_ups"], q["id"]: [*state["follow_ups"].get(q["id"], []), text]}
    return {
        **stay("follow_up", phrases.join(lead, text)),
        "pending": text,
        "follow_ups": asked,
        "probed": [*probed, q["id"]],
    }


def ask_example(state: InterviewState) -> InterviewUpdate:
    q = current(state)
    assert q is not None
    tone = persona(state).tone
    if time_up(state) or _asked_for_an_example(state, q["id"]):
        return _move_on(state, phrases.brief_acknowledgement(tone, variant(state)))
    a = state["assessment"]
    if state["pending"] and a is not None and a["hooks"]:
        # A short, specific reply to a follow-up ("With Grafana dashboards.") answers it.
        return _move_on(state, phrases.brief_acknowledgement(tone, variant(state)))
    said = {t["text"] for t in state["turns"] if t["speaker"] == "interviewer"}
    answer, amount = state["candidate_text"] or "", probes.asks_amount(q["text"])
    text = phrases.nudge(q["type"], answer, variant(state), said, amount=amount)
    # A request for an example, not a follow-up question: it is not counted among them.
    return {**stay("follow_up", text), "pending": text, "nudged": True}


def _detour(state: InterviewState, move: Move, reply: str) -> InterviewUpdate:
    """A redirection, or moving on politely after `MAX_DETOURS` of them on one question."""
    if state["detours"] >= MAX_DETOURS:
        return _move_on(state, phrases.move_on(persona(state).tone, variant(state)))
    return {**stay(move, reply), "detours": state["detours"] + 1}


def _stall(state: InterviewState, move: Move, reply: str) -> InterviewUpdate:
    """Time or a simpler question for the candidate, or moving on after `MAX_STALLS`."""
    if state["stalls"] >= MAX_STALLS:
        return _move_on(state, phrases.move_on(persona(state).tone, variant(state)))
    return {**stay(move, reply), "stalls": state["stalls"] + 1}


def redirect(state: InterviewState) -> InterviewUpdate:
    found = state["assessment"]
    elsewhere = found is not None and found.get("elsewhere", False)
    lead = phrases.redirect(persona(state).tone, variant(state), elsewhere=elsewhere)
    return _detour(state, "redirect", phrases.join(lead, prompt(state)))


def encourage(state: InterviewState) -> InterviewUpdate:
    """Time to think; or, when the candidate says they do not know, a guess or moving on is
    offered, and "I don't know" again right after the offer moves on. A story question whose
    situation never happened to them ("I've never had a manager") gets an example from
    elsewhere offered instead of a guess."""
    tone, pick, text = persona(state).tone, variant(state), state["candidate_text"] or ""
    q = current(state)
    qtype = q["type"] if q is not None else "technical"
    lacks = lacks_experience(text)
    never = lacks or admits_not_knowing(text)
    if never and state["move"] in ("offer_guess", "offer_example"):
        return _move_on(state, phrases.move_on(tone, pick))
    if never and (qtype == "behavioral" or (lacks and qtype == "hr")):
        return _stall(state, "offer_example", phrases.offer_example(tone, pick))
    if never:
        guess = phrases.offer_guess(tone, pick, opinion=qtype == "hr")
        return _stall(state, "offer_guess", guess)
    if is_nervous(state["candidate_text"] or ""):
        return _stall(state, "encourage", phrases.reassure(tone))
    return _stall(state, "encourage", phrases.encourage(tone, pick))


def clarify(state: InterviewState) -> InterviewUpdate:
    """The question said more simply, with options; a follow-up is said again as one on the
    same question, without the main question's options (they answer another thing)."""
    q = current(state)
    assert q is not None
    if state["pending"]:
        return _stall(state, "clarify", phrases.join(phrases.SAME_QUESTION, state["pending"]))
    return _stall(state, "clarify", rephrase(context(q), variant(state)))


def steer_back(state: InterviewState) -> InterviewUpdate:
    lead = phrases.steer_back(persona(state).tone, variant(state))
    return _detour(state, "steer_back", phrases.join(lead, prompt(state)))


def inform(state: InterviewState) -> InterviewUpdate:
    """A question about the interview itself: answered in a sentence, then the question again.
    It is neither a detour nor a hesitation, so it uses up none of the question's bounds."""
    topic = logistics_question(state["candidate_text"] or "") or "length"
    left = time_left(state)
    if left is None:  # before the clock runs, a time-boxed interview has all its time
        left = setup_of(state).length.time_budget_s
    progress = Progress(
        state["index"], question_total(state), None if left is None else max(left, 0.0) / 60.0
    )
    setup = setup_of(state)
    said = logistics_answer(
        topic, progress, name=setup.persona.name, interview_type=setup.interview_type
    )
    if topic in _WORKING_IT_OUT:
        return stay("inform", said)  # the candidate is working on the question: it stands
    if topic in ("hearing", "muted") and _has_begun(state):
        return stay("inform", phrases.join(said, phrases.GO_AHEAD))
    # After a greeting or "I'm ready" nobody has left the question: it simply follows.
    social = topic in ("pleasantry", "how_are_you", "ready", "hearing", "muted")
    lead = "" if social else phrases.back_to_question(variant(state))
    return stay("inform", phrases.join(said, lead, prompt(state)))


def _has_begun(state: InterviewState) -> bool:
    """Whether the candidate has begun to answer the current question before this turn: said
    something on it that asked nothing of the interviewer ("slow down", "hello?")."""
    q = current(state)
    if q is None:
        return False
    earlier = said_on(state, q["id"])[:-1]  # this turn is among them already
    return any(command(t) is None and logistics_question(t) is None for t in earlier)


_WORKING_IT_OUT = frozenset({"scope", "clarifying", "choice", "answer_length", "on_track", "go_on"})
"""Questions asked while working out the answer ("how many users?", "can I assume…?"): the
question is not said again after them."""


def add_to_previous(state: InterviewState) -> InterviewUpdate:
    """More on the previous question, said before answering this one: thanked, and this
    question again. It counts as a detour, so that it cannot go on for ever."""
    lead = phrases.addition(persona(state).tone, variant(state))
    return _detour(
        state,
        "addition",
        phrases.join(lead, phrases.back_to_question(variant(state)), prompt(state)),
    )


def wrap_up(state: InterviewState) -> InterviewUpdate:
    """The candidate has said all they have on this question: taken as it is, and on to the
    next one, with no probe for more."""
    return _move_on(state, phrases.brief_acknowledgement(persona(state).tone, variant(state)))


def ignore_instruction(state: InterviewState) -> InterviewUpdate:
    lead = phrases.stay_in_role(persona(state).tone, variant(state))
    return _detour(state, "ignore_instruction", phrases.join(lead, prompt(state)))


def repeat(state: InterviewState) -> InterviewUpdate:
    said = state["candidate_text"] or ""
    asked = pace_asked(said)
    if asked is not None:
        return _change_pace(state, asked)
    lead = phrases.SAID_AGAIN if about_the_voice(said) else phrases.repeat(variant(state))
    return stay("repeat", phrases.join(lead, prompt(state)))


def _change_pace(state: InterviewState, asked: Pace) -> InterviewUpdate:
    """The voice a step slower (and the question again) or faster (and the floor back to the
    candidate); at either end it stays, and the reply says so."""
    now = pace_of(state)
    step = within(now - 1 if asked == "slower" else now + 1)
    if asked == "slower":
        lead = phrases.SLOWER if step != now else phrases.SLOWEST
        return {**stay("slower", phrases.join(lead, prompt(state))), "pace": step}
    lead = phrases.FASTER if step != now else phrases.FASTEST
    then = phrases.GO_ON if _has_begun(state) else phrases.WHENEVER_READY
    return {**stay("faster", phrases.join(lead, then)), "pace": step}


def skip(state: InterviewState) -> InterviewUpdate:
    """Moves on; a question the candidate asks to come back to waits to be asked again at the
    end (once: put off again, it is skipped)."""
    q, tone = current(state), persona(state).tone
    deferred = state.get("deferred", [])
    if q is None or q["id"] in deferred or not asks_to_defer(state["candidate_text"] or ""):
        return _move_on(state, phrases.skip(tone, variant(state)), "skip")
    put_off: InterviewState = {
        **state,
        "asked": [qid for qid in state["asked"] if qid != q["id"]],
        "deferred": [*deferred, q["id"]],
    }
    if coming_back(put_off) == q["id"]:  # nothing is left to ask before it
        return stay("encourage", phrases.nothing_before(tone))
    return {
        **_move_on(state, phrases.defer(tone, variant(state)), "defer"),
        "index": state["index"],  # it keeps its place in the count for when it comes back
        "asked": put_off["asked"],
        "deferred": put_off["deferred"],
    }


def end_early(state: InterviewState) -> InterviewUpdate:
    return {"last_reply": "", "next_step": "close", "close_reason": "ended_early"}
