"""Small judgements about resume phrases: is this a job title or an organisation, where does
the location start, and whether a PDF ran words together (`respacing` puts the spaces back).
"""

from __future__ import annotations

import re

from .lang import word_set, words

TITLE_WORDS = word_set(
    "engineer engineers developer programmer architect manager lead leader head director "
    "intern trainee apprentice analyst scientist researcher consultant designer "
    "administrator admin specialist officer president vp cto ceo cfo coo cio cso founder "
    "cofounder co-founder owner member associate assistant coordinator technician tester "
    "writer editor reporter teacher instructor lecturer professor tutor fellow postdoc "
    "volunteer strategist evangelist advocate representative executive supervisor partner "
    "principal maintainer contributor organizer organiser presenter speaker mentor chair "
    "sre devops swe sde staff senior junior chef accountant nurse ambassador student"
)
# Matched inside words run together ("FoundingMember&SiteReliabilityEngineer").
_GLUED_TITLE_WORDS = word_set(
    "engineer developer programmer architect manager director intern researcher scientist "
    "analyst consultant designer administrator specialist founder officer president lead"
)
ORG_WORDS = word_set(
    "inc inc. llc ltd ltd. corp corp. corporation company co co. gmbh ag sa plc bv pty "
    "university college institute school academy lab labs laboratory group bank agency "
    "ministry command department foundation technologies solutions systems studio studios "
    "startup market markets holdings partners ventures capital network networks services "
    "software games pay hospital government council society club association team"
)
_COUNTRIES = (
    r"(?:S\.?\s?Korea|South Korea|Korea|Japan|China|India|Singapore|Taiwan|Vietnam|Germany|"
    r"France|Spain|Italy|Netherlands|Poland|Sweden|Switzerland|Ireland|Canada|Mexico|Brazil|"
    r"Australia|Israel|U\.?S\.?A?\.?|United States|U\.?K\.?|United Kingdom|England|Remote|"
    r"Hybrid|Online)"
)
_CITY_PREFIXES = r"(?:New|San|Los|Las|Santa|Salt|St\.|Saint|Tel|Hong|Kuala|Buenos|Rio|Abu|Cape|Ho)"
_CITY = rf"(?:{_CITY_PREFIXES}\s)?[A-Z][\w.'-]*\s*,\s*"
# "Seoul, S.Korea", "S.Korea", "Toronto, ON" (a two-letter region only after a city).
_LOCATION_TAIL = re.compile(
    rf"(?:[\s,|·&]+|(?<=\)))(?:(?:{_CITY})?{_COUNTRIES}|{_CITY}[A-Z]{{2}})\s*$"
)
_EDGE_JUNK = " \t,;|·•:-\u2013\u2014/\u00ad"
_GLUED_RUN = re.compile(r"[A-Za-z]{12,}|[a-z][A-Z]")


def title_score(text: str) -> int:
    score = sum(1 for word in words(text) if word.strip(".") in TITLE_WORDS)
    if score == 0 and is_glued(text):
        lowered = text.lower()
        score = sum(1 for word in _GLUED_TITLE_WORDS if word in lowered)
    return score


def org_score(text: str) -> int:
    return sum(1 for word in words(text) if word in ORG_WORDS or word.strip(".") in ORG_WORDS)


def is_glued(text: str) -> bool:
    """Whether some token looks like words run together (a PDF that lost its spaces)."""
    return any(_GLUED_RUN.search(token) and len(token) >= 12 for token in text.split())


def strip_location(text: str) -> str:
    """``text`` without a trailing place ("Kasa Seoul, S.Korea" -> "Kasa"; "NEXON Seoul,
    S.Korea & LA, U.S.A" -> "NEXON"), but never to nothing and never a name's own country
    ("Bank of Korea")."""
    while True:
        stripped = _LOCATION_TAIL.sub("", text).rstrip(_EDGE_JUNK + "&").strip()
        if not stripped or stripped == text or re.search(r"\b(?:of|in|for|de|the)$", stripped):
            return text
        text = stripped


def tidy(text: str) -> str:
    """Separators and empty brackets off the ends; one space between words."""
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"(?<=\w)\((?=\w)", " (", text)  # "POSTECH(Pohang" -> "POSTECH (Pohang"
    text = re.sub(r"\s+", " ", text).strip(_EDGE_JUNK)
    if text.count("(") > text.count(")"):
        text = text.rstrip(" (")
    return text.strip()


def split_pieces(text: str) -> list[str]:
    """A one-line header's parts: "Engineer at Acme | Berlin" -> ["Engineer", "Acme", "Berlin"]."""
    pieces = re.split(
        r"\s+(?:at|@)\s+|\s*[|•·]\s*|\s+[-\u2013\u2014]\s+|\s*[\u2013\u2014]\s*", text
    )
    pieces = [tidy(p) for p in pieces if tidy(p)]
    if len(pieces) == 1 and ", " in pieces[0]:
        parts = [tidy(p) for p in pieces[0].split(", ") if tidy(p)]
        if any(title_score(p) for p in parts):
            return parts
    return pieces
