"""What the words around a candidate say: future or past clause, "each"/"every" before it,
whether "May" or "2014" are read as a month or a year there.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from factdb.extract.times.patterns import FULL_MONTH_RE
from factdb.extract.times.periods import safe_date

_FUTURE = re.compile(
    r"\b(?:will|'ll|shall|won't|going\s+to|plans?\s+to|planned\s+to|expect(?:s|ed)?\s+to|"
    r"scheduled|set\s+to|due|is\s+to|are\s+to|to\s+be|effective|until|by|begin"
    r"|starting|next|upcoming|resume|payable|expire|expires|record)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:said|was|were|had|did|ago|last|earlier|since|reported|announced|\w+ed)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_SENT_START = re.compile(r"(?:[.!?;]\s|\n|,\s)(?=[^.!?;,\n]*$)")
_PAST_AUX = re.compile(r"\b(?:had|was|were|did|has\s+been|have\s+been)\b", re.IGNORECASE)


def _sentence_before(m: re.Match[str], width: int = 80) -> str:
    before = m.string[max(0, m.start() - width) : m.start()]
    cut = _SENT_START.search(before)
    return before[cut.end() :] if cut else before


def future_clause(m: re.Match[str]) -> bool:
    """The clause before ``m`` speaks of the future ("will meet Monday", "by August")."""
    clause = _sentence_before(m, 60)
    return bool(_FUTURE.search(clause)) and not _PAST_AUX.search(clause)


def past_verb_before(m: re.Match[str]) -> bool:
    """A past-tense verb directly before ``m`` ("met Monday", "said on Monday")."""
    return bool(_PAST.search(_sentence_before(m, 30)))


_EACH = re.compile(r"\b(?:each|every)\s+$", re.IGNORECASE)


def each_before(m: re.Match[str]) -> bool:
    return bool(_EACH.search(m.string[max(0, m.start() - 7) : m.start()]))


def each_start(m: re.Match[str]) -> int:
    found = _EACH.search(m.string[max(0, m.start() - 7) : m.start()])
    return m.start() - (len(found.group(0)) if found else 0)


def month_day(ref: date, mon: int, day_n: int, m: re.Match[str]) -> date | None:
    """A month and day without a year: the latest such day on or before ``ref``, or the next
    one when the clause speaks of the future."""
    y = ref.year
    cand = safe_date(y, mon, day_n)
    if cand is None:
        return safe_date(y - 1, mon, day_n) if mon == 2 and day_n == 29 else None
    if future_clause(m) and not past_verb_before(m):
        if cand < ref - timedelta(days=14):
            return safe_date(y + 1, mon, day_n)
        return cand
    if cand > ref + timedelta(days=60):
        return safe_date(y - 1, mon, day_n)
    return cand


_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|by|from|during|before|after|of|through|early|late|mid|last|next"
    r"|this|and|or|to|on)\s+$)",
    re.IGNORECASE,
)


def month_context(m: re.Match[str]) -> bool:
    """The words "May"/"March" alone are months only after a preposition ("in May")."""
    before = m.string[max(0, m.start() - 12) : m.start()]
    return bool(_MONTH_CONTEXT.search(before))


_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|during|before|after|of|through|early|late|mid|the"
    r"|end|and|to|or|between|fiscal|calendar|year|for|about|around|circa|spring|summer|fall"
    r"|autumn|winter|"
    rf"{FULL_MONTH_RE}|beyond|than|as\s+of)\s+$|[-\u2013(]$|'s\s+$|^$|\n\s*$|,\s+$)",
    re.IGNORECASE,
)


def year_context(m: re.Match[str]) -> bool:
    if m.group("edge") or m.group("fiscal"):
        return True
    before = m.string[max(0, m.start() - 14) : m.start()]
    if _YEAR_BEFORE.search(before):
        return True
    after = m.string[m.end() : m.end() + 12]
    return bool(re.match(r"(?:,|\s+(?:and|to|or|through)\b|\)|\.\s|$|'s\b)", after))


RESULT_NOUN = re.compile(
    r"\s+(?:earnings|results?|profits?|net|loss(?:es)?|sales|revenues?|income|dividends?|"
    r"reports?|figures|charges?|deficit|growth|output|shipments|gains?)\b",
    re.IGNORECASE,
)
RATE_BEFORE = re.compile(r"(?:\d|%|illion|\b\w+s)\s+$")


def hyphen_or_adj(m: re.Match[str]) -> bool:
    """True for "five-year", "five year low": a singular unit after a number is an adjective."""
    gap = m.string[m.end("n") : m.start("unit")]
    return "-" in gap or bool(re.match(r"\s+[a-z]", m.string[m.end() : m.end() + 3]))
