"""Event and incident writes: a revision's events, their incremental assignment to
incidents, ``rebuild``, and people's ``merge`` / ``split`` corrections.

Assignment reads only the block of a new event (incidents of its kind and region whose
dates come near its own, through ``ix_incident_block``) and lets
``factdb.incidents.cluster.choose`` pick one or none, so its cost does not grow with the
store. Corrections are kept about sources, never incident ids (a rebuild renews those): for
each pair of sources the latest correction is in force, and both the incremental path and
the rebuild obey it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import Row, Select, bindparam, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from factdb.db.models import Entity, Event, Incident, IncidentCorrection, Source
from factdb.errors import FactdbError, NotFound
from factdb.extract.records import EventRecord
from factdb.incidents.cluster import (
    EventSketch,
    IncidentSketch,
    apply_corrections,
    choose,
    join,
    region,
)
from factdb.incidents.reach import reach
from factdb.incidents.sketch import UNDATED_DAYS, participant_keys, sketch_of
from factdb.store.entities import EntityCache
from factdb.store.incident_terms import sharing_terms, write_terms
from factdb.store.places import file_place, stored_chains
from factdb.store.reviews import default_reviewer, utcnow
from factdb.vocabulary import CorrectionKind

# An incident is found from a new event through its start date: one whose dates span more
# than this many days is reached only by events near its start (incidents are short).
MAX_SPAN = 60

_INSERT_EVENT = insert(Event.__table__).returning(Event.id)
_INSERT_INCIDENT = insert(Incident.__table__).returning(Incident.id)
_SET_INCIDENT = (
    update(Event.__table__)
    .where(Event.__table__.c.id == bindparam("event_id"))
    .values(incident_id=bindparam("incident_id"))
)
_BLOCK_COLUMNS = (Incident.id, Incident.kind, Incident.sketch)
# Core, built once: an ORM-enabled UPDATE costs about a millisecond of Python
_SET_INCIDENT_ROW = update(Incident.__table__).where(Incident.__table__.c.id == bindparam("target"))


# -- sketches ---------------------------------------------------------------------------


def sketch_json(sketch: IncidentSketch) -> dict:
    """An incident's evidence as the ``incident.sketch`` JSON."""
    return {
        "places": list(sketch.places),
        "date_start": sketch.date_start.isoformat() if sketch.date_start else None,
        "date_end": sketch.date_end.isoformat() if sketch.date_end else None,
        "participants": sorted(sketch.participants),
        "keywords": dict(sketch.keywords),
        "sources": sorted(sketch.sources),
    }


def incident_sketch(key: int, kind: str, data: dict) -> IncidentSketch:
    """The ``IncidentSketch`` an ``incident.sketch`` JSON holds."""
    start, end = data.get("date_start"), data.get("date_end")
    return IncidentSketch(
        key=key,
        kind=kind,
        places=tuple(data.get("places") or ()),
        date_start=date.fromisoformat(start) if start else None,
        date_end=date.fromisoformat(end) if end else None,
        participants=frozenset(data.get("participants") or ()),
        keywords=dict(data.get("keywords") or {}),
        sources=frozenset(data.get("sources") or ()),
    )


def _event_sketch(
    key: int,
    source: int,
    kind: str,
    places: tuple[str, ...],
    start: date | None,
    end: date | None,
    participants: Iterable[str],
    keywords: dict[str, float],
    published: date | None,
    main: bool = True,
) -> EventSketch:
    """A stored event's evidence, as ``factdb.incidents.sketch.sketch_of`` reads a record
    (participants as surname keys); an event with no date at all takes the days before its
    article's publication."""
    dated = start is not None
    if start is None and end is not None:
        start = end - timedelta(days=UNDATED_DAYS)
    if start is None and published is not None:
        start, end = published - timedelta(days=UNDATED_DAYS), published
    return EventSketch(
        key=key,
        source=source,
        kind=kind,
        places=places,
        date_start=start,
        date_end=end,
        participants=participant_keys(list(participants)),
        keywords=dict(keywords),
        main=main,
        dated=dated,
    )


