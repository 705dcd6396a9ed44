"""DeliveryTracker: speech, pauses, time to start and fillers from session event timestamps."""

from __future__ import annotations

from agent.understanding.lang import count_fillers
from agent.voice.delivery import DeliveryTracker


def _tracker_after_question(stopped_at: float) -> DeliveryTracker:
    t = DeliveryTracker()
    t.on_agent_state("speaking", stopped_at - 5.0)
    t.on_agent_state("listening", stopped_at)
    return t


def test_pauses_speech_and_time_to_start() -> None:
    t = _tracker_after_question(100.0)
    for start, end in ((103.0, 106.0), (110.0, 112.0), (112.5, 115.0)):
        t.on_user_state("speaking", start)
        t.on_user_state("listening", end)
    d = t.measure("Um, we moved the cache to Redis and cut latency by half.", 103.0, 115.0)
    assert d.time_to_start_s == 3.0
    assert d.speech_s == 7.5
    assert d.duration_s == 12.0
    assert d.longest_pause_s == 4.0
    assert d.filler_count == 1
    assert d.word_count == 12
    assert d.words_per_minute == 60.0


def test_only_intervals_of_this_turn_count() -> None:
    t = _tracker_after_question(10.0)
    t.on_user_state("speaking", 11.0)
    t.on_user_state("listening", 13.0)
    t.on_agent_state("speaking", 14.0)
    t.on_agent_state("listening", 20.0)
    t.on_user_state("speaking", 21.5)
    t.on_user_state("listening", 24.0)
    d = t.measure("second answer here", 21.5, 24.0)
    assert d.speech_s == 2.5
    assert d.time_to_start_s == 1.5
    assert d.longest_pause_s == 0.0


def test_turn_committed_while_vad_still_open_and_no_agent_speech_yet() -> None:
    t = DeliveryTracker()
    t.on_user_state("speaking", 5.0)
    d = t.measure("hello there", 5.0, 7.0)
    assert d.speech_s == 2.0
    assert d.time_to_start_s is None


def test_no_intervals_falls_back_to_message_timing() -> None:
    d = DeliveryTracker().measure("typed words", 1.0, 4.0)
    assert d.speech_s == 3.0 and d.duration_s == 3.0 and d.longest_pause_s == 0.0


def test_fillers_are_interjections_not_ordinary_words() -> None:
    assert count_fillers("Um, I think, uh, we used Redis.") == 2
    assert count_fillers("I like Python and you know it.") == 0
    assert count_fillers("Like, you know, it was hard. Hmm.") == 3
    assert count_fillers("The umbrella and the user") == 0


def test_time_to_start_counts_from_the_question_through_a_silence_prompt() -> None:
    t = _tracker_after_question(100.0)
    t.on_prompt()  # "Take your time..." said at 112 s, after a silence
    t.on_agent_state("speaking", 112.0)
    t.on_agent_state("listening", 116.0)
    t.on_user_state("speaking", 118.0)
    t.on_user_state("listening", 121.0)
    assert t.measure("I would start with the data model.", 118.0, 121.0).time_to_start_s == 18.0
    # The next question is timed from its own end again.
    t.on_agent_state("speaking", 122.0)
    t.on_agent_state("listening", 125.0)
    t.on_user_state("speaking", 126.0)
    t.on_user_state("listening", 128.0)
    assert t.measure("Yes, with Postgres.", 126.0, 128.0).time_to_start_s == 1.0
