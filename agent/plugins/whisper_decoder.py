"""Whisper decoding fitted to the utterance: the encoder sees the speech plus a little silence,
not a 30 s window.

faster-whisper pads every input to 30 s, so a 2 s answer costs as much encoder time as a
30 s one (about 0.5-0.8 s of tiny.en on two cores, most of a reply's budget). CTranslate2's
Whisper encoder takes any window up to 3000 frames; measured here on synthesized answers in
two voices, a window of the speech plus 1.5 s (at least 3 s) is about five times faster with
the same word recall. Decoding a short window has two failure modes, both handled here:

- a loop ("yes yes yes", "I think so. I think so."): repeated token runs are collapsed;
- a result that still looks wrong (a long answer heard as nothing, text far too long for the
  audio): decoded again with the full 30 s window.

A prompt (the hotwords, the utterance so far) has a failure of its own: far fewer words than
the audio holds, the start skipped ("and stored results in Snowflake.") or the prompt echoed
("Git, Azure,"). Such a text is decoded again from the start (`WhisperDecoder._from_the_start`).

The interview's own words (the question, the resume's and job's skills) can be given as
``hotwords``: they bias decoding towards "PostgreSQL" rather than "posters". A caller can also
give ``guesses``: other readings of the decoded text (a run of words written as an expected
term). Each is scored on the same encoder output, and the likeliest reading of the audio is
kept: Whisper decodes greedily, token by token, and "smelled" can win its first token while
"Svelte" is the likelier whole. Blocking; one transcription at a time per model (the caller
serialises).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import ctranslate2
import numpy as np
import numpy.typing as npt
from faster_whisper import WhisperModel
from faster_whisper.tokenizer import Tokenizer

SAMPLE_RATE = 16_000
_FRAMES_PER_S = 100  # one mel frame per 10 ms
_FULL_WINDOW = 3000
_MIN_WINDOW = 300
_PAD_S = 1.5
_MAX_PROMPT_TOKENS = 112  # of the decoder's 448, at most a quarter for context
_TOKENS_PER_S = 8.0  # far above speech (3-4 tokens a second): a bound, not a guess
_SPARSE_MIN_S = 2.0
_SPARSE_WORDS_PER_S = 1.5
"""Under this many words a second of at least `_SPARSE_MIN_S` is sparse: speech runs at 2-3,
and Whisper drops fillers, so a slow speaker lands near 1.5 and costs only a check."""
_START_WORDS = 2
"""Words of the unprompted text given as the start of the prompted one."""
_MAX_LOOP = 8  # the longest repeated run of tokens that is collapsed
NO_SPEECH_MIN = 0.75
UNSURE_CONFIDENCE = 0.3
"""`Decoded.unsure_speech`: no-speech probability above this, with confidence below that."""
_FLOOR_P = 1e-9
GUESS_ALLOWANCE = 3.0
"""Nats by which a guess may be less likely than the decoded words and still be kept: the
interview expects its terms, and Whisper's prompt alone does not tip a greedy decode to them
("Yulumi" over Pulumi by 1.4, "asikit-learn" over scikit-learn by 1.5). Chosen with
tests/bench/bench_terms.py --steady on its tuning and held-out sets (runs differ by about three
terms): with no allowance 78 % of held-out terms were heard, with 2 to 4.5 nats 81-83 %;
speech written as a term it was not stayed at 1 of 144 up to 4.5 nats and was 10 of 144
at 8."""

Guesses = Callable[[str, str], Sequence[str]]
"""Other readings of a decoded text, given it and the hotwords it was decoded with."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    confidence: float
    """exp(mean token log-probability), 0 when nothing was said."""
    window_s: float
    """The encoder window that gave this text."""
    no_speech: float = 0.0
    """Whisper's probability that the audio holds no speech at all."""

    @property
    def unsure_speech(self) -> bool:
        """Words Whisper made up for a sound that is not speech (a cough, a knock, a click):
        it finds no speech, and its words are unlikely. Whisper's reference test (no-speech
        above 0.6, mean log-probability below -1) is tightened to what tiny.en measured here:
        noise bursts and clicks 0.78-0.95 with confidence <= 0.15 ("Okay.", "You", "I'm going
        to do it."); one spoken word in two voices at most 0.72 ("Sorry?", confidence 0.21).
        "Uh-huh" and "hmm" can fall under it, which only drops a backchannel."""
        return self.no_speech > NO_SPEECH_MIN and self.confidence < UNSURE_CONFIDENCE


