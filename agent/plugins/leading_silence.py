"""Cuts the silence a TTS voice puts before each sentence.

Piper starts every sentence with 50-180 ms of near silence. On the first sentence of a reply
that is dead air the candidate waits through after the interviewer has already answered, and
inside a reply the sentence gap stays natural without it (each sentence still ends with its
own trailing silence). The cut keeps `KEEP_S` before the first sound and fades it in, so the
onset is whole and never clicks.
"""

from __future__ import annotations

import numpy as np

from agent.plugins.tts_backend import Pcm16

THRESHOLD = 0.01
"""RMS (of full scale) of a 5 ms window that counts as sound: about -40 dBFS."""
KEEP_S = 0.012
"""Silence kept before the first sound."""
_WINDOW_S = 0.005


def trim_leading_silence(pcm: Pcm16, sample_rate: int) -> Pcm16:
    """``pcm`` from `KEEP_S` before its first sound on (faded in); unchanged when it is
    silent throughout or starts with sound."""
    window = max(1, int(sample_rate * _WINDOW_S))
    usable = pcm.size - pcm.size % window
    if usable == 0:
        return pcm
    frames = pcm[:usable].astype(np.float32).reshape(-1, window) / 32768.0
    loud = np.flatnonzero(np.sqrt(np.mean(frames * frames, axis=1)) > THRESHOLD)
    if loud.size == 0:
        return pcm
    start = max(0, int(loud[0]) * window - int(sample_rate * KEEP_S))
    if start == 0:
        return pcm
    out = pcm[start:].copy()
    fade = min(out.size, int(sample_rate * KEEP_S))
    out[:fade] = (out[:fade].astype(np.float32) * np.linspace(0.0, 1.0, fade)).astype(np.int16)
    return out
