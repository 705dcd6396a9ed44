"""What a candidate's utterance asks of the interviewer, read from its wording alone.

Spoken commands (repeat, skip, end), requests to clarify the question and questions about
things outside the interview (instructions aimed at the interviewer: ``injection``). Text comes
from ASR, so matching is on lower-cased words without punctuation. Commands are only
recognised in short utterances: a long answer that happens to say "stop" or "next question"
is still an answer. ``agent.interviewer.analysis`` combines these cues with embeddings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from agent.understanding.lang import content_words, sentences, words

Intent = Literal["answer", "short", "repeat", "skip", "end"]
Command = Literal["repeat", "skip", "end"]
OutsideCue = Literal["strong", "soft"]
Pace = Literal["slower", "faster"]

# An answer with fewer words than this earns one gentle nudge for more detail.
SHORT_ANSWER_WORDS = 5
# Utterances longer than this are always answers, whatever words they contain.
COMMAND_MAX_WORDS = 12
VOICE_MAX_WORDS = 20
"""A request about the interviewer's voice may explain itself ("…I can't follow at this speed")."""
# Requests to clarify, and questions about other things, are short; a long answer that
# asks itself "what do you mean by scale?" on the way is still an answer.
CLARIFY_MAX_WORDS = 40
OUTSIDE_MAX_WORDS = 20

