"""Questions about the interview itself, and the interviewer's short, true answer to them.

Candidates ask how long it will take, whether they will get feedback, whether they may take
notes, whether it is recorded, whether a university project counts as an example, whether
they may assume or use something, whether they may answer in another language, what the
interviewer is called, which company it is for; or they only greet ("nice to meet you",
"how are you?"). A person running the interview answers in a sentence and goes back to the
question; steering such a turn away as "outside the interview" sounds cold. The answers say
only what Mockline does: the number of questions or the minutes left from the plan, a
report at the end, a stored transcript (no audio is kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from agent.understanding.lang import sentences, words

from .intents import only_questions
from .phrases import spoken_number

Logistics = Literal[
    "length",
    "who_are_you",
    "criteria",
    "feedback",
    "notes",
    "questions_later",
    "recording",
    "example_source",
    "choice",
    "scope",
    "clarifying",
    "hearing",
    "muted",
    "language",
    "name",
    "company",
    "pleasantry",
    "how_are_you",
    "ready",
    "format",
    "answer_length",
    "on_track",
    "go_on",
]

MAX_WORDS = 30
"""Longer turns are answers, whatever they ask on the way."""

_THE_INTERVIEW = (
    r"(this|the) (interview|session|call|practice|round|mock interview)|this|we|it(?= ?$)"
)
_IS_IT_OK = (
    r"(is it|would it be|will it be) (ok|okay|fine|alright|all right|acceptable|a problem|an issue)"
)
_OK_IF = rf"{_IS_IT_OK} if"
_MAY_I = (
    rf"(can|could|may|should|shall) i|am i allowed to|(do you )?mind if i|{_IS_IT_OK} (if i|to)"
)
"""Asking leave: "can I", "is it fine if I", "would it be alright to", "mind if I"."""
_SESSION = (
    r"(this|the|my|our)( (call|session|interview|conversation|chat|practice|meeting|round))?"
    r"|you|my answers|it"
)
_LANGUAGES = (
    r"hindi|spanish|french|german|tamil|telugu|bengali|marathi|kannada|malayalam|urdu|arabic"
    r"|chinese|mandarin|portuguese|russian|japanese|korean|italian|gujarati|punjabi|odia"
)
_JUDGED = r"(scored|graded|rated|evaluated|marked|assessed|judged)"
_JUDGE = r"(score|grade|rate|mark|judge|evaluate|assess)"
_JUDGING = r"(scoring|grading|rating|marking|judging|evaluating|assessing)"
_MACHINE = (
    r"(ai|an ai|a bot|bot|a robot|robot|a computer|computer|a machine|machine|a program|program"
    r"|a chatbot|chatbot|a recording|recording|automated|an algorithm|artificial intelligence)"
)
_TOPICS: tuple[tuple[Logistics, re.Pattern[str]], ...] = (
    (
        "who_are_you",
        re.compile(
            r"\b(are|r) you (really |actually |even |just )?(a |an )?(real |actual |live )?(human|person"
            r"|people|bot|robot|ai|computer|machine|chatbot|program|interviewer or)\b"
            r"|\b(am i|are we) (talking|speaking|chatting) (to|with) (a |an )?(real |actual |live )?"
            rf"(human|person|people|interviewer|{_MACHINE})\b"
            r"|\b(is|was) (this|that|it) (a |an )?(real |actual |live )?(person|human|interviewer"
            rf"|{_MACHINE})\b|\breal (person|human|interviewer) or (a |an )?{_MACHINE}\b"
            r"|\bwho (made|built|created|programmed|designed|trained) you\b"
            r"|\bwhat (model|llm|ai|language model|kind of ai) (are you|is this|do you use)\b"
            r"|\b(are|r) you (chat ?gpt|gpt|gemini|claude|siri|alexa|llama)\b"
        ),
    ),
    (
        "criteria",
        re.compile(
            rf"\bhow (will|do|am|is|are|would) (i|my answers?|{_SESSION}|we|they)( going to| gonna)?"
            rf" (be |being |get )?{_JUDGED}\b"
            rf"|\bhow (are|will|do|would) you (be |going to |gonna )?({_JUDGE}|{_JUDGING})\b"
            rf"|\bhow you('re| are| will| would)? (be |going to |gonna )?({_JUDGE}|{_JUDGING})\b"
            rf"|\bwhat (are|do|will) you (be )?(look|looking) for\b.*\bwhen you {_JUDGE}\b"
            rf"|\bwhen you {_JUDGE} (answers|an answer|my answers?|candidates|people)\b"
            rf"|\bwhat (are|will|do|would) you (be )?({_JUDGE}|{_JUDGING}|looking at)( me| us"
            r"| my answers?| the answers?)? (on|by|for)\b"
            rf"|\b(on )?what (basis|criteria|grounds)\b.*\b({_JUDGED}|{_JUDGE}|{_JUDGING})\b"
            r"|\bwhat (criteria|metrics|dimensions|parameters) (do|will|are|would) (you|i|we"
            r"|my answers?)\b"
            r"|\b(what|which) (criteria|things|dimensions|parameters) (are|will) (you )?(use|used"
            rf"|be used)( to {_JUDGE})?\b"
        ),
    ),
    (
        "length",
        re.compile(
            rf"\bhow long (will|does|is|would|should|do) ({_THE_INTERVIEW})\b"
            r"|\bhow long (are we going|is this going|will we be|do we have|have we got|is left)\b"
            r"|\bhow many (more |other |of (these|the|your) )?questions\b|\bhow many (are )?(left|to go)\b"
            r"|\b(is|will|does|would) (this|it|the interview|the session) (going to )?(take|be|last|run)"
            r" (long|a while|very long|too long)\b"
            r"|\bhow much (more )?time (do we have|have we got|is (there )?left|left)\b"
            r"|\bhow much longer\b|\bhow many minutes\b"
            r"|\bhow many more( questions| ones| of these)?( after this( one)?| are there| to go"
            r"| left| is that)?$"
            r"|\b(is|was) (this|that) the (last|final) (question|one)\b"
            r"|\b(are|is) (we|there) (almost|nearly) (done|finished|over)\b"
        ),
    ),
    (
        "feedback",
        re.compile(
            r"\b((will|do|can|would|am|shall) i|am i going to|am i gonna) (get|receive|see|be given"
            r"|have) (any |some |a |an "
            r"|my |the )?(feedback|score|scores|report|results?|grade|rating|marks|evaluation)\b"
            r"|\b(is|will) (this|it|my answer|each answer) (be )?(scored|graded|rated|marked)\b"
            r"|\bwhen (do|will|can) i (get|see) (my |the )?(feedback|score|results?|report)\b"
            r"|\b(is there|will there be) (any )?(feedback|a report|a score)\b"
            r"|\bhow (am i|have i been|did i) (doing|do)\b"
            r"|\b(will|would|do|can|shall) i (get to )?(see|know|find out|hear|learn) how i (did|do"
            r"|performed|went|am doing|'m doing)\b"
            r"|\b(was|is) (that|this|my answer|it) (answer )?(correct|right|wrong|ok|okay|good"
            r"|good enough|enough|what you (wanted|were looking for|expected))\b"
            r"(?! (if|to|for|with)\b)"
            r"|\bdid i (get (it|that|this) right|answer (it|that|this) (right|correctly|well))\b"
            r"|\b(can|could|would|will) you (give|tell) me (some |any |quick )?(feedback|how i"
            r" (did|am doing|'m doing)|my score)\b"
            r"|\b(will|would|are|do) you (be )?(sharing|share|giving|give|sending|send|providing"
            r"|provide)( me)? (any |some )?(feedback|notes|a report|my score|the results?)\b"
            r"|\bwhat (score|grade|rating|mark) (would|will|do) you give\b"
        ),
    ),
    (
        "format",
        re.compile(
            r"\b(are|is|will) (we|it|this|the interview|today) (doing |going to be |gonna be |be "
            r"|only |just |all )*(just |only |all )?(technical|behaviou?ral|coding|system design|case"
            r"|hr|personal|soft skill)\b"
            r"|\bwhat (kind|type|sort) of (questions|interview)( questions)? (will|would|are|is|do)"
            r" (you|we|this|it|there|be)\b"
            r"|\b(will|do) (you|we) (ask|do|have|cover) (any )?(technical|behaviou?ral|coding"
            r"|system design|case|hr) (questions|ones)\b"
            r"|\b(will|is) there (any |a )?(coding|live coding)( questions| exercise| round)?\?"
        ),
    ),
    (
        "answer_length",
        re.compile(
            r"\b(do|should|can|must) i (need to |have to )?(keep|make) (my answers?|it|them|this)"
            r" (short|brief|long|detailed|concise)\b"
            r"|\bhow (long|detailed|much detail|in depth) should (my answers?|i (answer|go|be)"
            r"|the answers?|it be|i go)\b"
            r"|\b(is there|what's|what is) (a|the) (time limit|limit) (per|for each|on|for)"
            r" (question|answer)\b"
            # How deep to go: "should I go deeper into X?", "how much detail do you want?"
            rf"|\b({_MAY_I}|do you want me to|would you like me to|do i need to) (go|get|dig)"
            r" (deeper|into (more |the )?details?|more into)\b"
            r"|\bhow (much detail|deep|detailed|much depth|long) (do|would|should) (you|i)\b"
            r"|\b(was|is) (that|this|my answer|it) (too|a bit too|a little too) (long|short|detailed"
            r"|brief|much)\b"
            rf"|\b({_MAY_I}|do you want me to|would you like me to) (keep it|stay|go|talk) (at a )?"
            r"high level\b|\bhigh level or (go |get )?(into )?(the )?details?\b"
            r"|\b(do you want|would you like) me to (talk about|cover|mention|go into|include|get"
            r" into) \w+"
            rf"|\b({_MAY_I}) (also )?(talk about|cover|mention|go into|include|get into|touch on)"
            r" .*\b(as well|too|also)$"
            r"|\b(do you want|would you like|should i give you|shall i give you) (more|less|some"
            r" more|a bit more) (detail|details|depth)\b"
        ),
    ),
    (
        "on_track",
        re.compile(
            r"\b(is|was) (this|that) (the kind of|the sort of|the type of|what kind of)"
            r" (answer|thing|response) (you're|you are|you were) (looking for|after|expecting)\b"
            r"|\bam i (on (the right )?track|going in the right direction|heading the right way)\b"
            r"|\b(did|does) (that|this|it|my answer) answer (your|the) question\b"
            r"|\b(does|did) (that|this|it|all that) make sense( so far)?$"
            r"|\bis (this|that) (okay|ok|alright|fine|good) so far\b"
            r"|\b(does|did) (this|that|it) sound (like )?(what you're|what you are|right|okay|ok"
            r"|good)\b"
            r"|\b(is|was) (that|this) what you (wanted|want|were looking|are looking|expected)"
            r"( for| to hear)?$"
        ),
    ),
    (
        "go_on",
        re.compile(
            r"\b(do you want|would you like) me to (continue|go on|keep going|carry on)\b"
            rf"|\b({_MAY_I}|do i) (keep going|go on|continue|carry on)\b"
            r"|\bis (that|this) enough( for now)?$|\bor is (that|this) enough\b"
        ),
    ),
    (
        "notes",
        re.compile(
            rf"\b({_MAY_I}) (take|make|jot|write|keep)( down)? ((some|a few|a couple of|my|quick"
            r"|short) )?notes?\b"
            rf"|\b({_MAY_I}) (use|grab|get|have) (a |some |my )?(piece of |sheet of )?(pen|paper|pen and paper"
            r"|notepad|whiteboard|scratch paper|notebook)\b"
            rf"|\b({_MAY_I}) (write (this|that|it) down|think (out loud|aloud)"
            r"|talk (it )?through (it )?out loud)\b"
            rf"|\b({_MAY_I}) (wrote|write|jot|jotted|noted|note)( down)? (a couple of |a few |some )?"
            r"(things|points|ideas|thoughts)( down)?\b"
            rf"|\b({_MAY_I}) (quickly )?(draw|sketch|diagram|map|write) (it|this|that|things|some"
            r"|a few|the)?( \w+)?( (out|down|up))?( (quickly|first))?( (on|in|with) (a |some |my |the )?"
            r"(paper|notepad|whiteboard|notebook|piece of paper|sheet|napkin|tablet|screen))?\b"
            rf"|\b({_MAY_I}) use (a |the |my )?(whiteboard|notepad|drawing|diagram|sketch)\b"
        ),
    ),
    (
        "hearing",
        re.compile(
            r"\b(can|do) you (still )?hear me\b|\bam i (coming through|audible|breaking up)\b"
            r"|\b(is|are) my (audio|mic|microphone|voice|sound|connection) (working|ok|okay|coming"
            r" through|clear|fine|all right|alright)\b|\b(are you|is anyone) (still )?there\b"
            r"|\bdid you (hear|get|catch) (me|that|what i said)\b"
        ),
    ),
    (
        "questions_later",
        re.compile(
            r"\b(can|could|may|will|do) i (get to )?(ask|have) (you )?(a few |some |any |a couple"
            r" of )?(questions|anything|something)( of my own)?( for you)? (at the end|later"
            r"|afterwards|after this|after the interview)\b"
            r"|\b(will|is) (there|i) (be |have )?(time|a chance|an opportunity) (for|to ask) (my "
            r"|any |some )?questions\b"
        ),
    ),
    (
        "example_source",
        re.compile(
            rf"\b({_MAY_I}) (use|take|give|pick|choose|talk about|describe|mention|go with|share"
            r"|answer|draw|speak)"
            r" (an? |one )?(example|story|situation|project|experience)?\s?((from|at|in|during) )?"
            r"(my |a |an |the )?(university|uni|college|school|class|course|studies|internship"
            r"|volunteering|hackathon|side project|personal project|own project|personal life"
            r"|outside work|previous|last|part-time|freelance|thesis|final year)"
            r"|\b(can|could|may) (it|the example|the story|that) be (from )?(a |an |my )?"
            r"(university|uni|college|school|class|personal|side|non-work|internship|volunteering"
            r"|hackathon|thesis|course|studies|freelance|part-time)"
            rf"|\b({_MAY_I}|what if|{_OK_IF}) (my |the )?(example|story|answer) (comes?|is) from"
            r" (a |an |my )?"
            r"(university|uni|college|school|class|course|internship|side|personal|own|hackathon"
            r"|volunteering|thesis)"
            r"|\b(does|do|should|must|has|have) (it|the example|the story|this|that|my example)"
            r" (have to|need to|has to|got to|must) be (from |at |about |in )?(work|a (real "
            r"|paid |proper |full-time |professional )?job|my job|professional work|paid work"
            r"|industry|a company|the workplace)\b"
        ),
    ),
    (
        "choice",
        re.compile(
            r"^((so|and|also|okay|ok|um|uh|sorry|quick question) )*"
            rf"({_MAY_I}) (assume|use|pick|choose|go with)\b"
            # Choosing between two scopes: "should I focus on the backend only, or also...?"
            rf"|\b({_MAY_I}|do you want me to|do i need to) (focus on|focus|cover|include|consider"
            r"|start with|design|talk about|build|handle)\b.*\bor\b"
            r"|\bdoes it matter (which|what) (language|database|tool|framework|stack|cloud)\b"
        ),
    ),
    (
        "clarifying",
        re.compile(
            rf"\b({_MAY_I}|let me|i'd like to|i would like to|i want to) (first )?(ask|start with"
            r"|have) (you )?(a few |some |a couple of |a |one |any |two |three )?(quick )?"
            r"(clarifying|clarification) questions?\b"
            rf"|\b({_MAY_I}) (first )?clarify (a few|some|a couple of|the|a|one|few)\b"
        ),
    ),
    (
        "scope",
        re.compile(
            # The scenario's scope, which is the candidate's to assume: "are we talking about
            # the app or the website?", "do we know the budget?", "what's the expected scale?"
            r"\bare we (talking about|assuming|designing|building|looking at|talking)\b"
            r"|\bis (it|this|that|the system|the app|the service) (going to be |meant to be )?(global"
            r"|international|regional|public|internal|multi region|real time|mobile|web|b2b|b2c"
            r"|read heavy|write heavy)\b"
            r"|\b(do|does|will) (we|it|the system|the app|users) (need|have) to (keep|store|support"
            r"|handle|scale|work|be)\b|\bdo we need (to )?\w+"
            r"|\b(is|would) (it|this|that) (be )?(for )?(a |an |the )?\w+( \w+)? or\b"
            r"|\bdo we (know|have) (roughly |exactly |anything about |any idea )?(how|what|whether"
            r"|if|which)\b"
            r"|\bdo we (know|have) (the |a |an |any )?(budget|traffic|numbers|data|scale|timeline"
            r"|deadline|constraints|users|user numbers|team|limits?)\b"
            r"|\bwhat('s| is) (the |our )?(expected |target |rough )?(scale|budget|traffic|load"
            r"|timeline|deadline|team size|user base|volume)\b"
            r"|\bhow (many|much) (users|traffic|data|budget|requests|time|money) (are we|do we"
            r"|should i|will|would|is there)\b"
            r"|\bis there (a|any) (budget|deadline|limit|constraint)\b"
            r"|\bhow (many|much) \w+( \w+)? (do|did|does|are|were) (we|they|it) (have|get|see|make"
            r"|sell|lose|expect)\b"
            # The system's numbers and needs: "how many services?", "how big is the data set?",
            # "what's the read to write ratio?", "is stale data okay?"
            r"|^((so|and|okay|ok|first|also|then|um|uh|roughly|and then) )*how (many|much) \w+"
            r"|\bhow (big|large|fast|often|old|spread out) (is|are|will|would|does|do|should)"
            r" (the|our|this|it|they|each|a|an|users?|data)\b"
            r"|\bwhat('s| is| are) (the |our )?(expected |target |rough |required |peak )?(read"
            r"( to| /)? write ratio|ratio of reads|latency|availability|consistency|sla|slas"
            r"|requirements?|qps|rps|throughput|data size|size of the data|peak|retention"
            r"|growth rate)\b"
            r"|\bwhat (consistency|latency|availability|durability|throughput|guarantees?|sla)"
            r" (do|does|is|are|should|would|will)\b"
            r"|\bis (stale data|eventual consistency|downtime|data loss|some delay|a delay|some"
            r" latency|a bit of delay) (okay|ok|fine|acceptable|allowed|tolerable)\b"
            r"|\b(can|could|may) (the )?(data|results|reads|it) be (stale|out of date|delayed)\b"
            r"|\b(we're|we are) (seeing|getting|at) (right now|now|currently|today)?$"
            r"|\bwhat('s| is) the (\w+ )?(latency|error rate|load|traffic|volume|p95|p99) (we're"
            r"|we are)\b"
        ),
    ),
    (
        "language",
        re.compile(
            rf"\b({_MAY_I}) (answer|speak|respond|reply|talk|continue|do this) in ({_LANGUAGES}"
            r"|another language|my (own |native |mother )?(language|tongue))\b"
            rf"|\bdo you (speak|understand) ({_LANGUAGES}|other languages)\b"
            r"|\btranslate (it|this|that|the question|the questions|this question)( (in)?to| in) "
            rf"({_LANGUAGES}|another language|my (own |native |mother )?(language|tongue))\b"
        ),
    ),
    (
        "name",
        re.compile(
            r"\bwhat('s| is| was) your name\b|\bwho am i (talking|speaking) (to|with)\b"
            r"|\b(may|can|could) i (know|ask|have|get) your name\b"
            r"|\b(how|what) (should|do|can) i (call|address) you\b"
        ),
    ),
    (
        "company",
        re.compile(
            r"\b(what|which) (company|companies|firm|employer|organi[sz]ation|team)( is| are)?"
            r" (this|it|you|we)\b|\bwhat('s| is) the (company|employer|firm)('s name)?\b"
            r"|\bwho (is|are) (this|the) (company|employer|client|hiring manager)\b"
            r"|\b(is|are) (this|it|you|the (job|role|position))( for)? (a |an )?(real|actual"
            r"|genuine|live) (job|company|role|position|opening|interview|vacancy|employer)\b"
            r"|\bat a real company\b|\bis this (role|job|position) (real|actually open)\b"
            r"|\b(what|which) company (do|does) (you|this role|this job) (work for|belong to)\b"
            r"|\b(what|which) (company|firm|employer|team) is (hiring|recruiting|interviewing)\b"
        ),
    ),
    (
        "recording",
        re.compile(
            rf"\b(is|are|will) ({_SESSION}) (being |be |getting )?(recorded|recording|saved"
            r"|stored|kept|logged)\b|\bare you (recording|saving|storing|keeping)\b"
            r"|\bwho (can|will|gets to|is going to) (see|hear|listen to|read|look at) (this|my "
            r"answers|the recording|the transcript|it)\b"
        ),
    ),
)


_MUTED = re.compile(
    r"\b(i was|i'd been|i had been|i've been|i think i was|i must have been|i'm|was i)"
    r" (on )?(mute|muted)\b|\bforgot to unmute\b|\bmy (mic|microphone) was (off|muted)\b"
)
MUTED_MAX_WORDS = 15
"""Said with more words than this, being muted is part of an answer."""
_ANYONE_THERE = re.compile(r"(?i)((hello|hi|hey)[?!.,]*\s*)*(hello|hi|hey)\s*\?+")
_BARE_ACK = re.compile(r"(okay|ok|alright|all right|great|sure|right|cool|perfect|yes|yeah|oh)")
_PLEASANTRY = re.compile(
    r"^((okay|ok|alright|great|sure|right|well|so|oh|perfect|cool|yes|yeah) )*"
    r"((hi|hello|hey|good (morning|afternoon|evening))( there| alex| again)? )*"
    r"((it's |it is |very |really |so )?(nice|great|good|lovely|a pleasure|pleased|glad) to (meet"
    r"|see|talk to|speak with|speak to) you( too| as well)?|likewise|same here|thank(s| you)"
    r"( so much| very much)? for (having me|the opportunity|your time|this opportunity"
    r"|taking the time|doing this|seeing me|meeting me)"
    r"|(hi|hello|hey|good (morning|afternoon|evening))( there| alex| again)?"
    r"|(thanks|thank you)( so much| very much| a lot)?)"
    r"( (too|as well|thanks|thank you))*$"
)
_THEIR_SIDE = re.compile(
    r"\b(you|your|round|company|careers|team size|teams|engineers|interviewers?)\b"
    r"|\b(use|work|working|do|job) here\b"
    # The candidate's own job to be: "the team I'd be joining", "people I'd work with".
    r"|\b(i'd|i would|i'll|i will|i'm going to) (be )?(joining|join|working|work|reporting"
    r"|report|doing)\b|\b(would|will) i (be )?(joining|working|reporting|work|report)\b"
)
"""Words that put a question on the employer's side, not the scenario's."""
_READY = re.compile(
    r"^((yes|yeah|yep|sure|okay|ok|alright|great|perfect|cool) )*((i'm|i am|we're|we are)"
    r" (ready|all set|good to go)( to (go|start|begin))?( when you are)?|let's (go|begin|start"
    r"|do (it|this))|ready when you are|(go|fire) ahead)( (thanks|thank you))?$"
)
_HOW_ARE_YOU = re.compile(
    r"\bhow are you( doing)?( today)?$|\bhow('s| is) (it going|your day( going)?)$"
    r"|\b(and|how about) you$"
)
PLEASANTRY_MAX_WORDS = 14
"""A greeting with more than this many words says something besides."""


def logistics_question(text: str) -> Logistics | None:
    """What a short turn asks about the interview itself, or None; a greeting or a thank-you
    on its own is a ``pleasantry``. A turn that says more than a few words besides its
    questions is an answer ("…and it took a week. Was that okay?")."""
    if not 0 < len(words(text)) <= MAX_WORDS:
        return None
    if _ANYONE_THERE.fullmatch(text.strip()):
        return "hearing"  # "Hello?": is anyone there, not a greeting
    if len(words(text)) <= MUTED_MAX_WORDS and _MUTED.search(" ".join(words(text))):
        return "muted"
    if len(words(text)) <= PLEASANTRY_MAX_WORDS:
        said = [" ".join(words(s)) for s in sentences(text) if words(s)]
        said = [s for s in said if not _BARE_ACK.fullmatch(s)]  # "Okay. Thanks for having me."
        kinds = (_PLEASANTRY, _HOW_ARE_YOU, _READY)
        if said and all(any(k.search(s) for k in kinds) for s in said):
            if any(_HOW_ARE_YOU.search(s) for s in said):
                return "how_are_you"
            return "ready" if any(_READY.search(s) for s in said) else "pleasantry"
    for question in only_questions(text):
        for topic, pattern in _TOPICS:
            if topic == "scope" and _THEIR_SIDE.search(question):
                continue  # "is it React or something else here?": the company's, not the case's
            if pattern.search(question):
                return topic
    return None


@dataclass(frozen=True, slots=True)
class Progress:
    """Where the interview stands, for an answer about its length."""

    position: int
    """0-based index of the main question being asked."""
    total: int | None
    """Main questions in all; None when a time budget decides."""
    minutes_left: float | None
    """Minutes of the time budget left; None without one (or before the clock starts)."""


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth", "eleventh", "twelfth")  # fmt: skip


_ANSWERS: dict[Logistics, str] = {
    "pleasantry": "Likewise, thank you.",
    "how_are_you": "I'm well, thank you.",
    "ready": "Great.",
    "answer_length": "Answer as fully as you need; a minute or two is usually right, and I'll ask "
    "if I want more.",
    "feedback": "You'll get feedback once we finish: a written report on each of your answers.",
    "who_are_you": "I'm an AI interviewer, not a person, here to give you a realistic practice "
    "interview.",
    "criteria": "Each answer is scored after the interview on five things: relevance to the "
    "question, structure, depth, clarity and delivery. Depth means what you did yourself, "
    "numbers and results. You'll get the full report at the end.",
    "notes": "Yes, notes are fine, and so is thinking out loud.",
    "questions_later": "This practice round has no time set aside for your questions, but "
    "you'll get a full report at the end.",
    "example_source": "Yes, an example from university, an internship or your own projects is "
    "fine.",
    "choice": "That's your call. Say what you're going with, and why, as you go.",
    "scope": "Good question. Make a reasonable assumption, say it out loud, and go on from there.",
    "hearing": "Yes, I can hear you.",
    "muted": "No problem, nothing came through while you were muted.",
    "on_track": "I'll keep my view for the report at the end. Go on the way you think best, "
    "and I'll ask if I need more.",
    "go_on": "Yes, please go on.",
    "clarifying": "Of course. Where I don't give you a number, make a reasonable assumption and "
    "say it.",
    "company": "This is a practice interview, so there's no real company behind it. Answer as "
    "you would for a role like this one.",
    "language": "This practice interview runs in English, so please answer in English.",
    "recording": "Only a text transcript of the interview is kept, so that your report can be "
    "written.",
}
"""The answers that do not depend on where the interview stands or who asks."""


_FORMATS = {
    "technical": "This one is a technical interview, so the questions are technical.",
    "system_design": "This one is a system design interview: you'll design systems out loud.",
    "case_study": "This one is a case interview: short scenarios to reason through.",
    "behavioral": "This one is behavioural: questions about things you've done.",
    "hr": "This one is about you: your motivation, your goals and how you work.",
    "mixed": "This one is mixed: technical questions, a design or case question, and questions "
    "about things you've done.",
}
"""What kind of questions the interview asks, per interview type; no live coding in any."""


def logistics_answer(
    topic: Logistics, progress: Progress, *, name: str = "", interview_type: str = ""
) -> str:
    """The interviewer's one- or two-sentence answer: only facts Mockline keeps to. ``name``:
    the interviewer's; ``interview_type``: the setup's."""
    if topic == "format":
        return _FORMATS.get(interview_type, "The questions follow the role you chose.")
    if topic == "name":
        return f"I'm {name}." if name else "I'm your interviewer for today."
    if topic == "length":
        return _length(progress)
    return _ANSWERS[topic]


def _length(progress: Progress) -> str:
    if progress.minutes_left is not None:
        minutes = max(1, round(progress.minutes_left))
        unit = "minute" if minutes == 1 else "minutes"
        return f"We have about {spoken_number(minutes)} {unit} left."
    if progress.total is None:
        return "We'll keep going for a few more questions."
    after = progress.total - progress.position - 1
    if after <= 0:
        return "This is the last question."
    if progress.position == 0:
        return f"There are {spoken_number(progress.total)} questions in all, and this is the first."
    where = (
        f"we're on the {_ORDINALS[progress.position]}"
        if progress.position < len(_ORDINALS)
        else "we're past the middle"
    )
    more = "one more question" if after == 1 else f"{spoken_number(after)} more questions"
    return f"There are {spoken_number(progress.total)} questions in all, {where}, so {more} after this."
