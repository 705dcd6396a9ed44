"""Structure: is the answer organised the way its question type calls for?

- behavioral: a STAR story (situation, task, action, result), in that order, told as "I".
- hr: a direct answer, a concrete example, and a link to this role.
- technical: a framing sentence, signposted points, and a conclusion or rule of thumb.
- system_design: requirements and scale first, then components, data, and scaling trade-offs.
- case_study: clarify the goal or check the data, a structured breakdown, a recommendation.

Each stage found adds its weight; every stage comes with the words that showed it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from agent.interviewer.bank import QuestionType

from .cues import EXAMPLE, REASONING, ROLE_LINK, SIGNPOST, SUMMARY, TRADEOFF
from .models import DimensionScore, Span, round_half
from .star import Cue, detect_star
from .text import Segment, find_cues, quote, unique_spans

_I = re.IGNORECASE
_REQUIREMENTS = re.compile(
    r"\b(?:requirements?|clarify|clarifying|assum\w*|scale|how many|per second|per day|"
    r"read[- ]heavy|write[- ]heavy|users|traffic|load|latency|availability|constraints?|"
    r"functional|non[- ]functional|estimate|back of the envelope|qps|rps|sla|slo)\b",
    _I,
)
_COMPONENTS = re.compile(
    r"\b(?:api|service|services|database|db|cache|caching|load balancer|queue|cdn|server|"
    r"storage|store|worker|gateway|client|frontend|backend|cluster|replica|index|bucket|"
    r"broker|pipeline|component|module|layer|endpoint|table|tables)\b",
    _I,
)
_DATA = re.compile(
    r"\b(?:schema|tables?|columns?|primary key|foreign key|keys?|data model|partition\w*|"
    r"shard\w*|hash\w*|ids?|records?|documents?|collections?|rows?|fields?)\b",
    _I,
)
_SCALING = re.compile(
    r"\b(?:scal\w+|bottlenecks?|replicat\w+|failover|fail|failures?|redundan\w+|horizontal\w*|"
    r"vertical\w*|partition\w*|shard\w*|monitor\w*|alert\w*|trade[- ]?offs?|consisten\w+|"
    r"backpressure|rate limit\w*|autoscal\w*)\b",
    _I,
)
_CLARIFY = re.compile(
    r"\b(?:first,? I(?:'d| would)? (?:check|confirm|clarify|verify|ask|make sure|look)|clarify|"
    r"confirm|verify|sanity check|is (?:the data|it) (?:correct|real|right)|check (?:the|whether|"
    r"if) (?:data|tracking|numbers|drop)|define|what (?:is|are) the (?:goal|objective|metric)|"
    r"the goal (?:is|would be)|success (?:metric|looks like)|objective)\b",
    _I,
)
_BREAKDOWN = re.compile(
    r"\b(?:segment\w*|break (?:it|this|that) down|broken down|by (?:region|channel|platform|"
    r"product|customer|cohort|version|team|tier)|hypothes\w+|framework|internal (?:or|and|vs) "
    r"external|funnel|drivers?|factors?|compare|comparison|buckets?|options?|criteria|cohorts?)\b",
    _I,
)
_RECOMMEND = re.compile(
    r"\b(?:I(?:'d| would) recommend|my recommendation|recommend\w*|next steps?|I(?:'d| would) "
    r"(?:decide|choose|go with|pick|launch|start with)|summari[sz]\w*|decision|the plan (?:is|would)|"
    r"follow[- ]up|prevent\w*|roll ?out|pilot|experiment|a/b test|measure success)\b",
    _I,
)
_DIRECT = re.compile(
    r"^(?:I(?:'m| am|'d say| would say| think| believe| enjoy| love| like| want| see| thrive| handle| "
    r"keep| stay| work| do)|my (?:greatest|biggest|main|key|strongest)|my name|in (?:three|five|a few)"
    r" years|what (?:motivates|drives) me|the (?:thing|area|environment))",
    _I,
)

_Stage = tuple[str, float, re.Pattern[str], str]
"""(name, weight, pattern, what a missing stage is called in the advice)."""
_STAGES: dict[QuestionType, tuple[_Stage, ...]] = {
    "technical": (
        ("framing", 2.5, re.compile(r"\b(?:is an?|is the|are|means|refers to|is when|is how|"
         r"happens)\b", _I), "no opening sentence that answers the question directly"),
        ("reasoning", 2.5, REASONING, "no reasons given (because, so that)"),
        ("trade-offs", 2.5, TRADEOFF, "no trade-off or comparison"),
        ("conclusion", 2.5, SUMMARY, "no conclusion or rule of thumb to close"),
    ),
    "system_design": (
        ("requirements", 2.5, _REQUIREMENTS, "did not start from requirements and scale"),
        ("components", 2.0, _COMPONENTS, "no high level components named"),
        ("data", 2.0, _DATA, "no data model or keys"),
        ("scaling", 2.0, _SCALING, "no scaling, failure or trade-off discussion"),
        ("conclusion", 1.5, SUMMARY, "no summary of the design"),
    ),
    "case_study": (
        ("clarify", 2.5, _CLARIFY, "did not clarify the goal or check the data first"),
        ("breakdown", 3.0, _BREAKDOWN, "no structured breakdown (segments, hypotheses, options)"),
        ("recommendation", 2.5, _RECOMMEND, "no recommendation or next steps"),
        ("reasoning", 2.0, REASONING, "no reasons given for the steps"),
    ),
    "hr": (
        ("direct answer", 3.0, _DIRECT, "does not open with a direct answer"),
        ("example", 3.5, EXAMPLE, "no concrete example"),
        ("link to the role", 2.0, ROLE_LINK, "no link to this role"),
        ("reasoning", 1.5, REASONING, "no reasons given"),
    ),
}  # fmt: skip
_SIGNPOST_BONUS = 1.0
_STAR_WEIGHTS = {"situation": 2.5, "task": 1.5, "action": 3.5, "result": 2.5}


@dataclass(frozen=True, slots=True)
class _Found:
    name: str
    evidence: Span


def score_structure(
    answer: str, qtype: QuestionType, segments: Sequence[Segment]
) -> DimensionScore:
    if not segments:
        return DimensionScore("structure", 0.0, "No answer to score.", (), ("no answer",))
    if qtype == "behavioral":
        return _star_structure(answer, segments)
    found: list[_Found] = []
    gaps: list[str] = []
    value = 0.0
    for name, weight, pattern, gap in _STAGES[qtype]:
        # The framing and the direct answer only count at the start of the answer.
        where = segments[:1] if name in ("framing", "direct answer") else segments
        hits = find_cues(where, pattern)
        if hits:
            value += weight
            seg, match = hits[0]
            found.append(_Found(name, quote(answer, seg, (match.start(), match.end()))))
        else:
            gaps.append(gap)
    if not found:  # quote the opening, which shows what the answer does instead
        found.append(_Found("opening", quote(answer, segments[0])))
    signposts = find_cues(segments, SIGNPOST)
    if len(signposts) >= 2:
        value += _SIGNPOST_BONUS
    elif qtype != "hr":
        gaps.append("no signposting (first, then, finally)")
    value = value * min(1.0, len(segments) / 3)  # one or two sentences cannot be organised
    named = ", ".join(f.name for f in found if f.name != "opening") or "none of the expected parts"
    rationale = f"Shows {named}" + (f"; missing: {'; '.join(gaps)}." if gaps else ".")
    return DimensionScore(
        "structure",
        round_half(value),
        rationale,
        unique_spans(f.evidence for f in found),
        tuple(gaps),
    )


def _star_structure(answer: str, segments: Sequence[Segment]) -> DimensionScore:
    star = detect_star(segments)
    value = sum(_STAR_WEIGHTS[p] for p in star.found)
    gaps = [f"no {p} stated" for p in star.missing]
    if star.action is not None and star.actions_i == 0:
        value -= 1.5
        gaps.append("actions told as 'we', not what you did")
    elif star.actions_i >= 2:
        value += 0.5
    if len(star.found) >= 3 and not star.in_order:
        value -= 1.0
        gaps.append("story told out of order")
    if star.reflection is not None:
        value += 0.5
    if len(star.found) <= 1:
        value = min(value, 2.0)  # no story, whatever the wording
    cues: list[Cue] = [c for p in star.found if (c := star.part(p)) is not None]
    evidence = unique_spans((quote(answer, c.segment, (c.start, c.end)) for c in cues), limit=4)
    if not evidence:
        evidence = (quote(answer, segments[0]),)
    parts = ", ".join(star.found) or "no part of a STAR story"
    rationale = f"STAR: states {parts}" + (
        f"; missing: {', '.join(star.missing)}." if star.missing else "."
    )
    if star.reflection is not None:
        rationale += " Ends with a reflection."
    return DimensionScore("structure", round_half(value), rationale, evidence, tuple(gaps))