_END = re.compile(
    r"\b(end|stop|finish|quit|wrap up|conclude|terminate)\b(\s+\w+){0,3}?\s+(interview|call|session)\b"
    r"|\b(stop|end|finish|quit|wrap up|wrap it up)( it| this| things)?( right)? (here|now|for today)\b"
    r"|\b(want|like|need|have) to (stop|end|quit|leave|go)( now| here| this)?$"
    r"|^(please )?(stop|end|quit|goodbye|bye|bye bye|that's enough|that's all for today)"
    r"( please| now| it)?$"
)
_REPEAT = re.compile(
    # Lost their place: "where was I?", "I forgot what the question was".
    r"\b(lost|lose) (my|the) (train of thought|thread|place)\b|\bwhere was i\b"
    r"|\b(forgot|forget|forgotten) (what )?(the|your) question\b"
    r"|\bwhat (was|am) i (answering|saying|talking about)\b|\bi got lost\b"
    r"|\b(remind|tell) me (of |what )?(the|your) question\b"
    r"|\b(repeat|come again|pardon|what's the question"
    r"|what (was|is) (the|that) question|(say|ask|read) (it|that|the question) (again|one more time|once more|once again))\b"
    r"|\b(didn't|did not|couldn't) (catch|hear) (that|it|the question|you)$"
    r"|^(sorry|what|huh|excuse me)$"
)
# The interviewer's voice: too fast, too quiet, or lost on the line. Its speed cannot change,
# so the question is said again, and nothing is promised.
_HOW_MUCH = (
    r"((a )?(little|bit|lot) |very |too |so |really |quite |kind of |kinda |way |super |pretty )*"
)
"""How much too fast or slow: "a bit", "bit" (Indian English), "way too", "kind of"."""
_SPEED = r"(speed|pace|rate|speaking speed|talking speed|tempo)"
_SLOWER = re.compile(
    r"\b(can|could|would|will) you (please )?(maybe )?(slow down(?! (the|our|my|your|their|this|that"
    r"|it|them|those|these|each|every|all|an?(?! (bit|little)))\b)|slow (it|things) down"
    r"|speak (more |a bit |a little )?(slowly|slower)|talk (more |a bit |a little )?(slowly|slower)"
    r"|go (a bit |a little )?slower|say (that|it) (a bit |a little )?(slower|more slowly))\b"
    r"|\bwould you mind (speaking|talking|going) (a bit |a little )?(more )?(slowly|slower)\b"
    rf"|\b(you're|you are|you) (talking|speaking|going|talk|speak|go) {_HOW_MUCH}(fast|quickly)\b"
    r"|\b(a (bit|little) )?slower,? please\b|\bplease (slow down|(talk|speak|go) (a bit |a little "
    r"|little |bit )?(more )?(slowly|slower))\b|^(maybe )?slow down\b|\b(you're|you are) too fast\b"
    rf"|\b(reduce|decrease|lower|drop|bring down|ease up on|ease off on|slow) (the |your )?{_SPEED}\b"
)
_FASTER = re.compile(
    r"\b(can|could|would|will) you (please )?(maybe )?(speed up|speed (it|things) up|pick up the pace"
    r"|(speak|talk|go) (a bit |a little )?(faster|quicker|more quickly))\b"
    r"|\byou (can|could) (speak|talk|go) (a (bit|little) )?(faster|quicker|more quickly)\b"
    r"|\b(feel free to|please) (speak|talk|go) (a (bit|little) )?(faster|quicker)\b"
    r"|\bno need to (speak|talk|go) (so |that )?slowly\b"
    r"|\bwould you mind (speaking|talking|going) (a bit |a little )?(faster|quicker)\b"
    rf"|\b(you're|you are|you) (talking|speaking|going|talk|speak|go) {_HOW_MUCH}(slow|slowly)\b"
    r"|\b(a (bit|little) )?faster,? please\b"
    rf"|\b(increase|raise|bump up|pick up|up) (the |your )?{_SPEED}\b"
)
_LINE = re.compile(
    r"\b(can|could|would|will) you (please )?(maybe )?(speak up|speak louder|talk louder"
    r"|be louder|speak (more )?clearly|say (that|it) (a bit |a little )?louder)\b"
    r"|\b(you're|you are) (talking|speaking|going) (a (little|bit) |very |too |so |really )*(quiet"
    r"|quietly|softly)\b|\b(you're|you are) (very |a bit |a little |too |so "
    r"|really )*(quiet|hard to hear)\b|\blouder,? please\b"
    r"|\b(you're|you are|you were|it's|it is) (breaking up|cutting out|glitching|lagging|choppy"
    r"|frozen)\b|\b(your|the) (audio|voice|sound|connection|line|mic) (cut out|cuts out|froze"
    r"|dropped|broke up|is breaking|was breaking|glitched|is bad|was bad|is choppy|went)\b"
    r"|\b(missed|didn't get|didn't hear|couldn't hear|couldn't catch|did not hear) (what you said"
    r"|the last part|the end|the last bit|part of (that|it|the question)|what you asked)\b"
)
_SKIP = re.compile(
    r"\b(next question|another question|different question|skip (this|that|it|the question)"
    r"|rather not answer|prefer not to answer|i'll pass|pass on (this|that|guessing)"
    r"|sit (this|that)( one)? out|let me leave (this|that)|leave (this|that|it)( one)? out"
    r"|(move|go|jump) (ahead|on|forward) to the next( one| question)?)\b|^next one please\b"
    r"|\b(can we|could we|let's|let us) (just )?(leave|drop) (this|that|it)( one)?"
    r"( out)?( entirely| altogether| completely)? and (move|go) (on|ahead|forward)\b"
    r"|\b(can we|could we|let's|let us|i'd like to|i want to|i'd rather) (skip|move on|go to the next"
    r"|jump to (the next|whatever))\b"
    r"|^(skip|next|pass|move on)( please| it| one)?$"
)
# Asking to put the question off: the interviewer comes back to it at the end, time allowing.
_LATER = (
    r"( for)? (later( in the (interview|session|call))?|the end|at the end|at the very end"
    r"|towards the end|afterwards|for later|at the end of the (interview|session|call)"
    r"|for now|in a bit|after the others|after the other questions|after the rest"
    r"|once we're done|if there's time|if we have time)"
)
_CAN_WE = r"(can|could|may|shall) (we|i)"
_IS_IT_FINE = r"(would|will|is) it be (ok|okay|fine|alright|all right|possible)|is it (ok|okay|fine|alright|possible)"
_PLEASE_LET = (
    rf"({_CAN_WE}|let's|let us|i'd like to|i would like to|i'd rather|i'll|i will"
    rf"|({_IS_IT_FINE}) (if (i|we)|to)|(do you )?mind if (i|we))"
)
_BACK_TO = r"(come back|return|revisit|circle back|get back|go back)( to)?"
_DEFER = re.compile(
    rf"\b{_PLEASE_LET} (please )?(maybe )?(just )?({_BACK_TO}|skip|do|answer|leave|save|park|pass on"
    rf"|hold|take|keep) (this|that|it|the [\w-]+ (one|question))( one| question)?( up)?"
    rf"( a bit| a little)?{_LATER}\b"
    # Moving on now and coming back: "can I skip this and maybe come back to it?"
    rf"|\b{_PLEASE_LET} (please )?(just )?(skip|move on|pass|leave)( (on )?(this|that|it))?( one)?"
    rf"( for now)? and (then )?(maybe )?{_BACK_TO} (it|this|that)\b"
    # Asked, "later" may go unsaid: "can we come back to this one?"
    rf"|\b{_CAN_WE} (please )?(maybe )?{_BACK_TO} (this|that|it)( one| question)?"
    r"( (after|once) [\w' ]+)?$"
)
_STORY_OPENER = re.compile(
    r"^((so|well|okay|ok|sure|yeah|yes|um|uh|right|alright|hmm|oh) )*(there was (this |a |one )"
    r"(one |particular )?(time|situation|project|moment|case|period|week|sprint)|one time"
    r"|once (at|in|during|when|while|my|our|i|we)|i remember (when|a time|once|one time|this)"
    r"|(at|in|during) my (last|previous|first|old|current|summer|second|final) (job|internship"
    r"|company|role|workplace|team|project|year|placement|semester)"
    r"|(in|during) my (internship|job|placement|final year|studies|degree|thesis)"
    r"|back (when|in|at)|a (few|couple of|couple) (years|months|weeks) ago"
    r"|last (year|summer|semester|month|quarter|spring|autumn|fall|winter))\b"
)
_WORK_OR_STUDY = re.compile(
    r"\b(internship|intern|job|work|working|company|team|teammates?|project|class|course"
    r"|university|college|school|client|customers?|manager|colleagues?|pm|lead|boss|sprint"
    r"|requirements|deadline|release|office|startup|placement|thesis|lab|hackathon|code"
    r"|product|stakeholders?)\b"
)
OPENER_MAX_WORDS = 30
"""A turn longer than this has got past setting the scene."""
DEFER_MAX_WORDS = 20
"""A request to put the question off may give a reason ("…? I need to think about it.")."""
_CONFUSED = re.compile(
    r"\b(don't|do not|didn't|did not|can't|cannot) (really |quite |fully )?"
    r"(understand|get|follow) (the|your|this|that) question\b"
    r"|\b(don't|do not|didn't|did not) (really |quite )?(understand|get|follow)"
    r"( (what|which) (you mean|you're asking|you are asking|you want))?$"
    r"|\b(don't|do not|didn't) (understand|get|know) (what|which) (you mean|you're asking|you are asking"
    r"|you want|is being asked|exactly you)\b"
    r"|\bnot sure (what you mean|what you're asking|what you are asking|i understand|i follow"
    r"|i get (it|the question)|what the question is|which one you mean)\b"
    r"|\bwhat (do|did) you mean\b|\bwhat (does|do) (that|this|it|the word|the term|you) mean\b"
    r"|\bwhat (does|is) \w+( \w+)? mean\b|\bwhat is meant by\b|\bmeaning what\b|\bin what sense\b"
    r"|\b(could|can|would) you (please )?(clarify|rephrase|reword|explain (the|your|that|this) question"
    r"|explain what you mean|say (it|that) (differently|another way|more simply)|be more specific)\b"
    r"|^(please )?(clarify|rephrase)\b|\b(?<!let me )rephrase (the|your|that|it)\b"
    r"|\b(which|what) (one|part|kind|type|aspect) (do you mean|are you (asking|talking) about)\b"
    r"|\bdo you mean\b|\bare you asking (about|if|whether|me)\b|\bwhat (exactly )?are you asking\b"
    r"|\bwhat (exactly )?(do you want|are you looking for|should i talk about)\b"
    r"|\b(i'm|i am) (a bit |a little |so |kind of )?(confused|lost)\b|\byou lost me\b"
    r"|\b(can|could|should|may) i assume\b|\bdo you want me to (focus|talk|assume|cover)\b"
    r"|\b(give|get|have|offer) (me )?(a |some |any |a little |a small )?(hint|hints|clue|pointer"
    r"|pointers|nudge)\b|\bany (hints|clues|pointers)\b|\b(a |one )?hint (please|maybe)\b"
    r"|\b(is there|could i have|can i have|can i get|could i get) (a |any |some )?(hint|clue"
    r"|pointer|nudge)\b"
    r"|\b(nudge|point|steer|guide|push) me (in the right direction|somewhere|a bit|a little)\b"
    r"|\bin the right direction\b"
)
_ASKS_TO_SAY = re.compile(
    r"\b(can|could|would|will) you (please )?(\w+ )?(say|put|ask|explain|phrase|word|repeat"
    r"|give|break|simplify|rephrase|reword)\b"
    r"|\b(please )?(say|put|ask|explain|phrase|word) (it|that|the question|this)\b"
    r"|^(please )?give me\b"
)
# Asking for the question in other words: a rephrase, even when it says "again".
_SIMPLER = re.compile(
    r"\b(simpler|more simply|simply|in plain (english|words|terms)|in other words"
    r"|(a |in a |another |some other )?(different|other|another|easier) (way|words|wording"
    r"|phrasing|terms)|another way|differently|layman'?s terms|simplify|dumb (it|that) down"
    r"|break (it|that|this)( question| one)? down|with an example|give (me )?an example)\b"
)

