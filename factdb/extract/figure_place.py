"""A country or place named as the subject of a victim or damage figure is its place.

"Nepal's death toll", "Haiti has buried 270,000 bodies" and "the toll in Nepal" count the
same thing, so the figure's location is Nepal, not its subject, and the reports meet on one
key. Troops and other stocks keep their subject (whose troops) apart from where they are.
"""

from __future__ import annotations

import re
from dataclasses import replace

from factdb.extract.entities import load_gazetteer
from factdb.extract.records import ClaimRecord, EventRecord, PlaceMention
from factdb.extract.speaker_words import REPORTING_VERBS
from factdb.vocabulary import ClaimKind, EventKind

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


# forces are counted for the country that sends them: "the Pentagon has 11,000 troops" and
# "the US has 8,400 troops" count one force
FORCE_MEASURES = frozenset({"troops", "additional troops"})
_SENT_TO = re.compile(r"\b(?:to|in|into|inside)\s+(?:the\s+)?$", re.IGNORECASE)


def force_owner(claim: ClaimRecord, norm: str, places: list[PlaceMention]) -> ClaimRecord:
    """A force's subject is its country (an organisation of it, the Pentagon, becomes the
    country), and a country it is sent or deployed to ("deployed to Afghanistan") is its
    location."""
    if claim.kind != ClaimKind.quantity or claim.measure not in FORCE_MEASURES:
        return claim
    if claim.subject is not None and claim.subject_kind == "organisation":
        entity = load_gazetteer().entities.get(claim.subject)
        if entity is not None and entity.country:
            claim = replace(claim, subject=entity.country, subject_kind="country")
    if claim.location is None and claim.value_span is not None:
        for p in places:  # "deployed to Afghanistan" before or after the figure
            if (
                claim.span[0] <= p.start < claim.span[1]
                and p.place.kind == "country"
                and p.place.name != claim.subject
                and _SENT_TO.search(norm[max(0, p.start - 12) : p.start])
            ):
                return replace(claim, location=p.place.name, location_kind="country", place=p.place)
    return claim


def deployed_where(claims: list[ClaimRecord], events: list[EventRecord]) -> list[ClaimRecord]:
    """A force figure that names no place is where the article's deployment is ("Current US
    troop numbers are about 8,400" in a report on troops in Afghanistan)."""
    main = next((e for e in events if e.main), None)
    if main is None or main.kind != EventKind.deployment or main.place is None:
        return claims
    return [
        replace(
            c,
            location=main.place.name,
            location_kind=main.place.kind,
            place=main.place,
            place_inherited=True,
        )
        if c.kind == ClaimKind.quantity and c.measure in FORCE_MEASURES and c.location is None
        else c
        for c in claims
    ]


__all__ = [
    "FORCE_MEASURES",
    "PLACE_MEASURES",
    "deployed_where",
    "force_owner",
    "subject_as_place",
]
