"""How a figure is put forward: official, estimate, projection, negated, or just reported.

Detection never lets a projection, a negated figure or a previous one ("had previously put
the number at 11,000") take part in a flag, and compares a toll's estimates with its counts
only from below, so ``framed`` reads the words of the figure's clause (and who
the sentence credits) into ``ClaimRecord.status``; a projection is also ``hedged``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from factdb.extract.records import ClaimRecord
from factdb.vocabulary import ClaimKind, FigureStatus

_NEGATED = re.compile(r"\b(?:not|never|rather\s+than|instead\s+of)\s+$", re.IGNORECASE)
# what a figure will or could reach, a plan or a requirement
_PROJECTION = re.compile(
    r"\b(?:(?:could|will|would|may|might|expected\s+to|expects?|expecting|projected\s+to|"
    r"forecasts?|forecast\s+to|likely\s+to|set\s+to|going\s+to|feared\s+to|predicts?|"
    r"predicted)\s+(?:\w+\s+){0,2}?(?:reach|top|rise|climb|exceed|surpass|hit|pass|cross|"
    r"grow|increase|be\s+as\s+high\s+as|go\s+as\s+high\s+as)"
    r"|final\s+(?:death\s+)?toll\s+(?:will|would|could|may)"
    r"|will\s+be|there\s+will|to\s+more\s+than|needs?|needed|requires?|required|"
    r"bringing\s+(?:the\s+)?(?:total|number|force|level)|plans?\s+to|planned|planning\s+to|"
    r"will\s+(?:deploy|send|add)|would\s+(?:deploy|send|add)|weighing|considering)\b",
    re.IGNORECASE,
)
_PROJECTION_AFTER = re.compile(
    r"^[^.;]{0,20}?\b(?:next\s+year|by\s+(?:the\s+)?end\s+of|in\s+the\s+coming)\b", re.I
)
_ESTIMATE = re.compile(r"\bestimat\w*\b", re.IGNORECASE)
# a figure the sentence gives as superseded: "had previously put the number at 11,000",
# "previous estimates ... around 250,000", "initially reported five"
_PREVIOUS = re.compile(
    r"\b(?:previously|previous\s+(?:estimates?|figures?|counts?|tolls?|tallies)"
    r"|earlier\s+(?:estimates?|figures?|counts?|tolls?|reports?)|initially|originally"
    r"|first\s+reported|had\s+(?:\w+\s+)?put\s+(?:the\s+)?\w+(?:\s+\w+){0,6}\s+at)\b",
    re.IGNORECASE,
)
_AUTHORITY = re.compile(
    r"\b(?:government|ministry|minister|ministers|officials?|authorit(?:y|ies)|police|army|"
    r"military|pentagon|department|emergency\s+operation|president|prime\s+minister|"
    r"spokes(?:man|woman|person)|governor|mayor|sheriff|coroner|agency|office|council|"
    r"official\s+(?:death\s+)?toll|officially|confirmed)\b",
    re.IGNORECASE,
)
_HEDGE_WORDS = re.compile(r"\b(?:feared?|fears|perhaps|may\s+have|might\s+have)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[;:]\s|\s[-\u2013\u2014]\s|\s(?:but|while|whereas|although)\s")


def _clause_before(norm: str, start: int, pos: int) -> str:
    """The sentence's words from the last clause break before ``pos`` up to it."""
    lo = start
    for m in _CLAUSE.finditer(norm, start, pos):
        lo = m.end()
    return norm[lo:pos]


def figure_status(claim: ClaimRecord, norm: str) -> str:
    """The ``FigureStatus`` of one quantity claim, from its clause and its speaker."""
    if claim.value_span is None:
        return FigureStatus.reported
    start, end = claim.value_span
    before = _clause_before(norm, claim.span[0], start)
    if _NEGATED.search(before[-20:]):
        return FigureStatus.negated
    near = before[-90:]
    if _PROJECTION.search(near) or _PROJECTION_AFTER.match(norm[end : end + 40]):
        return FigureStatus.projection
    if _PREVIOUS.search(near):
        return FigureStatus.previous
    if _ESTIMATE.search(near) or _ESTIMATE.search(norm[start:end]):
        return FigureStatus.estimate
    if _AUTHORITY.search(near) or (claim.speaker and _AUTHORITY.search(claim.speaker)):
        return FigureStatus.official
    return FigureStatus.reported


def framed(claim: ClaimRecord, norm: str) -> ClaimRecord:
    """``claim`` with its status; a projection or a feared figure is hedged too."""
    if claim.kind != ClaimKind.quantity:
        return claim
    if claim.status == FigureStatus.previous:
        return claim  # the figure its sentence replaces: no longer a count of its own
    status = figure_status(claim, norm)
    hedged = claim.hedged or status in (FigureStatus.projection, FigureStatus.negated)
    if not hedged and claim.value_span is not None:
        window = _clause_before(norm, claim.span[0], claim.value_span[0])[-60:]
        hedged = bool(_HEDGE_WORDS.search(window))
    if status == claim.status and hedged == claim.hedged:
        return claim
    return replace(claim, status=status, hedged=hedged)


__all__ = ["figure_status", "framed"]