_NERVOUS = re.compile(
    r"\b(i'm|im|i am|i feel|i'm feeling|feeling) (a bit |a little |so |really |pretty |quite |very "
    r"|super |kind of |kinda |a tad )?(nervous|anxious|stressed|jittery)\b"
)
_NOW = re.compile(
    r"\b(first (real |proper |ever )?(interview|time)|this (interview|call)|interviews|right now"
    r"|today|at the moment|sorry|hi|hello|nice to meet|bear with me)\b"
)
NERVOUS_MAX_WORDS = 25
"""Said with more words than this, nerves are part of an answer."""
# Stalling: the candidate is still looking for an answer (asks for time), or hedges.
_HEDGE = re.compile(
    r"\b(i )?(don't|dont|do not) (really )?know\b|\b(no|not a clue|no clue|absolutely no) idea\b"
    r"|\b(i'm|im|i am) not (really )?sure\b|^not sure\b"
)
_STALL = re.compile(
    r"\blet me (think|see|gather my thoughts|collect my thoughts|start)\b"
    r"|\b(give|gimme) me (a |one |just a )?(second|sec|moment|minute|bit)\b"
    r"|\b(one|a|just a) (second|sec|moment|minute)\b|\b(hold|hang) on\b"
    r"|\bi need (a|some|more) (moment|minute|second|time)\b"
    r"|\bnot sure (where|how) to (start|begin)\b|\bwhere (do|should|can) i (even )?(start|begin)\b"
    r"|\bhow (do|should|can) i (put|say|explain) (this|it)\b"
    r"|\b(that's|that is|it's) a (good|great|hard|tough|difficult|tricky|big) (one|question)\b"
    r"|^(good|great|tough|hard) question\b|\bi'm (just )?thinking\b"
    r"|\b(can't|cannot|don't|do not) (really )?(remember|recall)\b|\btip of my tongue\b"
    r"|\bmy mind (went|is|has gone) blank\b"
    r"|\bblanking\b"
    # Starting again: "let me start over", "scratch that", "I said that wrong".
    r"|\b(let me|can i|could i|may i|i'll|i want to|i'd like to) (start|try|begin|do)( my answer"
    r"| it| this| that)? (over|again|from the (start|beginning|top))\b"
    r"|\b(scratch|forget|ignore) (that|what i (just )?said)\b|\bi misspoke\b"
    r"|\blet me (rephrase|put (it|that) (another way|differently|better)|say (that|it)"
    r" (again|differently|better)|try (that|it|this) again|restart)\b"
    r"|\bi (think i |may have |might have )?(said|put|explained|phrased) (that|it) (wrong|badly"
    r"|poorly|the wrong way)\b"
    r"|^((oh|um|uh|hmm|mm) )?(okay|ok|alright|all right|sure|right|got it|mm-hmm|mhm|uh-huh"
    r"|cool|understood|i see|makes sense|fair enough|sure thing|sounds good)( (okay|ok|sure|so"
    r"|then|thanks|thank you|got it))*$"
)
# Saying there is no answer to give: not a pause to think in, but a reason to offer a way on.
_NOT_KNOWING = re.compile(
    r"\b(i )?(don't|dont|do not) (really |actually |honestly )?know\b(?! (how|where) to (start|begin))"
    r"|\b(no|not a clue|no clue|absolutely no|zero) idea\b|\bnot a clue\b|\bno clue\b"
    r"|\b(i've|i have|i) never (done|did|used|worked with|worked on|heard of|seen|tried|learned"
    r"|had to)\b|\b(i )?(haven't|have not|didn't|did not) (ever )?(done|do|use|used|work with"
    r"|worked with|learn|learned|study|studied|come across|heard of) (that|this|it|those|these"
    r"|anything like)\b"
    r"|\b(can't|cannot) (answer|help you with) (that|this)\b|\bnothing comes to mind\b"
    r"|\b(that's|that is|it's|it is) not (something|a thing|anything) i (know|know about"
    r"|have done|have used|'ve done|'ve used)\b"
    r"|\bi('m| am) (drawing |coming up )?(a )?blank\b|\bblank on (this|that|it)\b"
    r"|\bnot (something|anything) (i've|i have|i) (ever )?(dealt with|done|used|seen|worked"
    r" with|worked on|come across|touched)\b"
)
OTHERS_MAX_WORDS = 25
_OTHERS_DID = re.compile(
    r"\b((another|other|a separate|a different|the|our|my|a|an) ((\w+ )?(team|teams|dba|dbas|ops"
    r"|devops|sre|sres|seniors?|leads?|admins?|architects?|guys|people|folks|colleagues?|manager"
    r"|engineers?|department|vendor))|(someone|somebody) else|seniors|others)\b"
    r"( who| that| always| usually| mostly| just)* (handled|handles|owned|owns|took care of"
    r"|takes care of|did|does|managed|manages|dealt with|deals with|looked after|looks after"
    r"|was responsible for|were responsible for|fixed|fixes)\b"
)
"""Someone else did it: "our ops guys always took care of that", "seniors handled it"."""
# Saying the question's situation never happened to them ("I've never had a manager", "I'm
# still a student"): a story from elsewhere will do, or moving on.
_OBJECT = r"(( on| in| at| with| as| through)?( a| an| any| one)?( real| proper| actual| paid))?"
"""What may follow "I haven't worked" and says nothing more ("on a real", "in any proper")."""
_SO_FAR = re.compile(r"\b(yet|so far|until now|till now|up to now|in my life|ever|before)\b")
"""Words of time that add nothing to saying it never happened ("yet", "so far")."""
_NO_EXPERIENCE = re.compile(
    r"\b(i'm|im|i am) (still |just |only )?(a |an )?(student|fresher|fresh graduate|new grad"
    r"|recent graduate|graduate student|undergrad|undergraduate|in college|in school"
    r"|in university|at university|at college|still studying)\b"
    r"|\b(i )?(don't|dont|do not) (really |yet |actually )?have (a |an |any |much |real )?"
    r"(good |great |specific |concrete |relevant |clear |strong |single |particular )?"
    r"(current |previous |proper |professional |work |job |industry |real |full time )?"
    r"(job|position|manager|boss|team|experience|work experience|example|story|situation like"
    r" that)\b"
    r"|\bwe (never|didn't|did not) (really |actually |ever )?(have|had|do|did|use|used|work with"
    r"|worked with|touch|touched)\b"
    + _OBJECT
    + r"|\b(i've|i have|i) (never|not yet|not) (really |actually |ever )?(been in|been through|faced"
    r"|had|experienced|managed|led|worked in|worked at|worked anywhere|had a job)\b"
    + _OBJECT
    + r"|\b(i )?(haven't|have not|hasn't|has not) (really |actually |yet |ever )?(had|worked"
    r"|been in|been through|faced|managed|led|experienced|happened)\b"
    + _OBJECT
    + r"|\bnothing like (that|this)(( has| have| had| ever| really| yet)* (happened|come up)"
    r"( to me)?)?\b|\b(that|this|it|something like that) (has |hasn't |has not )?"
    r"(never |not |really )*happened( to me)?\b"
    r"|\b(i )?(can't|cannot|couldn't|could not) (really )?(think of|come up with|remember)"
    r" (a |an |any |one )?(\w+ )?(time|example|situation|occasion|instance|story|case)\b"
    r"|\b(this|it) (would be|will be|is going to be|is) my (very )?first (job|role|position)\b"
    r"|\bno (real |professional |industry |work |job )?(work )?experience\b"
)
_NOTHING_MORE = re.compile(
    r"\b(that's|that is|that was) (all|about all|it|everything|pretty much it|pretty much all)"
    r"( (i have|i've got|i got|i can think of|i know|i can say|from me|for me|for now))?$"
    r"|\b(that's|that is) (all|everything) (i have|i've got|i can think of|i know|i can say)\b"
    r"|\b(nothing|not much) (more|else) (to add|i can add|i can think of|comes to mind)\b"
    r"|\b(i )?(can't|cannot|don't) (think of|have) (anything|much) (else|more)\b"
    r"|\bi('m| am) (done|finished) with (this|that)( one| question)?\b"
    r"|^((ok|okay|so|yeah|yes|right|and) )?(i('m| am|'ve| have) )?(done|finished)"
    r"( now| here)?( thanks| thank you)?$"
)
NOTHING_MORE_MAX_WORDS = 25
"""A longer turn that ends "that's all I have" has said what it had: it is taken as it is."""
# Questions about the interviewer itself, or about the world: never part of an answer.
_OUTSIDE_STRONG = re.compile(
    r"\b(are|r) you (a |an |really a |actually a |really an |actually an )?(bot|robot|ai|human|real"
    r"|person|computer|machine|program|chatgpt|gpt|chatbot|artificial intelligence)\b"
    r"|\bis this (a bot|an ai|a robot|automated|a real person|a recording)\b"
    r"|\bam i (talking|speaking) (to|with) (a|an|the) \w+\b|\bwho (made|built|created|programmed) you\b"
    r"|\bwhat (model|llm|ai) are you\b|\bweather\b|\bis it (raining|sunny|snowing|cold|hot)\b"
    r"|\bdid you (see|watch|catch) the (game|match|final|news|show|movie)\b|\bwho won\b"
    r"|\b(football|soccer|basketball|baseball|cricket|world cup|super bowl|nba|nfl|olympics"
    r"|premier league|champions league)\b"
    r"|\b(help|assist) me (with|on|do|write|finish) (my|this|a) (homework|essay|assignment|exam"
    r"|thesis|test|resume|cv|cover letter)\b|\bmy homework\b"
    r"|\b(can|could|will|would) you (write|fix|debug|solve|do|finish) (my|me a|this for me)\b"
    r"|\b(can|could|will|would) you (please )?(write|code|solve|generate|draft|compose) [a-z ]{0,40}"
    r"\bfor me\b|\b(write|code|generate|draft|compose) me (a|an|some)\b"
    r"|\btell me a (joke|story|fun fact)\b|\bsing (me )?a song\b"
    r"|\bhomework\b|\b(can|could|will|would) you (please )?(solve|calculate|compute|integrate"
    r"|differentiate) (this|the|an|my|integral|equation|for)\b"
    r"|\bwhat (time|day|date) is it\b|\bwhat's the (time|date)\b|\bhow old are you\b"
    r"|\bwhere are you (from|located|based)\b|\bwhat('s| is) your (name|favou?rite \w+|age)\b"
    r"|\bdo you (like|love|enjoy|have|eat|sleep|dream|watch|play|listen)\b"
    r"|\brecommend (me )?(a|an|some|any) (restaurant|movie|film|book|show|song|place|hotel)\b"
    r"|\b(the news|election|president|politics|bitcoin|stock price|stock market)\b"
)
# Questions about the mock job or the process: outside unless the question is about them.
_OUTSIDE_SOFT = re.compile(
    r"\b(salary|salaries|pay range|compensation|benefits|bonus|equity|stock options|vacation days"
    r"|paid time off|pto|working hours|perks|relocation|visa sponsorship)\b"
    r"|\bhow much (does|will|would|do) (this|the|it|you) (\w+ )?pay\b"
    r"|\b(is|will) (this|the) (role|job|position) (be )?(remote|hybrid|in office|full time)\b"
    r"|\bwhen (will|do|would|can) i (hear back|start|get (an|the) offer|know)\b"
    r"|\b(did i|have i|am i going to) (pass|get the job|get hired|do well|fail)\b"
    r"|\bhow (am i|did i|have i been) doing\b|\bwhat (does|is) (your|this|the) company\b"
    r"|\btell me (more )?about (the|your|this) (company|team|office)\b"
)
_BESIDES_MAX_CONTENT = 4
"""Content words a turn of questions to the interviewer may say besides them."""
_OUTSIDE_CUES: tuple[tuple[re.Pattern[str], OutsideCue], ...] = (
    (_OUTSIDE_STRONG, "strong"),
    (_OUTSIDE_SOFT, "soft"),
)

