"""`AnswerEndDetector`: does what the candidate said so far sound finished?

Plugged into livekit's end-of-turn slot (`turn_handling["turn_detection"]`), so the session
keeps doing the endpointing: after the candidate stops talking and their words are
transcribed, a finished-sounding transcript ends the turn after the short delay, and one that
trails off ("…and", "…because the", "um", "let me think") waits the long delay instead, so a
candidate who pauses mid-sentence to think is not answered over. Speaking again within the
wait continues the same turn. The judgement is the transcript's last words, in microseconds;
no model, so nothing to download.
"""

from __future__ import annotations

import re

from livekit.agents import llm

# How likely each kind of ending is to be the end of the answer; below THRESHOLD the session
# waits its long endpointing delay.
THRESHOLD = 0.5
FINISHED = 0.9
TRAILING = 0.1

# Words a spoken English sentence hardly ever ends on: it goes on after them. Words that
# often do end one are left out, even when they also trail off: "I think so", "yes, I do",
# "I did that", "the team I worked with", "what I'm proud of". Waiting after those would
# slow every such answer down; a trailing one is still caught when Whisper ends it in "…".
_CONTINUING_WORDS = """
    and but or nor because since although though whereas unless until if whether plus
    when where which who whom whose
    into onto via per than including such between during without within by
    the a an my our your their its every another
    i we they he she it's i'm we're they're there's i've we've i'd we'd
    um umm uh uhh uhm erm er hmm hm mm ah eh
"""
_CONTINUES = frozenset(_CONTINUING_WORDS.split())
_THINKING = re.compile(
    r"\b(let me (think|see|recall|remember)|give me a (second|sec|moment|minute)|"
    r"one (second|sec|moment)|just a (second|sec|moment)|hold on|how do i (put|say) (this|it)|"
    r"what('s| is) the word|where was i)\W*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z']+")


def end_probability(transcript: str) -> float:
    """How likely ``transcript`` (the candidate's words so far) is a finished turn."""
    text = transcript.strip()
    if not text:
        return FINISHED  # nothing to wait for
    if text.endswith(("...", "…", ",", "-", "—")) or _THINKING.search(text):
        return TRAILING
    if text.endswith("?"):
        return FINISHED  # a question to the interviewer is complete
    found = _WORD.findall(text.lower())
    if found and found[-1] in _CONTINUES:
        return TRAILING
    return FINISHED


def _latest_user_text(chat_ctx: llm.ChatContext) -> str:
    for item in reversed(chat_ctx.items):
        if isinstance(item, llm.ChatMessage) and item.role == "user":
            return item.text_content or ""
    return ""


class AnswerEndDetector:
    """livekit's `_TurnDetector` protocol over `end_probability` (English only)."""

    @property
    def model(self) -> str:
        return "answer-end-words"

    @property
    def provider(self) -> str:
        return "mockline"

    async def unlikely_threshold(self, language: object) -> float | None:
        return THRESHOLD

    async def supports_language(self, language: object) -> bool:
        return True

    async def predict_end_of_turn(
        self,
        chat_ctx: llm.ChatContext,
        *,
        timeout: float | None = None,  # noqa: ASYNC109 (livekit's protocol; nothing to wait on)
    ) -> float:
        return end_probability(_latest_user_text(chat_ctx))
