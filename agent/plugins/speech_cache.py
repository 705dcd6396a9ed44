"""Synthesized speech kept per voice, in memory and on disk, so known sentences cost nothing.

The interviewer says many sentences more than once: acknowledgements ("Thanks.", "Got it,
thank you."), transitions ("Next question."), the greeting's first sentence and the question
bank's questions. Synthesizing one with piper costs 0.1-0.5 s of CPU on the critical path of
a reply; read from here it costs a dictionary lookup. Entries are keyed by the voice and the
sentence's exact text (whitespace collapsed), so one voice never speaks with another's audio.

The disk copy (one ``.npy`` per sentence under ``<dir>/<voice>/``) survives restarts and is
shared by the processes of one machine; writes go through a temporary file and a rename, so a
reader never sees half a file. A broken or foreign file is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

from agent.plugins.tts_backend import Pcm16

log = logging.getLogger(__name__)

MAX_CHARS = 400
"""Longer texts are not kept: they are one-off replies, not sentences said again."""
_SPACES = re.compile(r"\s+")
_SAFE = re.compile(r"[^a-zA-Z0-9_.-]+")


def cache_key(text: str) -> str:
    """The text as it is keyed: whitespace collapsed, ends trimmed (case and punctuation
    are kept; they change how a sentence is spoken)."""
    return _SPACES.sub(" ", text).strip()


class SpeechCache:
    """Audio of one voice by sentence; thread-safe (the TTS threads read and write it)."""

    def __init__(self, voice: str, directory: Path | None, *, max_items: int = 2048) -> None:
        self.voice = voice
        self._root = directory
        self._dir = directory / _SAFE.sub("_", voice) if directory is not None else None
        self._max_items = max_items
        self._memory: OrderedDict[str, Pcm16] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def beside(self, voice: str, *, max_items: int) -> SpeechCache:
        """The cache of another voice (the same voice at another speed) kept where this is."""
        return SpeechCache(voice, self._root, max_items=max_items)

    def get(self, text: str) -> Pcm16 | None:
        key = cache_key(text)
        with self._lock:
            found = self._memory.get(key)
            if found is not None:
                self._memory.move_to_end(key)
                self.hits += 1
                return found
        found = self._read(key)
        with self._lock:
            if found is None:
                self.misses += 1
                return None
            self.hits += 1
            self._remember(key, found)
        return found

    def in_memory(self, text: str, *, played: bool = True) -> Pcm16 | None:
        """The sentence's audio if it is held in memory (no disk read: safe on the event
        loop); None otherwise, without counting a miss. ``played``: it is being played
        (counted as a hit), not only looked at."""
        key = cache_key(text)
        with self._lock:
            found = self._memory.get(key)
            if found is not None and played:
                self._memory.move_to_end(key)
                self.hits += 1
            return found

    def hold(self, text: str) -> bool:
        """Whether the sentence is cached, reading it from disk into memory if it is only
        there (pre-synthesis, so it plays without a wait); counts neither a hit nor a miss.
        Blocking (a file read)."""
        key = cache_key(text)
        with self._lock:
            if key in self._memory:
                return True
        found = self._read(key)
        if found is None:
            return False
        with self._lock:
            self._remember(key, found)
        return True

    def put(self, text: str, audio: Pcm16) -> None:
        key = cache_key(text)
        if not key or len(key) > MAX_CHARS or audio.size == 0:
            return
        audio = np.ascontiguousarray(audio, dtype=np.int16)
        with self._lock:
            known = key in self._memory
            self._remember(key, audio)
        if not known:
            self._write(key, audio)

    def __contains__(self, text: str) -> bool:
        key = cache_key(text)
        with self._lock:
            if key in self._memory:
                return True
        path = self._path(key)
        return path is not None and path.is_file()

    def _remember(self, key: str, audio: Pcm16) -> None:
        self._memory[key] = audio
        self._memory.move_to_end(key)
        while len(self._memory) > self._max_items:
            self._memory.popitem(last=False)

    def _path(self, key: str) -> Path | None:
        if self._dir is None:
            return None
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]
        return self._dir / f"{digest}.npy"

    def _read(self, key: str) -> Pcm16 | None:
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        try:
            audio = np.load(path, allow_pickle=False)
        except (OSError, ValueError) as exc:
            log.warning("unreadable speech cache file %s (%s)", path.name, type(exc).__name__)
            return None
        if not isinstance(audio, np.ndarray) or audio.dtype != np.int16 or audio.ndim != 1:
            return None
        pcm: Pcm16 = audio
        return pcm

    def _write(self, key: str, audio: Pcm16) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                np.save(out, audio, allow_pickle=False)
            os.replace(tmp, path)
        except OSError as exc:  # a full or read-only disk: the memory copy still serves
            log.warning("speech cache write failed (%s)", type(exc).__name__)