def _incident_values(sketch: IncidentSketch, place_id: int | None) -> dict:
    return {
        "kind": sketch.kind,
        "place_id": place_id,
        "region": region(sketch.places, sketch.kind),
        "date_start": sketch.date_start,
        # never NULL beside a start: the block's overlap test is then an index condition
        "date_end": sketch.date_end or sketch.date_start,
        "sketch": sketch_json(sketch),
    }


# -- a revision's events ------------------------------------------------------------------


@dataclass(frozen=True)
class StoredEvent:
    """An event just stored, with the sketch assignment reads."""

    id: int
    main: bool
    place_id: int | None
    sketch: EventSketch
    chain_ids: tuple[int, ...] = ()  # entity ids of its place chain (follow-up candidates)


def store_events(
    session: Session,
    revision_id: int,
    source_id: int,
    records: Sequence[EventRecord],
    entities: EntityCache,
    extractor_version: str,
    published: date | None,
) -> list[StoredEvent]:
    """Insert a revision's events (in ``records`` order, which claims' ``event`` indexes)."""
    out: list[StoredEvent] = []
    for record in records:
        place_id = file_place(entities, record.place)
        keywords = {term: weight for term, weight in record.keywords}
        event_id = session.scalar(
            _INSERT_EVENT,
            {
                "source_id": source_id,
                "revision_id": revision_id,
                "index": record.index,
                "kind": record.kind,
                "main": record.main,
                "sentence_index": record.sentence_index,
                "span_start": record.span[0],
                "span_end": record.span[1],
                "place_id": place_id,
                "date_start": record.date_start,
                "date_end": record.date_end,
                "participants": list(record.participants),
                "keywords": keywords,
                "incident_id": None,
                "extractor_version": extractor_version,
            },
        )
        assert event_id is not None
        sketch = sketch_of(record, event_id, source_id)
        if sketch.date_start is None and published is not None:
            start = published - timedelta(days=UNDATED_DAYS)
            sketch = replace(sketch, date_start=start, date_end=published)
        chain = record.place.chain() if record.place is not None else ()
        chain_ids = tuple(entities.places[p.key] for p in chain if p.key in entities.places)
        out.append(StoredEvent(event_id, record.main, place_id, sketch, chain_ids))
    return out


def drop_events(session: Session, source_id: int, revision_id: int | None = None) -> None:
    """Delete a source's events (all, or one revision's) and tidy the incidents they were
    in: an emptied incident goes, the others get their evidence recomputed."""
    query = select(Event.id, Event.incident_id).where(Event.source_id == source_id)
    if revision_id is not None:
        query = query.where(Event.revision_id == revision_id)
    rows = session.execute(query).all()
    if not rows:
        return
    session.execute(delete(Event).where(Event.id.in_([r.id for r in rows])))
    refresh_incidents(session, {r.incident_id for r in rows if r.incident_id is not None})


def refresh_incidents(session: Session, incident_ids: Iterable[int]) -> None:
    """Recompute each incident's sketch, dates and place from its events; delete empty ones."""
    for incident_id in sorted(incident_ids):
        events = _event_sketches(session, Event.incident_id == incident_id)
        if not events:
            session.execute(delete(Incident).where(Incident.id == incident_id))
            continue
        sketch, place_id = _union(incident_id, events)
        session.execute(
            update(Incident)
            .where(Incident.id == incident_id)
            .values(**_incident_values(sketch, place_id), updated_at=utcnow())
        )
        write_terms(session, incident_id, sketch)


# what a stored event's sketch is made of (``_row_sketch``)
_SKETCH_COLUMNS = (
    Event.id,
    Event.source_id,
    Event.kind,
    Event.place_id,
    Event.date_start,
    Event.date_end,
    Event.participants,
    Event.keywords,
    Event.main,
    Source.published_at,
)


def _event_sketches(session: Session, *where) -> list[tuple[EventSketch, int | None]]:
    """Stored events' sketches (with their place id), through the filed place chains."""
    rows = session.execute(
        select(*_SKETCH_COLUMNS)
        .join(Source, Source.id == Event.source_id)
        .where(*where)
        .order_by(Event.id)
    ).all()
    chains = _chains(session, {r.place_id for r in rows if r.place_id is not None})
    return [(_row_sketch(r, chains), r.place_id) for r in rows]