class WhisperDecoder:
    """Transcribes 16 kHz mono float32 audio with an encoder window fitted to it."""

    def __init__(self, model: WhisperModel) -> None:
        self._model = model
        self._tokenizer = Tokenizer(
            model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language="en"
        )
        self._bare_prompt = self._prompt("", "")

    def decode(
        self,
        audio: npt.NDArray[np.float32],
        *,
        context: str = "",
        hotwords: str = "",
        guesses: Guesses | None = None,
    ) -> Decoded:
        """``context``: what the candidate said just before (the utterance so far);
        ``hotwords``: words this interview is likely to hear; ``guesses``: other readings of
        the text to weigh against it."""
        if audio.size == 0:
            return Decoded("", 0.0, 0.0)
        features = self._model.feature_extractor(audio)
        frames = int(features.shape[1])
        window = min(_FULL_WINDOW, max(_MIN_WINDOW, _round_up(frames + _PAD_S * _FRAMES_PER_S)))
        prompt = self._prompt(context, hotwords)
        max_tokens = len(prompt) + 16 + math.ceil(frames / _FRAMES_PER_S * _TOKENS_PER_S)
        decoded, encoded = self._run(features, window, prompt, max_tokens)
        if window < _FULL_WINDOW and _looks_wrong(decoded.text, frames):
            window = _FULL_WINDOW
            decoded, encoded = self._run(features, window, prompt, max_tokens)
        if _sparse(decoded.text, frames):
            decoded = self._from_the_start(encoded, window, prompt, max_tokens, decoded)
        others = list(guesses(decoded.text, hotwords)) if guesses and decoded.text else []
        if not others:
            return decoded
        best = self._likeliest(encoded, prompt, [decoded.text, *others], min(frames, window))
        return decoded if best == decoded.text else replace(decoded, text=best)

    def _from_the_start(
        self,
        encoded: ctranslate2.StorageView,
        window: int,
        prompt: list[int],
        max_tokens: int,
        decoded: Decoded,
    ) -> Decoded:
        """A sparse text decoded with a prompt, again: Whisper can take the prompt's words as
        said already and begin halfway through the speech ("…and stored results in
        Snowflake."). Decoded with no prompt, it hears the start; then, with the prompt and the
        first words of that as the text's beginning, the rest is heard with the interview's
        words again. Either is kept only when it holds far more words. Two passes of the small
        decoder (about 80 ms each on two cores), for the few utterances that need them."""
        bare = self._bare_prompt
        if prompt == bare:
            return decoded
        unprompted = self._generate(encoded, window, bare, max_tokens - len(prompt) + len(bare))
        if not _far_longer(unprompted.text, decoded.text):
            return decoded
        start = self._tokenizer.encode(" " + " ".join(unprompted.text.split()[:_START_WORDS]))
        again = self._generate(encoded, window, [*prompt, *start], max_tokens + len(start))
        return again if _far_longer(again.text, decoded.text) else unprompted

    def _likeliest(
        self, encoded: ctranslate2.StorageView, prompt: list[int], texts: list[str], frames: int
    ) -> str:
        """The one of ``texts`` Whisper finds likeliest for the encoded audio, the guesses
        after the first given `GUESS_ALLOWANCE` (the first wins a tie): the sum of its
        tokens' log-probabilities, each given the prompt and the tokens before it. One
        decoder pass over all of them, the encoder output repeated."""
        tok = self._tokenizer
        sequences = [tok.encode(" " + text) for text in texts]
        batch = np.repeat(np.asarray(encoded), len(texts), axis=0)
        results = self._model.model.align(
            ctranslate2.StorageView.from_array(batch), prompt, sequences, [frames] * len(texts)
        )
        scores = [
            float(np.log(np.maximum(np.asarray(r.text_token_probs), _FLOOR_P)).sum())
            for r in results
        ]
        scores[1:] = [score + GUESS_ALLOWANCE for score in scores[1:]]
        return texts[int(np.argmax(scores))]

    def _prompt(self, context: str, hotwords: str) -> list[int]:
        tok = self._tokenizer
        prompt: list[int] = []
        words = " ".join(part for part in (hotwords.strip(), context.strip()) if part)
        if words:
            tokens = tok.encode(" " + words)[-_MAX_PROMPT_TOKENS:]
            prompt = [tok.sot_prev, *tokens]
        return [*prompt, *tok.sot_sequence, tok.no_timestamps]

    def _run(
        self, features: npt.NDArray[np.float32], window: int, prompt: list[int], max_tokens: int
    ) -> tuple[Decoded, ctranslate2.StorageView]:
        padded = np.zeros((features.shape[0], window), dtype=np.float32)
        keep = min(window, features.shape[1])
        padded[:, :keep] = features[:, :keep]
        storage = ctranslate2.StorageView.from_array(padded[None])
        encoded = self._model.model.encode(storage, to_cpu=False)
        return self._generate(encoded, window, prompt, max_tokens), encoded

    def _generate(
        self, encoded: ctranslate2.StorageView, window: int, prompt: list[int], max_tokens: int
    ) -> Decoded:
        result = self._model.model.generate(
            encoded,
            [prompt],
            beam_size=1,
            max_length=min(448, max_tokens),
            suppress_blank=True,
            suppress_tokens=[-1],
            return_scores=True,
            return_no_speech_prob=True,
        )[0]
        eot = self._tokenizer.eot
        tokens = collapse_loops([t for t in result.sequences_ids[0] if t < eot])
        text = self._tokenizer.decode(tokens).strip()
        score = result.scores[0] if result.scores else -10.0
        confidence = min(1.0, math.exp(score)) if text else 0.0
        return Decoded(text, confidence, window / _FRAMES_PER_S, float(result.no_speech_prob))