_ASKING = re.compile(
    r"^((so|and|also|oh|hey|sorry|um|uh|er|hmm|okay|ok|well|just|sir|madam|ma'am|kindly|roughly"
    r"|approximately|btw|by the way|quick question|just curious|out of curiosity|one more thing"
    r"|before we continue|before (i|we) (start|begin|answer|go on)|before that|first|actually) )*"
    r"(i'd like to ask|i would like to ask|i want to ask|i wanted to ask|can i ask|may i ask"
    r"|i was wondering|i wonder|what|what's|who|who's|where|where's|when|why|how|which|are|is|am|do|does|did|can|could"
    r"|will|would|have|has|should|tell me|help me|recommend|sing|give me|write me|translate|draft"
    r"|compose)\b"
)


def command(text: str) -> Command | None:
    """The spoken command in a short utterance, or None (long utterances are never commands)."""
    if asks_to_defer(text):
        return "skip"
    tokens = words(text)
    if tokens and len(tokens) <= VOICE_MAX_WORDS and about_the_voice(text):
        return "repeat"  # "hold on, you're talking very fast, could you ease up on the pace"
    if not tokens or len(tokens) > COMMAND_MAX_WORDS:
        return None
    normalized = " ".join(tokens)
    if _END.search(normalized):
        return "end"
    if _REPEAT.search(normalized) and not _SIMPLER.search(normalized):
        return "repeat"
    if _SKIP.search(normalized):
        return "skip"
    return None