def _row_sketch(row: Row, chains: dict[int, tuple[str, ...]]) -> EventSketch:
    return _event_sketch(
        row.id,
        row.source_id,
        row.kind,
        chains.get(row.place_id, ()) if row.place_id is not None else (),
        row.date_start,
        row.date_end,
        row.participants or (),
        row.keywords or {},
        row.published_at,
        row.main,
    )


def _chains(session: Session, place_ids: set[int]) -> dict[int, tuple[str, ...]]:
    """Gazetteer key chains of a few places, walking their parents."""
    out: dict[int, tuple[str, ...]] = {}
    for place_id in place_ids:
        keys: list[str] = []
        node = session.get(Entity, place_id)
        while node is not None and node.gazetteer_key and node.gazetteer_key not in keys:
            keys.append(node.gazetteer_key)
            node = node.parent
        out[place_id] = tuple(keys)
    return out


def _union(
    key: int, events: Sequence[tuple[EventSketch, int | None]]
) -> tuple[IncidentSketch, int | None]:
    """An incident's sketch from its events (main events first: ``join``), and the place id
    of its most specific place."""
    events = sorted(events, key=lambda ev: not ev[0].main)
    sketch = IncidentSketch.of(key, events[0][0])
    place_id = events[0][1]
    for event, event_place in events[1:]:
        before = sketch.places
        sketch = join(sketch, event)
        if sketch.places != before:
            place_id = event_place
    return sketch, place_id


# -- corrections --------------------------------------------------------------------------


@dataclass(frozen=True)
class InForce:
    """The corrections in force: the latest per pair of sources, as (a, b) pairs; in an
    ``apart`` pair, b is the source that was split off."""

    together: list[tuple[int, int]]
    apart: frozenset[tuple[int, int]]


def corrections(session: Session, source_id: int | None = None) -> InForce:
    """The corrections in force (all, or those naming one source)."""
    query = select(
        IncidentCorrection.kind, IncidentCorrection.source_a_id, IncidentCorrection.source_b_id
    ).order_by(IncidentCorrection.id)
    if source_id is not None:
        query = query.where(
            or_(
                IncidentCorrection.source_a_id == source_id,
                IncidentCorrection.source_b_id == source_id,
            )
        )
    latest: dict[frozenset[int], tuple[str, int, int]] = {}
    for kind, a, b in session.execute(query):
        latest[frozenset((a, b))] = (kind, a, b)
    together = [(a, b) for kind, a, b in latest.values() if kind == CorrectionKind.together]
    apart = frozenset((a, b) for kind, a, b in latest.values() if kind == CorrectionKind.apart)
    return InForce(together, apart)


def _record(
    session: Session,
    kind: CorrectionKind,
    pairs: Iterable[tuple[int, int]],
    reviewer: str | None,
    note: str | None,
) -> None:
    rows = [
        {
            "kind": kind.value,
            "source_a_id": a,
            "source_b_id": b,
            "reviewer": reviewer or default_reviewer(),
            "note": note,
        }
        for a, b in pairs
        if a != b
    ]
    if rows:
        session.execute(insert(IncidentCorrection), rows)


# -- incremental assignment ------------------------------------------------------------------


def assign_events(session: Session, events: Sequence[StoredEvent]) -> list[int | None]:
    """Each new event joins the incident ``choose`` picks among its block, or, if it is the
    article's main event, starts one (a passing mention of another event never does: see
    ``EventSketch.main``); the main event goes first. Returns the incident ids (None for a
    mention that joined nothing), in ``events`` order."""
    if not events:
        return []
    force = corrections(session, events[0].sketch.source)
    partners = {b if a == events[0].sketch.source else a for a, b in force.together}
    chosen: dict[int, int | None] = {}
    for event in sorted(events, key=lambda e: (not e.main, e.id)):
        chosen[event.id] = _assign_one(
            session, event, force.apart, partners if event.main else set()
        )
    return [chosen[e.id] for e in events]


