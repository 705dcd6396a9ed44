"""The story themes a behavioural question can ask about, and the words of stories about them.

Each theme has three lists of patterns, read case-blind (`agent.understanding.story_themes`
says how they are used):
- ``asks``: the wording of a question that asks for a story about it ("received difficult
  feedback");
- ``touches``: words a story about it uses somewhere, in any phrasing, kept broad: a story told
  in the candidate's own words ("my lead said my slides were unreadable") must still touch it;
- ``opens``: the narrow signature of the event itself ("I organized a hackathon"), which a story
  about it opens with. Empty for a theme any story may touch in passing (a team project).

Written for the bank's behavioural questions and checked against the stories of
``tests/data/relevance/calibration3``; a new question's wording may ask for any of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Theme:
    asks: tuple[str, ...]
    touches: tuple[str, ...]
    opens: tuple[str, ...] = ()


# fmt: off
THEMES: dict[str, Theme] = {
    "learning": Theme(
        asks=(
            r"\blearn something new\b", r"\btaught yourself\b", r"\bskill\b",
            r"\bget up to speed\b",
        ),
        touches=(
            r"\blearn", r"\btaught (?:my|him|her|them)self\b", r"\bself[- ]taught\b",
            r"\bpick(?:ed|ing)? (?:it |them )?up\b", r"\bcourses?\b", r"\btutorials?\b",
            r"\bdocs\b", r"\bdocumentation\b", r"\bstud(?:y|ied)", r"\bpractis", r"\bpractic",
            r"\bnever (?:used|touched|worked with|done|seen)\b", r"\bnew to\b", r"\bramp",
            r"\bvideos?\b", r"\bbook\b", r"\bbootcamp\b", r"\bcertific", r"\bfrom scratch\b",
            r"\bfirst time\b", r"\bin the evenings\b", r"\bon weekends\b", r"\bworked through\b",
            r"\bkept at it\b", r"\bgot (?:better|good)\b",
        ),
        opens=(
            r"\bhad to learn\b",
            r"\blearn(?:ed|t)? (?:to (?:use|code|program|write|speak|build|draw|design)|how to)\b",
            r"\b(?:learned|learnt|learning|studied|picked up) (?:a bit of |some |"
            r"basic )?(?:\w+ )?(?:language|framework|rust|go|python|java|javascript|typescript|"
            r"kotlin|swift|sql|excel|figma|spanish|french|german|japanese|chinese|mandarin|korean|"
            r"hindi|arabic|guitar|piano)\b",
            r"\btaught (?:my|him|her|them)self\b", r"\bself[- ]taught\b", r"\bonline course\b",
            r"\bbootcamp\b",
        ),
    ),
    "mistake": Theme(
        asks=(
            r"\bmistake\b", r"\bturned out to be wrong\b", r"\blater (?:had to reverse|realized)\b",
        ),
        touches=(
            r"\bmistakes?\b", r"\berrors?\b", r"\bwrong\b", r"\bmess(?:ed)? up\b", r"\bscrew",
            r"\bbroke\b", r"\bbroken\b", r"\bmy fault\b", r"\bblame", r"\bfail", r"\boops\b",
            r"\bforgot\b", r"\bmissed\b", r"\boverlooked\b", r"\bbad\b", r"\brevers",
            r"\broll(?:ed)? (?:it )?back\b", r"\bundo\b", r"\bshould have\b",
            r"\bshouldn'?t have\b", r"\blesson\b", r"\bregret", r"\bbetter\b", r"\bapologi",
            r"\binstead of (?:staging|test)", r"\brestor", r"\bbackups?\b",
            r"\b(?:under|over)estimat", r"\bdry run\b",
            r"\btook (?:longer|twice|three times|two|months)\b",
        ),
        opens=(
            r"\bmistakes?\b", r"\bmess(?:ed)? up\b", r"\bscrewed up\b", r"\bmy fault\b",
            r"\baccidentally\b", r"\bby accident\b",
        ),
    ),
    "disagreement": Theme(
        asks=(
            r"\bdisagree", r"\bconflict\b", r"\bpush back\b", r"\bsay no\b", r"\bdid not trust\b",
            r"\bdifferent from yours\b",
        ),
        touches=(
            r"\bdisagree", r"\bconflict", r"\bclash", r"\bargu", r"\bpush(?:ed|ing)? back\b",
            r"\bpushback\b", r"\bdebat", r"\btension", r"\bfriction", r"\bobject",
            r"\bdidn'?t (?:agree|like|want|trust|believe|buy)",
            r"\bdid not (?:agree|like|want|trust|believe)",
            r"\bdifferent (?:views?|opinions?|ideas?|approach|style|way)", r"\bsame page\b",
            r"\beye to eye\b", r"\bfight", r"\bupset", r"\bfrustrat", r"\bannoy", r"\bcompromis",
            r"\bsaid no\b", r"\brefus", r"\bdeclin", r"\bwanted\b", r"\binstead\b", r"\bhowever\b",
            r"\bbut\b", r"\bwhile i (?:thought|felt|wanted|believed)\b", r"\beach other\b",
            r"\bboth sides\b", r"\btheir side\b", r"\bstopped (?:speaking|talking)\b",
            r"\b(?:wasn'?t|not) comfortable\b",
        ),
        opens=(
            r"\bdisagree", r"\bconflict", r"\bclash", r"\bargu(?:ed|ing|ment)",
            r"\bpush(?:ed)? back\b", r"\bdidn'?t agree\b", r"\bdebated?\b",
        ),
    ),
    "feedback": Theme(
        asks=(
            r"\bfeedback\b", r"\bcode review\b",
        ),
        touches=(
            r"\bfeedback\b", r"\bcritic", r"\bcritique", r"\breview", r"\bpointed out\b",
            r"\btold me\b", r"\bsaid (?:my|that my|i)\b", r"\bcomments?\b",
            r"\bcalled (?:me )?out\b", r"\bnotes?\b", r"\bharsh", r"\bblunt", r"\bappraisal",
            r"\bpull requests?\b", r"\bprs?\b", r"\bsuggest", r"\bmentor\b", r"\blead\b",
            r"\bmanager\b", r"\bsenior\b",
        ),
        opens=(
            r"\bfeedback\b", r"\bcritici", r"\bpointed out\b", r"\btold me (?:that )?(?:my|i)\b",
        ),
    ),
    "deadlines": Theme(
        asks=(
            r"\bdeadlines?\b", r"\bwhat to do first\b",
        ),
        touches=(
            r"\bdeadlines?\b", r"\bdue\b", r"\bprioriti", r"\bpriorit", r"\burgent",
            r"\bsame (?:week|day|time)\b", r"\bjuggl", r"\bat once\b", r"\btight\b", r"\bcrunch",
            r"\brush", r"\blate\b", r"\bship", r"\bdeliver", r"\bfirst (?:because|since|as)\b",
            r"\b(?:did|do|handled|tackled|picked|took|finished|"
            r"started(?: with)?) (?:\w+ ){0,5}first\b",
            r"\bscope\b", r"\bsprint", r"\brelease", r"\bdue dates?\b", r"\bexams?\b",
            r"\bassignments?\b", r"\bclash",
        ),
        opens=(
            r"\bdeadlines\b", r"\bprioriti",
        ),
    ),
    "explaining": Theme(
        asks=(
            r"\bexplain something\b", r"\bwithout your background\b",
        ),
        touches=(
            r"\bexplain", r"\bsimplif", r"\banalog", r"\bnon[- ]?technical\b", r"\bbackground\b",
            r"\blaym", r"\bjargon", r"\bdiagram", r"\bdrew\b", r"\bdraw",
            r"\bwalk(?:ed)? (?:\w+ )?through\b", r"\bunderst", r"\bcompar", r"\blike a\b",
            r"\bexample", r"\bpicture", r"\bmetaphor", r"\bteach", r"\btaught", r"\bshow",
        ),
        opens=(
            r"\bexplain(?:ed|ing)? (?:\w+ ){0,4}to (?:a|an|the|my|our|him|her|them|non)\b",
            r"\banalogy\b", r"\bnon[- ]?technical\b",
        ),
    ),
    "beyond": Theme(
        asks=(
            r"\bbeyond what was asked\b",
        ),
        touches=(
            r"\bextra\b", r"\bbeyond\b", r"\bnobody asked\b", r"\bno one asked\b",
            r"\bown initiative\b", r"\b(?:wasn'?t|not) (?:really )?(?:asked|required|my job|part)",
            r"\bvolunteer", r"\bown time\b", r"\bweekends?\b", r"\bevenings?\b", r"\bon my own\b",
            r"\balso\b", r"\bmore than\b", r"\bwent ahead\b", r"\bdecided to\b", r"\bexpected\b",
        ),
        opens=(
            r"\bnobody asked\b", r"\bno one asked\b", r"\bown initiative\b", r"\bvolunteered\b",
            r"\bwent beyond\b", r"\bextra mile\b",
        ),
    ),
    "stuck": Theme(
        asks=(
            r"\bstuck\b", r"\bhard problem\b",
        ),
        touches=(
            r"\bstuck\b", r"\bhard\b", r"\bcouldn'?t (?:figure|find|get|work|see|solve)",
            r"\bdebug", r"\bbugs?\b", r"\btried\b", r"\btrying\b", r"\broot cause\b",
            r"\bbreakthrough", r"\bfinally\b", r"\bclicked\b", r"\bsolv", r"\bfigur",
            r"\brubber duck", r"\bstep(?:ped)? (?:away|back)\b", r"\bfresh eyes\b", r"\bhelp\b",
            r"\bissues?\b", r"\bproblems?\b", r"\bnothing worked\b",
            r"\bbroke (?:it|the problem) down\b",
        ),
        opens=(
            r"\bstuck\b", r"\bcouldn'?t figure\b", r"\bhardest bug\b", r"\bdebugg",
        ),
    ),
    "working_style": Theme(
        asks=(
            r"\bworking style\b",
        ),
        touches=(
            r"\bstyle\b", r"\bdifferen", r"\bprefer", r"\bdetail", r"\bbig picture\b", r"\bpace\b",
            r"\bapproach", r"\bway (?:of|they|he|she|we|i)\b", r"\bhabit", r"\bmeetings?\b",
            r"\bchat\b", r"\bcall\b", r"\bwritten\b", r"\basync", r"\bmornings?\b", r"\bnights?\b",
            r"\bplanner\b", r"\bplan\b", r"\bfast\b", r"\bslow\b", r"\bcareful", r"\bquiet",
        ),
        opens=(
            r"\bworking style\b",
        ),
    ),
    "team_project": Theme(
        asks=(
            r"\bteam project\b", r"\bproject you'?re proud of\b", r"\bhow did you contribute\b",
        ),
        touches=(
            r"\bteam\b", r"\bgroup\b", r"\bproject\b", r"\bmy (?:part|role|job)\b",
            r"\bi (?:built|wrote|did|made|designed|handled|owned|led|worked|took|ran)\b",
            r"\bwith (?:two|three|four|five|\d+|other|my) (?:\w+ )?(?:interns|students|classmates|"
            r"friends|people|engineers|others)\b",
            r"\bcontribut", r"\bresponsible\b", r"\bproud\b", r"\bwe\b",
        ),
    ),
    "asking_help": Theme(
        asks=(
            r"\basked for help\b",
        ),
        touches=(
            r"\bhelp",
            r"\basked (?:for|if|whether|him|her|them|my|our|a (?:senior|colleague|friend|"
            r"teammate))\b",
            r"\breach(?:ed)? out\b", r"\bstuck\b", r"\bpinged\b", r"\bescalat",
        ),
        opens=(
            r"\basked (?:\w+ ){0,3}for help\b", r"\breached out\b",
        ),
    ),
    "mentoring": Theme(
        asks=(
            r"\bmentor", r"\bless experienced\b", r"\bhelp (?:people|others)\b",
            r"\bpeople around you\b",
        ),
        touches=(
            r"\bmentor", r"\bjunior", r"\bintern\b", r"\binterns\b", r"\bnew (?:hire|joiner|grad)",
            r"\bnewcomer", r"\bteach", r"\btaught\b", r"\bcoach", r"\bpair", r"\bonboard",
            r"\bgrow", r"\bhelped (?:him|her|them)\b", r"\bguid", r"\bexplain", r"\bconfidence\b",
            r"\bnew (?:colleague|teammate|team member|engineer|analyst)",
        ),
        opens=(
            r"\bmentor(?:ed|ing)? (?:a|an|the|our|two|three|new)\b", r"\bcoached\b",
            r"\bonboarded (?:a|an|the|our|new)\b",
            r"\b(?:helped|paired with|took on) (?:a|an|our|the|two) (?:new )?(?:junior|intern)s?\b",
        ),
    ),
    "decision": Theme(
        asks=(
            r"\bdecision\b", r"\bincomplete information\b", r"\bdecide\b",
        ),
        touches=(
            r"\bdecid", r"\bdecision", r"\bchose\b", r"\bchoose\b", r"\bchoice", r"\bpicked\b",
            r"\bwent with\b", r"\bopted\b", r"\bincomplete\b", r"\buncertain", r"\bunknown",
            r"\bguess", r"\bassum", r"\brisk", r"\bbet\b", r"\bdidn'?t know",
            r"\bwithout (?:knowing|all|full|enough)\b", r"\bdata\b", r"\bnumbers\b",
            r"\banalys(?:is|ed|ing)\b", r"\bcall\b", r"\bconvinc", r"\bpersuad", r"\bmind\b",
            r"\bplan\b", r"\bdirection\b",
        ),
        opens=(
            r"\b(?:had to|needed to) (?:decide|choose|pick|make a (?:call|decision))\b",
            r"\bthe decision (?:was|to)\b", r"\bmade (?:a|the) (?:decision|call)\b",
        ),
    ),
    "influence": Theme(
        asks=(
            r"\binfluenced?\b", r"\bwithout having authority\b", r"\bconvinced?\b",
            r"\bget people on board\b", r"\balign\b",
        ),
        touches=(
            r"\bconvinc", r"\bpersuad", r"\binfluenc", r"\bbuy[- ]in\b", r"\badopt",
            r"\bauthority\b", r"\bdidn'?t report", r"\bother teams?\b", r"\bpitch", r"\bpropos",
            r"\bagree", r"\bon board\b", r"\bdemo", r"\bshowed\b", r"\bproof\b", r"\bprototyp",
            r"\bmeeting", r"\bdoc\b", r"\bwrote\b", r"\bpresent", r"\bargu", r"\bsupport",
            r"\bstakeholders?\b", r"\bno say\b", r"\b(?:don'?t|didn'?t) manage\b",
            r"\bno (?:authority|power)\b", r"\bwasn'?t my (?:call|decision)\b",
        ),
        opens=(
            r"\bconvinced (?:the|my|our|them|him|her|everyone|people|leadership|management)\b",
            r"\bpersuad", r"\binfluenc", r"\bbuy[- ]in\b", r"\bto adopt\b",
        ),
    ),
    "failure": Theme(
        asks=(
            r"\bfailed\b", r"\bcancell?ed\b", r"\bdid not go as planned\b", r"\bnot what you\b",
        ),
        touches=(
            r"\bfail", r"\bcancel", r"\bscrapp", r"\bshut (?:it )?down\b", r"\bkilled\b",
            r"\bdidn'?t (?:work|go|land|pan out|take off|happen)", r"\bdid not (?:work|go)",
            r"\bflop", r"\blesson", r"\bwrong\b", r"\bmistake", r"\bdisappoint", r"\bmissed\b",
            r"\bproblem", r"\bwent badly\b", r"\bbad\b", r"\bworse\b", r"\bdropped\b",
            r"\bstopp(?:ed|ing) (?:it|the|our)\b", r"\bno (?:users|traction|one used|customers)\b",
            r"\bnobody used\b", r"\bdidn'?t get (?:users|traction|customers|funding)\b",
            r"\bshelved\b", r"\bpulled the plug\b",
            r"\bno (?:significant |real )?(?:difference|effect|lift|impact)\b",
            r"\bdidn'?t (?:move|help|improve)\b",
        ),
        opens=(
            r"\b(?:project|startup|product|app|launch|feature|idea|initiative|company|"
            r"business) (?:\w+ ){0,2}(?:failed|flopped|was (?:cancell?ed|scrapped|shut down|"
            r"killed))\b",
            r"\b(?:it|we) (?:shut down|failed|flopped)\b",
            r"\b(?:cancell?ed|scrapped|shut down|killed) (?:it|the|our|my)\b",
            r"\b(?:got|was) cancell?ed\b",
        ),
    ),
    "change": Theme(
        asks=(
            r"\bbig change\b", r"\breorgani", r"\bnew way of working\b", r"\bchange your plan\b",
            r"\bhalfway\b", r"\bimproved how your team works\b", r"\bchanged your mind\b",
        ),
        touches=(
            r"\bchang", r"\breorg", r"\bmigrat",
            r"\bnew (?:process|way|tool|plan|approach|structure|manager|team)", r"\btransition",
            r"\broll(?:ed)? ?out", r"\brestructur", r"\bmerg", r"\badopt", r"\bswitch", r"\bpivot",
            r"\bmoved?\b", r"\bre-?plan", r"\bhalfway\b", r"\bmidway\b", r"\binstead\b",
            r"\bimprov", r"\bintroduc", r"\bstarted\b", r"\bprocess", r"\bretro",
            r"\bstand-?ups?\b", r"\bplanning\b", r"\bon[- ]call\b",
        ),
        opens=(
            r"\breorg", r"\bmigrat(?:ed|ion|ing)\b", r"\brestructur", r"\bmerged (?:\w+ )?teams\b",
            r"\bpivot",
        ),
    ),
    "underperformer": Theme(
        asks=(
            r"\bunderperform",
        ),
        touches=(
            r"\bunderperform", r"\bstruggl", r"\bperform", r"\bbehind\b", r"\bslipp", r"\bmissed\b",
            r"\bmissing\b", r"\blate\b", r"\bone[- ]on[- ]ones?\b", r"\b1:1",
            r"\bimprovement plan\b", r"\bpip\b", r"\bquality of (?:his|her|their)",
            r"\bexpectations?\b", r"\bpersonal\b", r"\bcheck[- ]?ins?\b",
            r"\b(?:he|she|they) (?:was|were|kept)\b",
        ),
        opens=(
            r"\bunderperform",
            r"\bstruggling (?:teammate|engineer|developer|colleague|team member)\b",
        ),
    ),
    "direction": Theme(
        asks=(
            r"\bset the technical or strategic direction\b", r"\bleadership style\b",
        ),
        touches=(
            r"\bdirection", r"\bstrateg", r"\bvision", r"\broadmap", r"\bplan\b", r"\bpropos",
            r"\brfcs?\b", r"\barchitect", r"\bbets?\b", r"\bnorth star\b", r"\bon board\b",
            r"\bbuy[- ]in\b", r"\bgoals?\b", r"\bpriorit", r"\bdoc\b", r"\bdecid", r"\bled\b",
            r"\blead\b", r"\bteam\b",
        ),
        opens=(
            r"\broadmap\b", r"\bstrategy\b", r"\bvision\b", r"\bdirection\b",
        ),
    ),
    "quality_vs_time": Theme(
        asks=(
            r"\bquality against\b", r"\btight deadline\b",
        ),
        touches=(
            r"\bquality\b", r"\bdeadlines?\b", r"\btech(?:nical)? debt\b", r"\bshortcut",
            r"\bcorners?\b", r"\btests?\b", r"\btesting\b", r"\bship", r"\btrade[- ]?offs?\b",
            r"\bmvp\b", r"\bscope\b", r"\bpolish", r"\btime\b", r"\bdate\b", r"\blaunch",
            r"\brelease", r"\bfix(?:ed)? later\b", r"\bhack", r"\bquick\b", r"\bweek", r"\bdays?\b",
            r"\brush",
        ),
        opens=(
            r"\btech(?:nical)? debt\b", r"\bcut(?:ting)? corners\b", r"\bshortcuts?\b",
        ),
    ),
    "outage": Theme(
        asks=(
            r"\bbug\b", r"\boutage\b", r"\bin production\b",
        ),
        touches=(
            r"\bbugs?\b", r"\boutages?\b", r"\bincidents?\b", r"\bproduction\b", r"\bprod\b",
            r"\bcrash", r"\berrors?", r"\b(?:went|was|were|is|are|go|going|came|goes) down\b",
            r"\bdowntime\b", r"\balerts?\b", r"\bpage[ds]?\b", r"\bpager", r"\bon[- ]call\b",
            r"\broll(?:ed)? ?back", r"\bhotfix", r"\bfix", r"\broot cause\b", r"\bpost[- ]?mortem",
            r"\bbroke", r"\bfail", r"\blogs?\b", r"\bcustomers?\b", r"\busers?\b",
        ),
        opens=(
            r"\boutage\b", r"\bincident\b", r"\b(?:went|was|were) down\b", r"\bcrash(?:ed|ing)\b",
            r"\bon[- ]call\b", r"\bpaged\b", r"\bin production\b", r"\bproduction bug\b",
            r"\bhardest bug\b",
        ),
    ),
    "own_code": Theme(
        asks=(
            r"\bpiece of code\b", r"\bhow you write code\b",
        ),
        touches=(
            r"\bcode\b", r"\brefactor", r"\brewr", r"\bmessy\b", r"\bspaghetti\b", r"\bclean",
            r"\bfunction", r"\bclass(?:es)?\b", r"\bhard[- ]?coded\b", r"\bduplicat", r"\btests?\b",
            r"\bscript", r"\bmodule", r"\bvariables?\b", r"\blogic", r"\bpr\b", r"\bpull request",
            r"\breview", r"\bcommit", r"\bpython", r"\bjava", r"\bsql\b", r"\bquer",
        ),
        opens=(
            r"\brefactor", r"\brewr(?:ote|ite)\b", r"\bmy code\b", r"\bcode review\b",
        ),
    ),
    "analysis": Theme(
        asks=(
            r"\banalysis\b", r"\bproblem in the data\b", r"\bpresented numbers\b",
            r"\bmessy data\b", r"\ba model\b",
        ),
        touches=(
            r"\banalys", r"\bdata\b", r"\bdataset", r"\bnumbers?\b", r"\bshowed\b", r"\bmodel\b",
            r"\bdashboard", r"\bquer", r"\bmetrics?\b", r"\bforecast", r"\bspreadsheet",
            r"\bexcel\b", r"\bcsv\b", r"\bsql\b", r"\btable", r"\brows?\b", r"\bcolumns?\b",
            r"\bduplicat", r"\bmissing\b", r"\bnulls?\b", r"\bclean", r"\bpercent", r"\bchart",
            r"\breport", r"\bresults?\b", r"\bstatistic", r"\bsurvey", r"\bcount",
        ),
        opens=(
            r"\b(?:my|our|the|an) analysis\b", r"\bdashboards?\b", r"\bforecast", r"\bdataset\b",
        ),
    ),
    "saying_no": Theme(
        asks=(
            r"\bsay no\b", r"\bpush back on a request\b",
        ),
        touches=(
            r"\bno\b", r"\bdeclin", r"\brefus", r"\bturn(?:ed)? (?:it |them )?down\b",
            r"\bcouldn'?t\b", r"\bcan'?t\b", r"\bcannot\b", r"\bwouldn'?t\b",
            r"\bpush(?:ed)? back\b", r"\binstead\b", r"\balternative", r"\bnegotiat",
            r"\btrade[- ]?off", r"\bscope\b", r"\brequest", r"\basked\b", r"\bwanted\b",
            r"\bexplain",
        ),
        opens=(
            r"\bsaid no\b", r"\bdeclined\b", r"\bturned (?:it |them )?down\b",
        ),
    ),
    "hiring": Theme(
        asks=(
            r"\bhired?\b", r"\bbring on\b",
        ),
        touches=(
            r"\bhir(?:e|ed|ing)\b", r"\binterview", r"\bcandidates?\b", r"\brecruit",
            r"\bresumes?\b", r"\bcvs?\b", r"\boffers?\b", r"\bonboard", r"\bjoined\b",
            r"\bpicked\b", r"\bchose\b", r"\bteam\b",
        ),
        opens=(
            r"\b(?:i|we) (?:hired|was hiring|were hiring)\b", r"\bhiring (?:for|a|an|someone)\b",
            r"\binterviewed (?:\w+ )?candidates\b",
        ),
    ),
    "bad_news": Theme(
        asks=(
            r"\bbad news\b",
        ),
        touches=(
            r"\bnews\b", r"\btold (?:the team|them|everyone|my team|the group)\b", r"\bcancel",
            r"\bmissed\b", r"\bannounc", r"\bhonest", r"\blayoffs?\b", r"\bdelay", r"\bdisappoint",
            r"\bexplained\b", r"\bbroke it\b", r"\bshared\b", r"\bmeeting\b", r"\bupset",
            r"\bworried\b",
        ),
        opens=(
            r"\bbad news\b", r"\bhad to tell (?:the|my|our) team\b",
        ),
    ),
    "delegating": Theme(
        asks=(
            r"\bdelegated?\b",
        ),
        touches=(
            r"\bdelegat", r"\bhand(?:ed)? (?:it |this |that )?(?:off|over)\b",
            r"\bgave (?:it|the|this|that|him|her|them)\b", r"\bassign", r"\bowner",
            r"\bcheck[- ]?ins?\b", r"\bdidn'?t go\b", r"\btrust", r"\blet (?:him|her|them)\b",
            r"\basked (?:him|her|them)\b",
        ),
        opens=(
            r"\bdelegat", r"\bhanded (?:it |this |that )?off\b",
        ),
    ),
    "pressure": Theme(
        asks=(
            r"\bpressure from senior leadership\b", r"\bstress or pressure\b",
        ),
        touches=(
            r"\bpressure", r"\bleadership\b", r"\bsenior\b", r"\bexecutives?\b", r"\bmanagement\b",
            r"\bvps?\b", r"\bdirector", r"\bceo\b", r"\bprotect", r"\bburn(?:ed|t)? ?out",
            r"\bworkload", r"\bstress", r"\bovertime", r"\bdeadlines?\b", r"\bhours\b", r"\bpush",
            r"\bdemand",
        ),
        opens=(
            r"\bpressure\b", r"\bexecutives?\b", r"\bleadership (?:wanted|asked|pushed)\b",
        ),
    ),
    "ownership": Theme(
        asks=(
            r"\bnobody else wanted to own\b", r"\bresponsible for\b", r"\btook responsibility\b",
        ),
        touches=(
            r"\bnobody\b", r"\bno one\b", r"\bown(?:ed|ership|er)?\b",
            r"\btook (?:it |this |that )?(?:on|over)", r"\bvolunteer", r"\bresponsib", r"\borphan",
            r"\blegacy\b", r"\bstepped (?:up|in)\b", r"\bmy (?:job|part)",
            r"\bi (?:led|ran|handled|drove)\b", r"\blaunch", r"\brelease",
        ),
        opens=(
            r"\bnobody (?:wanted|owned)\b", r"\bno one (?:wanted|owned)\b", r"\btook ownership\b",
        ),
    ),
    "ambiguity": Theme(
        asks=(
            r"\blittle guidance\b", r"\bunclear instructions\b",
        ),
        touches=(
            r"\bguidance\b", r"\bunclear\b", r"\bvague\b", r"\bambigu",
            r"\bno (?:\w+ )?(?:instructions|direction|specs?|brief|one|requirements|metrics|"
            r"targets?|goals?|mock-?ups|details|context|docs|plan|idea)\b",
            r"\bwithout (?:any |a )?(?:instructions|direction|spec|brief|requirements|guidance|"
            r"context)",
            r"\bfigur", r"\bon my own\b", r"\bassum", r"\bclarif", r"\bquestions\b", r"\bnobody\b",
            r"\bdidn'?t know", r"\bguess", r"\bwasn'?t sure\b", r"\bjust (?:said|told|gave)\b",
            r"\bfreedom\b", r"\bexplor",
        ),
        opens=(
            r"\bunclear\b", r"\bvague\b", r"\bno guidance\b", r"\bambiguous\b",
        ),
    ),
    "organizing": Theme(
        asks=(
            r"\borganized a group or an event\b",
        ),
        touches=(
            r"\borgani[sz]", r"\bevents?\b", r"\bhackathon", r"\bmeetups?\b", r"\bworkshops?\b",
            r"\bclub\b", r"\bfest", r"\bconference", r"\btrip\b", r"\bparty\b", r"\bsponsors?\b",
            r"\bvolunteers?\b", r"\bvenue\b", r"\bschedule", r"\bbooked\b", r"\bguests?\b",
            r"\bteam\b", r"\bgroup\b", r"\bplann",
        ),
        opens=(
            r"\borgani[sz]ed (?:a|an|the|our) (?:\w+ ){0,2}(?:hackathon|event|meetup|workshop|"
            r"trip|fundraiser|party|conference|tournament|fest|festival|drive|camp|competition|"
            r"run|race|marathon|cleanup|concert|show|exhibition|outing|offsite|reunion)\b",
            r"\bhackathon\b", r"\bmeetup\b", r"\bworkshop\b", r"\bfest\b",
        ),
    ),
    "users": Theme(
        asks=(
            r"\btalked to users or customers\b",
        ),
        touches=(
            r"\busers?\b", r"\bcustomers?\b", r"\bclients?\b", r"\binterview", r"\btalked to\b",
            r"\bsurpris", r"\bturn(?:s|ed) out\b", r"\brealized\b", r"\blearned\b", r"\bsurvey",
            r"\busability\b", r"\bfeedback\b", r"\bcalls?\b", r"\bvisit", r"\bshadow",
        ),
        opens=(
            r"\btalked to (?:\w+ )?(?:users|customers)\b", r"\buser interviews?\b",
            r"\bcustomers told\b", r"\bsurvey",
        ),
    ),
    "launch": Theme(
        asks=(
            r"\blaunch\b",
        ),
        touches=(
            r"\blaunch", r"\breleas", r"\broll(?:ed)? ?out", r"\bshipped\b", r"\bwent live\b",
            r"\bgo[- ]live\b", r"\bdifferently\b", r"\bwent well\b", r"\bbeta\b", r"\bversion\b",
        ),
        opens=(
            r"\b(?:i|we) (?:launched|were launching)\b", r"\b(?:about|going|planning) to launch\b",
            r"\bresponsible for (?:the |our )?launch", r"\bthe launch (?:of|went)\b",
            r"\bwent live\b", r"\brolled out\b",
        ),
    ),
    "investment": Theme(
        asks=(
            r"\binvest in something that was not a feature\b", r"\bautomated a repetitive task\b",
        ),
        touches=(
            r"\btests?\b", r"\btesting\b", r"\btooling\b", r"\btools?\b",
            r"\btech(?:nical)? debt\b", r"\brefactor", r"\bci\b", r"\bpipeline", r"\bmonitoring\b",
            r"\binfra", r"\binvest", r"\bconvinc", r"\bautomat", r"\bscripts?\b", r"\bcron",
            r"\bmanual", r"\brepetit", r"\bsaved?\b", r"\bhours?\b", r"\bbots?\b", r"\bmacros?\b",
            r"\bbuil[dt]",
        ),
        opens=(
            r"\bautomat", r"\bscript(?:s|ed)? (?:to|that|which|with)\b", r"\bcron\b",
            r"\btooling\b", r"\btest coverage\b", r"\bci pipeline\b", r"\btech(?:nical)? debt\b",
        ),
    ),
    "design": Theme(
        asks=(
            r"\bdesigner\b", r"\bengineering, design and sales\b",
        ),
        touches=(
            r"\bdesign", r"\bmock-?ups?\b", r"\bui\b", r"\bux\b", r"\bfigma\b", r"\blook",
            r"\bbehav", r"\bscreen", r"\bbutton", r"\bflow\b", r"\busers?\b", r"\bsales\b",
            r"\bengineer", r"\bproduct\b", r"\bmeeting", r"\bagree",
        ),
        opens=(
            r"\bdesigners?\b", r"\bmock-?ups?\b", r"\bfigma\b",
        ),
    ),
    "trust": Theme(
        asks=(
            r"\btrust\b",
        ),
        touches=(
            r"\btrust", r"\bcredib", r"\breliab", r"\bpredictab", r"\bdeliver", r"\bearn",
            r"\bconfiden", r"\bbelie", r"\bsceptic", r"\bskeptic", r"\bdoubt", r"\bproved?\b",
            r"\bshowed\b", r"\bnew\b", r"\bweekly\b", r"\bupdates?\b", r"\bhonest",
        ),
        opens=(
            r"\btrust\b", r"\bnew manager\b", r"\bcredibility\b",
        ),
    ),
}
# fmt: on