def is_nervous_now(text: str) -> bool:
    """The candidate says they are nervous about this interview ("I'm a bit nervous, it's my
    first interview"), not about a situation in an answer ("I feel stressed when…")."""
    said = " ".join(words(text))
    return _NERVOUS.search(said) is not None and _NOW.search(said) is not None


def about_the_voice(text: str) -> bool:
    """Whether the candidate asks the interviewer to speak slower, faster or louder, or lost
    the line."""
    said = " ".join(words(text))
    return any(p.search(said) for p in (_SLOWER, _FASTER, _LINE))


def pace_asked(text: str) -> Pace | None:
    """Whether the candidate asks the interviewer to speak more slowly or faster."""
    said = " ".join(words(text))
    if _SLOWER.search(said):
        return "slower"
    return "faster" if _FASTER.search(said) else None


def opens_a_story(text: str) -> bool:
    """Whether a short turn sets the scene of a story from work or studies ("So there was this
    one time in my internship where…") and stops before it gets to what happened."""
    tokens = words(text)
    if not 0 < len(tokens) <= OPENER_MAX_WORDS:
        return False
    said = " ".join(tokens)
    return _STORY_OPENER.search(said) is not None and _WORK_OR_STUDY.search(said) is not None


def asks_to_defer(text: str) -> bool:
    """Whether a request to skip asks to come back to the question later ("can we come back to
    this one?", "let's skip it for now"), rather than to drop it."""
    if not 0 < len(words(text)) <= DEFER_MAX_WORDS:
        return False
    return any(_DEFER.search(" ".join(words(s))) for s in sentences(text))