def _assign_one(
    session: Session, event: StoredEvent, apart: frozenset[tuple[int, int]], partners: set[int]
) -> int | None:
    e = event.sketch
    together = _partner_incidents(session, e.kind, partners)
    # people said this source reports a partner's incident: it joins that one
    inc = together[0] if together else choose(e, _block(session, event), apart)
    if inc is None and not event.main:
        return None
    if inc is None:
        sketch = IncidentSketch.of(0, e)
        incident_id = session.scalar(_INSERT_INCIDENT, _incident_values(sketch, event.place_id))
        assert incident_id is not None
        sketch = _adopt_mentions(session, IncidentSketch.of(incident_id, e), apart)
        session.execute(_SET_INCIDENT_ROW, {"target": incident_id, "sketch": sketch_json(sketch)})
        write_terms(session, incident_id, sketch)
    else:
        incident_id = inc.key
        merged = join(inc, e)
        values = _incident_values(merged, None)
        if merged.places == inc.places:
            del values["place_id"]
        else:
            values["place_id"] = event.place_id
        session.execute(
            _SET_INCIDENT_ROW, {"target": incident_id, **values, "updated_at": utcnow()}
        )
        if e.main:  # a mention adds only its source: the terms stay
            write_terms(session, incident_id, merged)
    session.execute(_SET_INCIDENT, {"event_id": event.id, "incident_id": incident_id})
    return incident_id


def _adopt_mentions(
    session: Session, incident: IncidentSketch, apart: frozenset[tuple[int, int]]
) -> IncidentSketch:
    """A new incident takes the passing mentions stored before it that match it (a roundup
    read before the shooting's own report), as a rebuild would; returns its sketch."""
    if incident.date_start is None:
        return incident
    window = timedelta(days=reach(incident.kind).window)
    low = incident.date_start - window
    high = (incident.date_end or incident.date_start) + window
    waiting = _event_sketches(
        session,
        Event.incident_id.is_(None),
        Event.kind == incident.kind,
        Event.date_start >= low,
        Event.date_start <= high,
        Event.main.is_(False),
    )
    for mention, _ in sorted(waiting, key=lambda m: _order(m[0])):
        if choose(mention, [incident], apart) is not None:
            incident = join(incident, mention)
            session.execute(_SET_INCIDENT, {"event_id": mention.key, "incident_id": incident.key})
    return incident


def _block_statement() -> Select:
    """Candidates of an event with a place: its region's incidents and those without a
    place (``comparable``). An event without one reads the term block instead
    (``factdb.store.incident_terms``)."""
    c = Incident.__table__.c
    dates = (
        c.kind == bindparam("kind"),
        c.date_start >= bindparam("first"),
        c.date_start <= bindparam("high"),
        c.date_end >= bindparam("low"),
    )
    placed = select(c.id, c.kind, c.sketch).where(c.region == bindparam("region"), *dates)
    unplaced = select(c.id, c.kind, c.sketch).where(c.region.is_(None), *dates)
    return placed.union_all(unplaced)


def _follow_up_statement() -> Select:
    c = Incident.__table__.c
    return select(c.id, c.kind, c.sketch).where(
        c.kind == bindparam("kind"),
        c.place_id.in_(bindparam("places", expanding=True)),
        c.date_start >= bindparam("first"),
        c.date_start <= bindparam("high"),
        c.date_end >= bindparam("low"),
    )


# Built once (on the ingest hot path): the region block and the follow-up candidates at the
# event's own place.
_BLOCK = _block_statement()
_FOLLOW_UP = _follow_up_statement()


def _window(e: EventSketch, days: int) -> dict[str, date] | None:
    if e.date_start is None:
        return None
    end = e.date_end or e.date_start
    low, high = e.date_start - timedelta(days=days), end + timedelta(days=days)
    return {"first": low - timedelta(days=MAX_SPAN), "high": high, "low": low}


