"""Reading the claims detection compares, for both kinds of run.

A full run reads the quantity claims with one plain query per partition of the claim keys
(tuples straight from the driver, no ORM or Core row objects, the as-of day computed by the
database) and groups them by claim key in Python; a backend without a known day expression
gets the same groups through Core (``portable_sweep``). An incremental run reads only the
windows around the new claims, through the ``ix_claim_key`` index. One-off events are few
and read with Core in both.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from itertools import groupby
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    bindparam,
    case,
    func,
    or_,
    select,
    tuple_,
    type_coerce,
)
from sqlalchemy.orm import Session

from factdb.config import DetectSettings
from factdb.db.dialects import chunks, day_number_sql
from factdb.db.models import Claim, Event
from factdb.detect.reports import restated_facts, restated_once
from factdb.detect.rules import ONE_OFF_EVENTS
from factdb.detect.sweep import Found, sweep_quantities
from factdb.syndication import fold_text
from factdb.vocabulary import NOT_COUNTS, ClaimKind, FigureStatus, Portion

# which claims a partition sweeps: its subjects (a claim key lies wholly in one partition);
# the first partition takes every subject not given to another, so none is ever left out
Partition = tuple[bool, list[int]]  # (True: all but these subjects | False: these), subjects
EVERYTHING: Partition = (True, [])


def current_claim() -> tuple[ColumnElement[bool], ...]:
    """The claims detection compares: current (``Claim.is_current``), not hedged, with a
    subject. ``_quantity_sql`` spells the same filter in SQL for the driver-level reader."""
    return (
        *Claim.is_current(),
        Claim.hedged.is_(False),
        Claim.subject_id.is_not(None),
    )


# A figure's claim key (README "Claim semantics"): what it counts -- its incident when it
# counts one (its event's incident), else its subject -- then its measure, its verb class
# (subject-keyed figures only: it picks their window), its place (for an incident's figure,
# the place it counts within the incident: NULL for the whole), whether it is an estimate
# (for a level, compared only with estimates; a toll's estimates share its key and meet its
# counts under ``sweep.estimate_below``) and whether its measure is cumulative. Only totals that are
# put forward as counts take part: parts, projections, negated and hedged figures never do.
_KEY_SQL = (
    "event.incident_id, CASE WHEN event.incident_id IS NULL THEN claim.subject_id END, "
    "claim.measure, CASE WHEN event.incident_id IS NULL THEN claim.verb_class END, "
    "CASE WHEN event.incident_id IS NULL THEN claim.location_id ELSE claim.counted_place_id END, "
    "CASE WHEN claim.cumulative THEN 0 WHEN claim.status = 'estimate' THEN 1 ELSE 0 END, "
    "CASE WHEN claim.cumulative THEN 1 ELSE 0 END"
)
_KEY_LENGTH = 7
_FIGURE_SQL = (
    "claim.kind = 'quantity' AND claim.measure IS NOT NULL AND claim.as_of IS NOT NULL "
    "AND NOT claim.superseded AND NOT claim.retired AND NOT claim.hedged "
    "AND claim.portion = 'total' "
    f"AND claim.status NOT IN ({', '.join(repr(str(s)) for s in sorted(NOT_COUNTS))}) "
    "AND (event.incident_id IS NOT NULL OR claim.subject_id IS NOT NULL)"
)


def _quantity_sql(day_sql: str, partition: Partition) -> str:
    """Quantity claims of one partition, unordered: (claim key..., day, id, ...). The
    filters are those of ``comparable_figure()``; subject ids are integers read from the
    database. Incident-keyed figures all fall in the first partition."""
    where = _FIGURE_SQL
    rest, subjects = partition
    listed = ",".join(str(int(subject)) for subject in subjects)
    if rest and subjects:
        where += f" AND (event.incident_id IS NOT NULL OR claim.subject_id NOT IN ({listed}))"
    elif not rest:
        where += (
            f" AND event.incident_id IS NULL AND claim.subject_id IN ({listed})"
            if subjects
            else " AND 1 = 0"
        )
    return (
        f"SELECT {_KEY_SQL}, {day_sql}, claim.id, claim.source_id, claim.revision_id, "
        "claim.sentence_index, claim.value_low, claim.value_high, claim.low_open, "
        "claim.high_open, claim.likely_low, claim.likely_high, "
        "CASE WHEN claim.status = 'estimate' THEN 1 ELSE 0 END "
        f"FROM claim LEFT JOIN event ON event.id = claim.event_id WHERE {where}"
    )


def key_window(key: tuple, settings: DetectSettings) -> tuple[int, bool]:
    """(window in days, rising) of a claim key."""
    rising = bool(key[6])
    return settings.window_for_key(key[0], key[3], rising), rising


def partitions(session: Session, parts: int) -> list[Partition]:
    """Split the subjects into ``parts`` partitions of about the same number of quantity
    claims (largest subject first, each to the lightest partition). The counts come from
    the ``ix_claim_key`` index alone."""
    if parts == 1:
        return [EVERYTHING]
    sizes = session.execute(
        select(Claim.subject_id, func.count())
        .where(Claim.subject_id.is_not(None), Claim.measure.is_not(None), Claim.as_of.is_not(None))
        .group_by(Claim.subject_id)
    ).all()
    loads = [(0, part) for part in range(parts)]
    subjects: list[list[int]] = [[] for _ in range(parts)]
    for subject, n in sorted(sizes, key=lambda row: (-row[1], row[0])):
        load, part = heapq.heappop(loads)
        subjects[part].append(subject)
        heapq.heappush(loads, (load + n, part))
    others = [subject for part in subjects[1:] for subject in part]
    return [(True, others)] + [(False, part) for part in subjects[1:]]


def _quantity_keys(cursor: Any, sql: str) -> dict[tuple, list[tuple]]:
    """Rows of ``sql`` grouped by claim key, each group sorted by (day, id); grouping in
    Python is cheaper than the database sorting the rows."""
    cursor.execute(sql)
    groups: dict[tuple, list[tuple]] = {}
    while batch := cursor.fetchmany(50_000):
        for row in batch:
            key = row[:_KEY_LENGTH]
            group = groups.get(key)
            if group is None:
                groups[key] = [row[_KEY_LENGTH:]]
            else:
                group.append(row[_KEY_LENGTH:])
    for group in groups.values():
        group.sort()  # (day, id) is unique: no comparison reaches the other columns
    return groups


def sweep_partition(
    dbapi: Any,
    dialect: str,
    partition: Partition,
    settings: DetectSettings,
    counts: dict[int, int],
) -> Found:
    """The quantity pairs of one partition, read through a DB-API connection of a backend
    with a day expression (``factdb.db.dialects.day_number_sql``)."""
    day_sql = day_number_sql(dialect)
    if day_sql is None:
        raise ValueError(f"no driver-level reader for {dialect}: use portable_sweep")
    found: Found = {}
    cursor = dbapi.cursor()
    try:
        groups = _quantity_keys(cursor, _quantity_sql(day_sql, partition))
    finally:
        cursor.close()
    for key, items in groups.items():
        window, rising = key_window(key, settings)
        sweep_quantities(restated_once(items), window, settings.max_flags, counts, found, rising)
    return found


def sentence_keys(dbapi: Any, ids: Iterable[int]) -> dict[int, str]:
    """Claim id -> sentence key (``sentence_key`` of its text), for the syndication check."""
    keys: dict[int, str] = {}
    cursor = dbapi.cursor()
    try:
        for chunk in chunks(sorted(ids)):
            # integers from the database: safe to inline, and no parameter limit applies
            cursor.execute(f"SELECT id, text FROM claim WHERE id IN ({','.join(map(str, chunk))})")
            keys.update((claim_id, fold_text(text)) for claim_id, text in cursor.fetchall())
    finally:
        cursor.close()
    return keys


def _key_columns() -> tuple[ColumnElement[Any], ...]:
    """The claim key of ``_KEY_SQL`` as Core expressions (``Claim`` outer-joined to
    ``Event``)."""
    unassigned = Event.incident_id.is_(None)
    return (
        Event.incident_id,
        case((unassigned, Claim.subject_id)),
        Claim.measure,
        case((unassigned, Claim.verb_class)),
        case((unassigned, Claim.location_id), else_=Claim.counted_place_id),
        _estimate_key(),
        case((Claim.cumulative, 1), else_=0),
    )


def _estimate_key() -> ColumnElement[int]:
    """1 for an estimate of a level (kept apart from counts), else 0 (a toll's estimates
    share its counts' key)."""
    return case((Claim.cumulative, 0), (Claim.status == FigureStatus.estimate, 1), else_=0)


def comparable_figure(*, by_index: bool = True) -> tuple[ColumnElement[bool], ...]:
    """``_FIGURE_SQL`` in Core: current totals put forward as counts, with a key."""
    return (
        Claim.kind == ClaimKind.quantity,
        Claim.measure.is_not(None),
        Claim.as_of.is_not(None),
        *Claim.is_current(by_index=by_index),
        Claim.hedged.is_(False),
        Claim.portion == Portion.total,
        Claim.status.not_in(NOT_COUNTS),
        or_(Event.incident_id.is_not(None), Claim.subject_id.is_not(None)),
    )


_SWEEP_COLUMNS = (
    Claim.id,
    Claim.source_id,
    Claim.revision_id,
    Claim.sentence_index,
    Claim.value_low,
    Claim.value_high,
    Claim.low_open,
    Claim.high_open,
    Claim.likely_low,
    Claim.likely_high,
    type_coerce(Claim.as_of, String).label("as_of_raw"),
    case((Claim.status == FigureStatus.estimate, 1), else_=0).label("estimate"),
)
# One-off events: who did what where, and when.
_EVENT_COLUMNS = (
    Claim.id,
    Claim.source_id,
    Claim.revision_id,
    Claim.sentence_index,
    Claim.subject_id,
    Claim.verb,
    Claim.location_id,
    Claim.date_start,
    Claim.date_end,
)


class Fact:
    """One quantity claim read through Core: plain attributes, as_of as a date and as an
    ordinal (``day``)."""

    __slots__ = (
        "as_of",
        "day",
        "estimate",
        "high_open",
        "id",
        "likely_high",
        "likely_low",
        "low_open",
        "revision_id",
        "sentence_index",
        "source_id",
        "value_high",
        "value_low",
    )

    def __init__(self, row: Any) -> None:
        (
            self.id,
            self.source_id,
            self.revision_id,
            self.sentence_index,
            self.value_low,
            self.value_high,
            self.low_open,
            self.high_open,
            self.likely_low,
            self.likely_high,
            raw,
            self.estimate,
        ) = row[-len(_SWEEP_COLUMNS) :]
        self.as_of = date.fromisoformat(raw[:10]) if isinstance(raw, str) else raw
        self.day = self.as_of.toordinal()


def _figures(*columns: Any) -> Any:
    return (
        select(*columns)
        .select_from(Claim)
        .outerjoin(Event, Event.id == Claim.event_id)
        .where(*comparable_figure())
    )


def portable_sweep(session: Session, settings: DetectSettings, counts: dict[int, int]) -> Found:
    """Quantity pairs through Core, for a backend without a day expression: the same pairs
    as ``sweep_partition`` over everything."""
    groups: dict[tuple, list[tuple]] = {}
    for row in session.connection().execute(_figures(*_key_columns(), *_SWEEP_COLUMNS)):
        fact = Fact(row)
        groups.setdefault(tuple(row[:_KEY_LENGTH]), []).append(
            (
                fact.day,
                fact.id,
                fact.source_id,
                fact.revision_id,
                fact.sentence_index,
                *row[_KEY_LENGTH + 4 : _KEY_LENGTH + 10],
                fact.estimate,
            )
        )
    found: Found = {}
    for key, items in groups.items():
        items.sort()
        window, rising = key_window(key, settings)
        sweep_quantities(restated_once(items), window, settings.max_flags, counts, found, rising)
    return found


def quantity_groups(
    session: Session, new_ids: set[int], settings: DetectSettings
) -> Iterator[tuple[tuple, list[Fact]]]:
    """The windows around the new quantity claims, by claim key, each in as-of order."""
    keys: dict[tuple, tuple[date, date]] = {}
    for chunk in chunks(sorted(new_ids)):
        spans = session.execute(_new_keys(), {"ids": list(chunk)})
        for *key_values, low, high in spans:
            key = tuple(key_values)
            if key in keys:
                low, high = min(low, keys[key][0]), max(high, keys[key][1])
            keys[key] = (low, high)
    yield from _incident_windows(
        {k: v for k, v in keys.items() if k[0] is not None}, session, settings
    )
    for key, (low, high) in keys.items():
        if key[0] is not None:
            continue
        window, _ = key_window(key, settings)
        params = {
            **dict(zip(_KEY_PARAMS, key, strict=True)),
            "low": date.fromordinal(max(1, low.toordinal() - window)),
            "high": date.fromordinal(high.toordinal() + window),
        }
        query = _window(key[0] is not None, key[3] is None, key[4] is None)
        rows = session.connection().execute(query, params)
        yield key, restated_facts([Fact(row) for row in rows])


def _incident_windows(
    keys: dict[tuple, tuple[date, date]], session: Session, settings: DetectSettings
) -> Iterator[tuple[tuple, list[Fact]]]:
    """The windows of incident keys: every figure of the incidents in one query (an
    incident holds few), split by key in Python."""
    if not keys:
        return
    by_key: dict[tuple, list[Fact]] = {}
    for chunk in chunks(sorted({key[0] for key in keys})):
        for row in session.connection().execute(_incident_figures(), {"ids": list(chunk)}):
            by_key.setdefault(tuple(row[:_KEY_LENGTH]), []).append(Fact(row))
    for key, (low, high) in keys.items():
        window, _ = key_window(key, settings)
        first, last = low.toordinal() - window, high.toordinal() + window
        facts = [f for f in by_key.get(key, []) if first <= f.day <= last]
        facts.sort(key=lambda f: (f.day, f.id))
        yield key, restated_facts(facts)


@cache
def _incident_figures() -> Any:
    """Every comparable figure of the incidents ``:ids``, with its key. An inner join from
    the events, so the database starts from ``ix_event_incident_id`` and reaches the claims
    through ``ix_claim_event_id`` (an outer join from the claims would read them all)."""
    return (
        select(*_key_columns(), *_SWEEP_COLUMNS)
        .select_from(Event)
        .join(Claim, Claim.event_id == Event.id)
        .where(
            Event.incident_id.in_(bindparam("ids", expanding=True)),
            *comparable_figure(by_index=False),
        )
    )


_KEY_PARAMS = ("incident", "subject", "measure", "verb_class", "place", "estimate", "cumulative")


@cache
def _new_keys() -> Any:
    """The claim keys of the claims ``:ids`` with their as-of span (built once: building
    statements costs more than running them at ingest's pace)."""
    key_columns = _key_columns()
    return (
        _figures(*key_columns, func.min(Claim.as_of), func.max(Claim.as_of))
        .where(Claim.id.in_(bindparam("ids", expanding=True)))
        .group_by(*key_columns)
    )


@cache
def _window(by_incident: bool, no_verb_class: bool, no_place: bool) -> Any:
    """The claims of one key within ``:low``..``:high``, through an index: an incident's
    events (``ix_event_incident_id``, then ``ix_claim_event_id``), or the subject's claims
    (``ix_claim_key``). The key's values are bound parameters."""
    where: list[ColumnElement[bool]] = [
        Claim.measure == bindparam("measure"),
        _estimate_key() == bindparam("estimate"),
        case((Claim.cumulative, 1), else_=0) == bindparam("cumulative"),
        Claim.as_of.between(bindparam("low"), bindparam("high")),
    ]
    if by_incident:
        where.append(Event.incident_id == bindparam("incident"))
        place = Claim.counted_place_id
    else:
        where += [Event.incident_id.is_(None), Claim.subject_id == bindparam("subject")]
        where.append(
            Claim.verb_class.is_(None)
            if no_verb_class
            else Claim.verb_class == bindparam("verb_class")
        )
        place = Claim.location_id
    where.append(place.is_(None) if no_place else place == bindparam("place"))
    return _figures(*_SWEEP_COLUMNS).where(*where).order_by(Claim.as_of, Claim.id)


def event_groups(session: Session, new_ids: set[int] | None) -> Iterator[list[Any]]:
    """One-off event claims grouped by (subject, event class, place): all of them
    (``new_ids`` None), or the groups that hold one of ``new_ids``."""
    base = select(*_EVENT_COLUMNS).where(
        Claim.kind == ClaimKind.event,
        Claim.verb.in_(ONE_OFF_EVENTS),
        Claim.location_id.is_not(None),
        Claim.date_start.is_not(None),
        *current_claim(),
    )
    if new_ids is None:
        rows = list(session.execute(base))
    else:
        fresh = [
            row
            for chunk in chunks(sorted(new_ids))
            for row in session.execute(base.where(Claim.id.in_(chunk)))
        ]
        if not fresh:
            return
        keys = {(r.subject_id, r.location_id) for r in fresh}
        rows = [
            row
            for chunk in chunks(sorted(keys))
            for row in session.execute(
                base.where(tuple_(Claim.subject_id, Claim.location_id).in_(chunk))
            )
        ]

    def key(row: Any) -> tuple:
        return (row.subject_id, ONE_OFF_EVENTS[row.verb], row.location_id)

    for _, group in groupby(sorted(rows, key=key), key=key):
        yield list(group)