def classify(text: str) -> Intent:
    """Classifies one candidate utterance (already known not to be the interview opener).

    A request to rephrase or a candidate who did not understand the question counts as
    ``repeat`` here; ``analysis.assess`` tells those apart as ``confused``.
    """
    tokens = words(text)
    found = command(text)
    if found is not None:
        return found
    if len(tokens) <= COMMAND_MAX_WORDS and is_confused(text):
        return "repeat"
    return "short" if len(tokens) < SHORT_ANSWER_WORDS else "answer"


def is_confused(text: str) -> bool:
    """The candidate asks what the question means, or how to read it."""
    tokens = words(text)
    if not 0 < len(tokens) <= CLARIFY_MAX_WORDS:
        return False
    normalized = " ".join(tokens)
    if _CONFUSED.search(normalized):
        return True
    return bool(_SIMPLER.search(normalized)) and (
        bool(_REPEAT.search(normalized)) or _ASKS_TO_SAY.search(normalized) is not None
    )


def stalls(text: str) -> bool:
    """The candidate is playing for time or says they do not know ("let me think", "um, I'm
    not sure"); whether anything else was said is for the caller to weigh."""
    return bool(stall_words(text))


def admits_not_knowing(text: str) -> bool:
    """The candidate says they do not know the answer or never did such a thing ("no idea",
    "I've never used it"), rather than asking for time to think."""
    return _NOT_KNOWING.search(" ".join(words(text))) is not None


