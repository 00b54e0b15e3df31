"""Which time expression dates a figure (its as-of), for the sentence-level time picker.

A running toll is dated by the time that scopes it ("111,481 on Jan. 23"), never by the date
of the disaster it counts ("Saturday's quake killed 2,000", "since the Jan. 12 earthquake":
the count is as of now); when nothing scopes it, by when the sentence says it was given
("Preval said Wednesday that 270,000 ..."), else by the publication date (the caller's
default). A revised figure ("from A to B") that carries no time of its own is dated the day
before its successor: it is the earlier count, no longer the current one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from factdb.extract.records import ClaimRecord, Sentence
from factdb.extract.speaker_words import REPORTING_VERBS
from factdb.extract.times import TimeExpression
from factdb.vocabulary import FigureStatus

_OWN_GAP = re.compile(r"^\s*(?:people\s+)?(?:on|as\s+of|by|at\s+the\s+end\s+of)?\s*$", re.I)
_DISASTER = (
    r"(?:quake|earthquake|disaster|attack|attacks|storm|hurricane|tsunami|avalanche|blast|"
    r"explosion|bombing|shooting|flood|floods|cyclone|typhoon|tremor|landslide|eruption|"
    r"tragedy|crash|fire|massacre)"
)
_DISASTER_AFTER = re.compile(rf"^(?:'s)?\s+(?:[\w.-]+\s+){{0,2}}?{_DISASTER}\b", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
_DISASTER_BEFORE = re.compile(
    rf"\b{_DISASTER}\s+(?:that|which)\s+[^,;.]{{0,60}}$|\b{_DISASTER}\s+(?:of|on)\s+$",
    re.IGNORECASE,
)
_RUNNING = re.compile(
    r"\b(?:toll|tally|so\s+far|(?:has|have)\s+(?:now\s+)?(?:been\s+)?(?:killed|died|risen))\b",
    re.IGNORECASE,
)
_RECENT = timedelta(days=7)
_SAID_BEFORE = re.compile(
    r"\b(?:"
    + "|".join(REPORTING_VERBS)
    + r")\b(?:\s+(?!that\b)[\w'-]+){0,2}?\s+(?:on\s+|late\s+)?$",
    re.IGNORECASE,
)


def own_time(norm: str, number_end: int, times: list[TimeExpression]) -> TimeExpression | None:
    """The time written right after a figure ("212,000 on Saturday", "5,496 on Thursday")."""
    for t in times:
        near = number_end <= t.start <= number_end + 16 and t.interval is not None
        if near and _OWN_GAP.match(norm[number_end : t.start]):
            return t
    return None


def disaster_date(
    norm: str, sent: Sentence, t: TimeExpression, published: date | None = None
) -> bool:
    """True for a time that dates the disaster, not the count: the start of the counted
    period ("since Jan. 12"), or the date of a disaster whose running toll the sentence
    gives ("the toll from the January 12 earthquake") or that is days old ("Saturday's
    quake killed 2,000"). An older event's date stays its count's date ("five were
    wounded in a December shooting")."""
    if _SINCE_BEFORE.search(norm[max(0, t.start - 12) : t.start]):
        return True
    if not (
        _DISASTER_AFTER.match(norm[t.end : t.end + 40])
        or _DISASTER_BEFORE.search(norm[max(sent.start, t.start - 90) : t.start])
    ):
        return False
    if _RUNNING.search(norm, sent.start, sent.end):
        return True
    end = t.interval[1] if t.interval else None
    return published is not None and end is not None and published - end <= _RECENT


def scoping_times(
    norm: str, sent: Sentence, times: list[TimeExpression], published: date | None = None
) -> list[TimeExpression]:
    """The sentence's times that may scope a figure."""
    return [t for t in times if not disaster_date(norm, sent, t, published)]


def said_time(norm: str, sent: Sentence, times: list[TimeExpression]) -> TimeExpression | None:
    """The time the sentence says the figure was given ("said on Saturday", "said
    Wednesday")."""
    for t in times:
        if t.interval is not None and _SAID_BEFORE.search(
            norm[max(sent.start, t.start - 60) : t.start]
        ):
            return t
    return None


def date_earlier(claims: list[ClaimRecord]) -> list[ClaimRecord]:
    """Date each revised figure the day before its successor unless its own time is
    earlier already; a revised figure without a time of its own ("revised the toll from
    1,655 to 1,610") is the ``previous`` figure, no longer a count (a chain's dated steps,
    "111,481 on Jan. 23, 150,000 on Jan. 24", stay counts of their days)."""
    successor = {c.previous_span: c for c in claims if c.previous_span is not None}
    out = []
    for c in claims:
        after = successor.get(c.value_span)
        if (
            after is not None
            and after.as_of is not None
            and (c.as_of is None or c.as_of >= after.as_of)
        ):
            c = replace(c, as_of=after.as_of - timedelta(days=1), status=FigureStatus.previous)
        out.append(c)
    return out


__all__ = ["date_earlier", "disaster_date", "own_time", "said_time", "scoping_times"]