def _block(session: Session, event: StoredEvent) -> list[IncidentSketch]:
    """The incidents a new event is compared with: its kind and region (and the unplaced
    ones) within its kind's window (``reach``: ten days for most), and, up to the kind's
    follow-up days, those placed at a place of its own chain (``score`` opens the follow-up
    window only to the same place; an incident placed more precisely than the event, in a
    town of its state, is met only within the window), or, for a kind reaching a whole
    country, its country's when the event has no date of its own. An event without a place
    reads the incidents near its dates that share a block term with it."""
    e = event.sketch
    kind = reach(e.kind)
    near = _window(e, kind.window)
    if near is None:
        return []
    where = region(e.places, e.kind)
    if where is None:
        rows = sharing_terms(session, e, near)
    else:
        rows = list(session.execute(_BLOCK, {"kind": e.kind, "region": where, **near}))
    far = _window(e, kind.follow_up)
    if kind.follow_up > kind.window and far is not None:
        seen = {r.id for r in rows}
        if kind.by_country and where is not None and not e.dated:
            late = session.execute(_BLOCK, {"kind": e.kind, "region": where, **far})
        elif not kind.by_country and event.chain_ids:
            params = {"kind": e.kind, "places": list(event.chain_ids), **far}
            late = session.execute(_FOLLOW_UP, params)
        else:
            late = []
        rows.extend(r for r in late if r.id not in seen)
    return [incident_sketch(r.id, r.kind, r.sketch) for r in rows]


def _partner_incidents(session: Session, kind: str, partners: set[int]) -> list[IncidentSketch]:
    """Incidents holding a main event of a source people put together with this one."""
    if not partners:
        return []
    holding = select(Event.incident_id).where(Event.source_id.in_(partners), Event.main.is_(True))
    query = (
        select(*_BLOCK_COLUMNS)
        .where(Incident.id.in_(holding), Incident.kind == kind)
        .order_by(Incident.id)
    )
    return [incident_sketch(r.id, r.kind, r.sketch) for r in session.execute(query)]


# -- rebuild, merge, split --------------------------------------------------------------------


def rebuild_incidents(session: Session) -> int:
    """Re-cluster every event from scratch with the corrections in force; the number of
    incidents. Each kind is clustered as ``cluster`` does it (main events in date order, then
    the passing mentions), then the corrections are applied over all of them."""
    session.execute(update(Event).values(incident_id=None))
    session.execute(delete(Incident))
    chains = stored_chains(session)
    rows = session.execute(
        select(*_SKETCH_COLUMNS).join(Source, Source.id == Event.source_id).order_by(Event.id)
    ).all()
    events = {r.id: (_row_sketch(r, chains), r.place_id) for r in rows}
    force = corrections(session)
    kinds: dict[str, list[EventSketch]] = {}
    for sketch, _ in events.values():
        kinds.setdefault(sketch.kind, []).append(sketch)
    groups: list[list[int]] = []
    for kind in sorted(kinds):
        groups.extend(_cluster_kind(kinds[kind], force.apart))
    source_of = {key: sketch.source for key, (sketch, _) in events.items()}
    groups = apply_corrections(groups, source_of, force.together, force.apart)
    for group in groups:
        _new_incident(
            session, [events[k] for k in sorted(group, key=lambda k: _order(events[k][0]))]
        )
    return len(groups)