def left_to_others(text: str) -> bool:
    """A short turn that says someone else always did it ("we had a DBA who handled that", "another
    team owned the database"): the reason they don't know, not an answer."""
    tokens = words(text)
    return 0 < len(tokens) <= OTHERS_MAX_WORDS and _OTHERS_DID.search(" ".join(tokens)) is not None


def lacks_experience(text: str) -> bool:
    """The candidate says the question's situation never happened to them, or that they have
    no job or work behind them yet ("I've never had a manager", "I'm still a student")."""
    return _NO_EXPERIENCE.search(" ".join(words(text))) is not None


def asks_for_time(text: str) -> bool:
    """The candidate is still looking for an answer ("let me think", "give me a second"), or
    says they are nervous, as against only hedging one ("I'm not sure, maybe more servers")."""
    normalized = " ".join(words(text))
    return _STALL.search(normalized) is not None or _NERVOUS.search(normalized) is not None


def is_nervous(text: str) -> bool:
    """The candidate says they are nervous ("honestly I'm pretty nervous")."""
    return _NERVOUS.search(" ".join(words(text))) is not None


def says_nothing_more(text: str) -> bool:
    """A short turn that ends the candidate's part on this question ("I'd look at the data
    first. That's all I have.")."""
    tokens = words(text)
    return 0 < len(tokens) <= NOTHING_MORE_MAX_WORDS and bool(
        _NOTHING_MORE.search(" ".join(tokens))
    )


def stall_words(text: str) -> frozenset[str]:
    """The words of the utterance's stalling phrases ("let", "me", "think"), saying that it
    does not know included ("never", "used")."""
    normalized = " ".join(words(text))
    patterns = [_STALL, _NERVOUS, _HEDGE, _NOT_KNOWING, _NO_EXPERIENCE]
    if _NO_EXPERIENCE.search(normalized):
        patterns.append(_SO_FAR)
    return frozenset(
        w for pattern in patterns for m in pattern.finditer(normalized) for w in m.group().split()
    )


def asks(text: str) -> bool:
    """Whether the utterance asks something: a question mark, or a sentence that opens like a
    question or a request ("what's", "are you", "can you", "tell me")."""
    if "?" in text:
        return True
    return any(_ASKING.match(" ".join(words(s))) for s in sentences(text))


def outside_cue(text: str, question: str = "") -> OutsideCue | None:
    """``strong`` for questions about the interviewer or the world (are you a bot, the weather),
    ``soft`` for questions about the mock job or the process (salary, did I pass); None else.
    A cue made only of words the question itself used ("a weather page") does not count."""
    tokens = words(text)
    if not tokens or len(tokens) > OUTSIDE_MAX_WORDS or not asks(text):
        return None
    normalized = " ".join(tokens)
    asked = set(words(question))
    for pattern, cue in _OUTSIDE_CUES:
        for found in pattern.finditer(normalized):
            if not set(found.group().split()) <= asked:
                return cue
    return None


