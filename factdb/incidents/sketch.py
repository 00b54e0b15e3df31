"""From an extracted event to what clustering reads: ``sketch_of(event, key, source)``.

Kept apart from ``cluster`` so the clustering stays free of extraction records; ingest, the
rebuild and the benchmark all build sketches here, so they compare events the same way.
"""

from __future__ import annotations

from datetime import timedelta

from factdb.extract.records import EventRecord
from factdb.incidents.cluster import EventSketch

UNDATED_DAYS = 3  # an event dated only by publication may have happened this many days before


def participant_keys(names: tuple[str, ...] | list[str]) -> frozenset[str]:
    """Names as clustering compares them: lower-cased surnames ("Mike Franck" -> "franck"),
    since one report writes "John Smith" and the next "Smith"."""
    out = set()
    for name in names:
        parts = [p for p in name.replace(".", " ").split() if len(p) > 1]
        if parts:
            out.add(parts[-1].lower())
    return frozenset(out)


def sketch_of(event: EventRecord, key: int, source: int) -> EventSketch:
    """The clustering sketch of one event; an event dated only by publication gets the few
    days before it as its interval."""
    start, end = event.date_start, event.date_end
    dated = start is not None
    if start is None and end is not None:
        start = end - timedelta(days=UNDATED_DAYS)
    places = tuple(p.key for p in event.place.chain()) if event.place is not None else ()
    return EventSketch(
        key=key,
        source=source,
        kind=str(event.kind),
        places=places,
        date_start=start,
        date_end=end,
        participants=participant_keys(event.participants),
        keywords=dict(event.keywords),
        main=event.main,
        dated=dated,
    )
