"""A country or place named as the subject of a victim or damage figure is its place.

"Nepal's death toll", "Haiti has buried 270,000 bodies" and "the toll in Nepal" count the
same thing, so the figure's location is Nepal, not its subject, and the reports meet on one
key. Troops and other stocks keep their subject (whose troops) apart from where they are.
"""

from __future__ import annotations

import re
from dataclasses import replace

from factdb.extract.records import ClaimRecord, PlaceMention
from factdb.extract.speaker_words import REPORTING_VERBS
from factdb.vocabulary import ClaimKind

# measures that count what happened to a place's people and buildings
PLACE_MEASURES = frozenset(
    {
        "killed",
        "injured",
        "missing",
        "displaced",
        "buried",
        "houses destroyed",
        "houses damaged",
        "people in camps",
    }
)
_PLACE_KINDS = frozenset({"country", "place"})
_SAYS = re.compile(r"\s+(?:" + "|".join(REPORTING_VERBS) + r")\b")
_IN_BEFORE = re.compile(r"\b(?:in|inside|across|within|throughout|into|at)\s+(?:the\s+)?$", re.I)


def _speaks(claim: ClaimRecord, norm: str) -> bool:
    """ "Mexico said 40 people were killed": the country is the source, kept as subject."""
    assert claim.subject is not None
    lo, hi = claim.span
    for m in re.finditer(re.escape(claim.subject), norm[lo:hi]):
        if _SAYS.match(norm, lo + m.end()):
            return True
    return False


def subject_as_place(claim: ClaimRecord, norm: str, places: list[PlaceMention]) -> ClaimRecord:
    """Move a place subject of a victim or damage figure to its location, resolved against
    the sentence's place mentions; a place written after the figure ("... 25 died in
    Tibet") or a location already found wins, and the subject is dropped either way."""
    if (
        claim.kind != ClaimKind.quantity
        or claim.measure not in PLACE_MEASURES
        or claim.subject is None
        or claim.subject_kind not in _PLACE_KINDS
        or _speaks(claim, norm)
    ):
        return claim
    after = claim.value_span[1] if claim.value_span else claim.span[0]
    placed_after = any(
        p.start >= after and _IN_BEFORE.search(norm[max(0, p.start - 20) : p.start]) for p in places
    )
    if claim.location is not None or placed_after:
        return replace(claim, subject=None, subject_kind=None)
    mention = next(
        (p for p in places if claim.subject in (p.place.name, p.text)),
        None,
    )
    if mention is None:
        return replace(
            claim,
            subject=None,
            subject_kind=None,
            location=claim.subject,
            location_kind=claim.subject_kind,
        )
    return replace(
        claim,
        subject=None,
        subject_kind=None,
        location=mention.place.name,
        location_kind=mention.place.kind,
        place=mention.place,
    )


__all__ = ["PLACE_MEASURES", "subject_as_place"]