def collapse_loops(tokens: list[int]) -> list[int]:
    """Keeps one copy of any run of up to `_MAX_LOOP` tokens repeated back to back three or
    more times, and of a whole answer repeated after itself (the short-window loops)."""
    out: list[int] = []
    i = 0
    while i < len(tokens):
        for k in range(1, min(_MAX_LOOP, (len(tokens) - i) // 3) + 1):
            gram = tokens[i : i + k]
            repeats = 1
            while tokens[i + repeats * k : i + (repeats + 1) * k] == gram:
                repeats += 1
            if repeats >= 3:
                out += gram
                i += repeats * k
                break
        else:
            out.append(tokens[i])
            i += 1
    return _drop_repeated_whole(out)


def _drop_repeated_whole(tokens: list[int]) -> list[int]:
    """``A A'`` where ``A'`` is a prefix of ``A`` (the decoder started the answer again)."""
    n = len(tokens)
    for k in range(2, n // 2 + 1):
        rest = tokens[k:]
        if len(rest) >= 2 and all(rest[i] == tokens[i % k] for i in range(len(rest))):
            return tokens[:k]
    return tokens


def _looks_wrong(text: str, frames: int) -> bool:
    seconds = frames / _FRAMES_PER_S
    words = len(text.split())
    if seconds >= 1.5 and words == 0:
        return True  # a real answer heard as nothing
    return words > 6 + seconds * 5  # far more words than anyone says in that time


def _sparse(text: str, frames: int) -> bool:
    """Far fewer words than the audio holds: a decoder that took words of the prompt as said
    already, or ended early, and left out part of the speech."""
    seconds = frames / _FRAMES_PER_S
    return seconds >= _SPARSE_MIN_S and len(text.split()) < _SPARSE_WORDS_PER_S * seconds


def _far_longer(text: str, than: str) -> bool:
    words, other = len(text.split()), len(than.split())
    return words >= other + 3 and words >= 1.5 * other


def _round_up(frames: float) -> int:
    return math.ceil(frames / 100.0) * 100