# A remark about the interviewer, the company or its team, and praise in the same sentence:
# "you seem like a manager people would trust", "your onboarding must be great".
_ABOUT_YOU = re.compile(
    r"\byou(?:'re| are|'ve| have)? (?:seem|must|clearly|obviously|sound|look|give off|really|"
    r"definitely|probably|certainly|very|so)\b|\bi can (?:tell|see) (?:that )?(?:you|your)\b"
    r"|\b(?:sounds|looks|seems) like you\b"
    r"|\b(?:i (?:really )?admire|i love|i like|i bet|i guess) (?:how )?(?:you|your)\b"
    r"|\bspoke (?:so )?highly of you\b|\byour (?:company|team|onboarding|blog|slides|questions?|"
    r"intro|office|culture|product|interns?|eye|style|explanation)\b",
    re.IGNORECASE,
)
_PRAISE = re.compile(
    r"\b(?:great|nice|lovely|amazing|impressive|good|kind|thorough|precise|fair|ahead|well|"
    r"thoughtful|supportive|trust|brilliant|smart|clever|excellent|awesome|wonderful|admire|"
    r"love|jealous|highly|care|vibes|sharp)\b",
    re.IGNORECASE,
)
PRAISE_MAX_WORDS = 40
# Questions where what the candidate likes about the employer is the answer.
ABOUT_THE_EMPLOYER = re.compile(
    r"\bthis (?:role|job|position|team|company|internship)\b|\b(?:us|here|our)\b"
    r"|\bin a manager\b|\bhire you\b",
    re.IGNORECASE,
)


def praises_the_interviewer(text: str, question: str = "") -> bool:
    """A short turn that is mostly praise of the interviewer or their company ("you must be
    a really thorough reviewer, I can tell from your questions"), not an answer: at least
    half its words are in sentences that speak of them and praise. Not where ``question``
    asks about the employer ("why are you interested in this role?"): there it answers."""
    tokens = words(text)
    if not tokens or len(tokens) > PRAISE_MAX_WORDS or ABOUT_THE_EMPLOYER.search(question):
        return False
    praise = [s for s in sentences(text) if _ABOUT_YOU.search(s) and _PRAISE.search(s)]
    return 2 * sum(len(words(s)) for s in praise) >= len(tokens)


def only_questions(text: str) -> list[str]:
    """The questions of a turn that says little else (normalised), or [] when it is not
    such a turn: its other sentences may hold at most `_BESIDES_MAX_CONTENT` content words
    besides lead-ins ("Sure, I'm ready. How long will this take?"). Without any "?" (a
    transcript unpunctuated) a sentence asks by its opening."""
    marked = "?" in text
    questions: list[str] = []
    said: list[str] = []
    for sentence in sentences(text):
        found = " ".join(words(sentence))
        if sentence.rstrip().endswith("?") if marked else _ASKING.match(found):
            questions.append(found)
        else:
            said += [w for w in found.split() if w not in _LEAD_IN_WORDS]
    if len(content_words(said)) > _BESIDES_MAX_CONTENT:
        return []
    return questions


_LEAD_IN_WORDS = frozenset(
    [
        "sorry",
        "so",
        "and",
        "also",
        "oh",
        "hey",
        "um",
        "uh",
        "btw",
        "by",
        "the",
        "way",
        "quick",
        "question",
        "just",
        "curious",
        "out",
        "of",
        "curiosity",
        "one",
        "more",
        "thing",
        "before",
        "we",
        "continue",
        "actually",
        "okay",
        "ok",
        "right",
        "sure",
        "thanks",
        "thank",
        "you",
    ]
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists in ``data/answer_cues.json``, lower case (stopwords, generic words and
    fillers are the language toolkit's, `agent.understanding.lang`)."""

    hook_heads: frozenset[str]
    units: frozenset[str]
    impact_nouns: frozenset[str]
    spelled_numbers: frozenset[str]
    context_anchors: tuple[str, ...]
    point_cues: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]
    """(matches a reference point, matches an answer that addresses it)"""


@cache
def lexicon() -> Lexicon:
    raw = resources.files("agent.interviewer").joinpath("data/answer_cues.json").read_text("utf-8")
    data = json.loads(raw)

    def split(key: str) -> frozenset[str]:
        return frozenset(str(data[key]).split())

    return Lexicon(
        hook_heads=split("hook_heads"),
        units=split("number_units"),
        impact_nouns=split("impact_nouns"),
        spelled_numbers=split("spelled_numbers"),
        context_anchors=tuple(str(a) for a in data["context_anchors"]),
        point_cues=tuple(
            (re.compile(rf"\b(?:{c['point']})"), re.compile(rf"\b(?:{c['answer']})\b"))
            for c in data["point_cues"]
        ),
    )
