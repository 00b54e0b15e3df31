"""Figures of a sub-area of a wide-area disaster: a part of its toll, not a rival total.

A quake, storm or flood strikes a region, and reports give tolls for parts of it: "25
deaths in Tibet", "18 people were killed on Mount Everest", "the Kathmandu Valley, where
1,441 have died", "dead in an avalanche". When the gazetteer resolves the named area
(India, a Chinese province) the figure gets its own ``counted_place`` and is compared with
that area's figures; when it cannot (a valley, a mountain, a base camp, a name it does not
know), the figure is marked a part of the event's toll, so it is shown but never compared
with the national total. A shooting or an attack happens at one spot: a neighbourhood named
in its report is where it happened, not a part, so this applies to wide-area events only.
"""

from __future__ import annotations

import re
from dataclasses import replace

from factdb.extract.records import ClaimRecord, EventRecord, PlaceMention
from factdb.extract.words import MONTHS, WEEKDAYS
from factdb.vocabulary import ClaimKind, EventKind, Portion

WIDE_AREA_EVENTS = frozenset(
    {EventKind.earthquake, EventKind.storm, EventKind.flood, EventKind.fire}
)
# sub-events and spots of a wide disaster that the gazetteer does not hold
_SPOT_WORDS = r"(?:base\s+camp|avalanche|landslide|mudslide|camp|valley|mountain|glacier)"
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:of\s+)?[A-Z][\w'’-]+){0,3}"
_AFTER = re.compile(
    rf"^[^.;,]{{0,60}}?\b(?:in|on|at|near|inside)\s+(?:the\s+|an?\s+)?"
    rf"(?P<spot>{_SPOT_WORDS}|(?P<name>{_NAME}))",
)
_BEFORE = re.compile(
    rf"(?P<name>{_NAME}),?\s+where\s+(?:[\w-]+\s+){{0,3}}$"
    rf"|\b(?P<area>region|district|valley|province|area|zone)s?,?\s+where\s+(?:[\w-]+\s+){{0,3}}$"
    rf"|(?:^|[.;:,]\s+)(?P<subject>{_NAME})\s+(?:(?:district|region|province|valley|state)\s+)?"
    rf"(?:recorded|reported|counted|registered|saw|has\s+seen)\s+$"
    rf"|(?P<lead>{_NAME})(?:'s|’s)?\s+(?:quake\s+|earthquake\s+)?(?:death\s+)?toll\b[^.;]{{0,40}}$"
    # a sub-event that does the killing: "an avalanche plowed through base camp, killing 18"
    # (not "the toll from the landslide": then the landslide is the event itself)
    rf"|(?<!from the )(?<!of the )(?<!in the )\b(?P<spot>avalanche|landslide|mudslide)s?\b"
    rf"[^.;]{{0,80}}$"
)
_NOT_PLACES = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"the", "a", "an", "it", "he", "she"}


def _is_event_place(name: str, event: EventRecord, places: list[PlaceMention]) -> bool:
    """The name is the event's place or one enclosing it (or not a place word at all)."""
    first = re.sub(r"['’]s$", "", name.split()[0]).lower()
    if first in _NOT_PLACES:
        return True
    chain = {p.key for p in event.place.chain()} if event.place else set()
    for mention in places:
        if mention.text == name or mention.text.startswith(name) or name.startswith(mention.text):
            return mention.place.key in chain
    return False


def mark_sub_areas(
    claims: list[ClaimRecord],
    events: list[EventRecord],
    norm: str,
    places: list[PlaceMention],
) -> list[ClaimRecord]:
    """Mark as parts the figures of a wide-area event that name a spot or area within it
    the gazetteer could not place (those it could place have their ``counted_place``)."""
    out = []
    for c in claims:
        event = events[c.event] if c.event is not None and c.event < len(events) else None
        if (
            c.kind != ClaimKind.quantity
            or event is None
            or event.kind not in WIDE_AREA_EVENTS
            or c.counted_place is not None
            or c.portion == Portion.part
            or c.value_span is None
        ):
            out.append(c)
            continue
        out.append(replace(c, portion=Portion.part) if _sub_area(c, event, norm, places) else c)
    return out


def _sub_area(c: ClaimRecord, event: EventRecord, norm: str, places: list[PlaceMention]) -> bool:
    """The figure's clause names a spot or an area that is not the event's place."""
    assert c.value_span is not None
    start, end = c.value_span
    names: list[str] = []
    after = _AFTER.match(norm[end : c.span[1]])
    if after is not None:
        names.append(after.group("name") or after.group("spot"))
    before = _BEFORE.search(norm[c.span[0] : start])
    if before is not None:
        names.append(
            before.group("name")
            or before.group("subject")
            or before.group("lead")
            or before.group("spot")
            or before.group("area")
        )
    return any(not (name[:1].isupper() and _is_event_place(name, event, places)) for name in names)