def _cluster_kind(events: list[EventSketch], apart: frozenset[tuple[int, int]]) -> list[list[int]]:
    """``factdb.incidents.cluster.cluster`` for the events of one kind, before corrections,
    without comparing every event with every incident: main events in date order, then the
    passing mentions in date order, each against the incidents within reach of its dates
    (``score`` refuses incidents beyond the kind's window and follow-up days) of its own
    region and the unplaced ones (every region's when it has no place: ``comparable``)."""
    sketches: dict[int, IncidentSketch] = {}
    members: dict[int, list[int]] = {}
    kind = reach(events[0].kind) if events else reach(None)
    far = timedelta(days=max(kind.window, kind.follow_up))
    for mains in (True, False):
        phase = sorted((e for e in events if e.main is mains), key=_order)
        # incidents by start date, opened as the events' dates reach them
        waiting = sorted(sketches, key=lambda k: (sketches[k].date_start or date.min, k))
        opened = 0
        active: dict[str | None, list[int]] = {}
        for e in phase:
            while opened < len(waiting) and (
                e.date_start is None
                or (sketches[waiting[opened]].date_start or date.min) <= e.date_start + far
            ):
                key = waiting[opened]
                active.setdefault(region(sketches[key].places, e.kind), []).append(key)
                opened += 1
            if e.date_start is not None:
                horizon = e.date_start - far
                for where, keys in active.items():
                    active[where] = [k for k in keys if _reaches(sketches[k], horizon)]
            where = region(e.places, e.kind)
            if where is None:
                pool = [sketches[k] for keys in active.values() for k in keys]
            else:
                pool = [sketches[k] for k in active.get(where, []) + active.get(None, [])]
            inc = choose(e, pool, apart)
            if inc is not None:
                sketches[inc.key] = join(inc, e)
                members[inc.key].append(e.key)
            elif e.main:
                sketches[e.key] = IncidentSketch.of(e.key, e)
                members[e.key] = [e.key]
                active.setdefault(where, []).append(e.key)
    return list(members.values())


def _reaches(incident: IncidentSketch, horizon: date) -> bool:
    return incident.date_start is None or (incident.date_end or incident.date_start) >= horizon


def _order(e: EventSketch) -> tuple[date, int]:
    return (e.date_start or date.min, e.key)


def _new_incident(session: Session, members: Sequence[tuple[EventSketch, int | None]]) -> int:
    """An incident row holding these events."""
    sketch, place_id = _union(0, members)
    incident_id = session.scalar(_INSERT_INCIDENT, _incident_values(sketch, place_id))
    assert incident_id is not None
    sketch = replace(sketch, key=incident_id)
    session.execute(_SET_INCIDENT_ROW, {"target": incident_id, "sketch": sketch_json(sketch)})
    session.execute(
        _SET_INCIDENT, [{"event_id": e.key, "incident_id": incident_id} for e, _ in members]
    )
    write_terms(session, incident_id, sketch)
    return incident_id


def incident_sources(session: Session, incident_id: int) -> list[int]:
    """The sources whose events an incident holds; NotFound for an unknown id."""
    if session.scalar(select(Incident.id).where(Incident.id == incident_id)) is None:
        raise NotFound(f"no incident with id {incident_id}")
    return sorted(
        set(session.scalars(select(Event.source_id).where(Event.incident_id == incident_id)))
    )


def merge_incidents(
    session: Session, a: int, b: int, reviewer: str | None = None, note: str | None = None
) -> int:
    """People say incidents A and B are one: ``together`` between their sources, B's
    events move into A now. Returns A."""
    if a == b:
        raise FactdbError(f"incident {a} cannot be merged with itself")
    sources_a, sources_b = incident_sources(session, a), incident_sources(session, b)
    _record(
        session,
        CorrectionKind.together,
        [(x, y) for x in sources_a for y in sources_b],
        reviewer,
        note,
    )
    session.execute(update(Event).where(Event.incident_id == b).values(incident_id=a))
    refresh_incidents(session, {a, b})
    return a


def split_incident(
    session: Session,
    incident_id: int,
    source_id: int,
    reviewer: str | None = None,
    note: str | None = None,
) -> int:
    """People say source S does not report this incident: ``apart`` between S and its other
    sources, S's events move to an incident of their own now. Returns that incident's id."""
    sources = incident_sources(session, incident_id)
    source = session.get(Source, source_id)
    if source is not None and source.copy_of_id in sources:
        source_id = source.copy_of_id  # a syndicated copy stands for its original
    if source_id not in sources:
        raise NotFound(f"source {source_id} is not in incident {incident_id}")
    others = [s for s in sources if s != source_id]
    if not others:
        raise FactdbError(f"source {source_id} is the only source of incident {incident_id}")
    _record(session, CorrectionKind.apart, [(o, source_id) for o in others], reviewer, note)
    moved = _event_sketches(session, Event.incident_id == incident_id, Event.source_id == source_id)
    new_id = _new_incident(session, moved)
    refresh_incidents(session, {incident_id})
    return new_id
