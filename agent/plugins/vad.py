"""Voice activity detection: Silero (ONNX, shipped inside livekit-plugins-silero).

The VAD only segments audio for the non-streaming ASR (``stt.StreamAdapter`` transcribes
each speech segment when the VAD reports its end); when the user's *turn* ends is decided
afterwards by the session's endpointing delay (livekit default 0.5 s), which merges
segments into one turn.

Tuning for a snappy interview:
- ``min_silence_duration=0.30`` (livekit default 0.55): every 0.1 s saved here shows in the
  reply latency. The streaming recogniser starts its last decode three VAD windows into the
  silence (`streaming_stt.PAUSE_S`), so by the end of speech the transcript is mostly made and
  a shorter end of speech costs no accuracy. An answer that trails off ("…and", "let me
  think") is held by the end-of-turn detector instead. Measured in the browser loop
  (tests/bench/bench_call.py, 40 turns): 0.35 s -> 0.30 s took the VAD's wait from 355 to
  323 ms; below that the last decode (about 0.25 s for a 5 s answer on two cores) no longer
  fits in the silence and the time comes back as ASR tail.
- ``activation_threshold`` stays at the default 0.5: a headset or laptop mic in a quiet
  room; lowering it lets keyboard noise start a turn (and interrupt the interviewer).
- ``prefix_padding_duration=0.5`` (default) keeps the onset of the first word, which
  Whisper needs to get it right.
- ``min_speech_duration=0.05`` (default): barge-in is reported as soon as speech starts.
"""

from __future__ import annotations

from typing import cast

from livekit.plugins import silero

MIN_SILENCE_S = 0.30


def load_vad() -> silero.VAD:
    """Load Silero VAD (blocking, ~0.1-0.2 s); one instance serves every call."""
    vad = silero.VAD.load(
        min_speech_duration=0.05,
        min_silence_duration=MIN_SILENCE_S,
        prefix_padding_duration=0.5,
        activation_threshold=0.5,
        force_cpu=True,
    )
    return cast(silero.VAD, vad)
