"""Contradiction detection: which stored claims cannot both be true.

Rules (DESIGN.md, claim semantics):
- Quantity claims are compared only when they share the claim key (subject, measure, verb
  class, location), are neither hedged, superseded nor retired, have as-of dates within the
  window, and do not come from the same sentence. Disjoint *logical* intervals are a hard
  contradiction; overlapping logical but disjoint *likely* intervals a soft discrepancy.
- Pairs from one source are kept as ``scope="intra"`` (an article that disagrees with
  itself); pairs across sources are ``scope="cross"``.
- The same sentence in two sources (a syndicated wire copy) is one report, never a pair.
- One-off events (a city captured by a group) with the same subject, event class and place
  contradict when their date intervals are disjoint; recurring events (attacks, visits,
  statements) are never compared, since both dates can be true.

How: rows are loaded with Core (no ORM objects), grouped by claim key and swept in as-of
order, so a claim meets only the claims inside its window: never all pairs. Incremental runs
(after an ingest) compare only pairs that include a new claim, through the ``ix_claim_key``
index. Pairs are inserted with ON CONFLICT DO NOTHING on the unique (claim_a, claim_b), so
running detection again adds nothing and never touches an existing row's status or reviews.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Row, String, func, select, tuple_, type_coerce
from sqlalchemy.orm import Session

from factdb.config import DetectSettings
from factdb.models import Claim, Contradiction

DETECTOR_VERSION = "2"
_CHUNK = 5000  # ids per IN list: well under SQLite's 32,766 parameters

# Verbs of events that happen once to a given object, by event class. "Islamic State
# captured Mosul in June 2014" and "IS overran Mosul in 2015" cannot both be right; two
# attacks on Mosul on different dates can. "take" is left out: news "takes" people to
# hospital and places "take place" far more often than it takes cities.
ONE_OFF_EVENTS: dict[str, str] = {
    "capture": "capture",
    "seize": "capture",
    "overrun": "capture",
    "conquer": "capture",
    "fall": "capture",
    "recapture": "recapture",
    "retake": "recapture",
    "liberate": "recapture",
    "found": "found",
    "establish": "found",
}


class ClaimFacts(Protocol):
    """What comparison needs of a claim: an ORM ``Claim`` or a Core row both qualify."""

    id: int
    source_id: int
    revision_id: int
    sentence_index: int
    text: str
    value_low: float | None
    value_high: float | None
    low_open: bool
    high_open: bool
    likely_low: float | None
    likely_high: float | None
    as_of: date | None
    date_start: date | None
    date_end: date | None


@dataclass(frozen=True)
class Interval:
    """A numeric interval; ``None`` bounds are unbounded, ``*_open`` excludes the bound."""

    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False

    def gap_to(self, other: Interval) -> float | None:
        """Distance between two disjoint intervals, or None when they overlap."""
        if _before(self, other):
            return float(other.low - self.high)  # type: ignore[operator]
        if _before(other, self):
            return float(self.low - other.high)  # type: ignore[operator]
        return None


def _before(a: Interval, b: Interval) -> bool:
    """True when every value of ``a`` lies below every value of ``b``."""
    if a.high is None or b.low is None:
        return False
    if a.high < b.low:
        return True
    return a.high == b.low and (a.high_open or b.low_open)


def logical_interval(claim: ClaimFacts) -> Interval:
    return Interval(claim.value_low, claim.value_high, claim.low_open, claim.high_open)


def likely_interval(claim: ClaimFacts) -> Interval:
    low = claim.likely_low if claim.likely_low is not None else claim.value_low
    high = claim.likely_high if claim.likely_high is not None else claim.value_high
    return Interval(
        low,
        high,
        claim.low_open and low == claim.value_low,
        claim.high_open and high == claim.value_high,
    )


@dataclass(frozen=True)
class Finding:
    """Why two claims conflict, before it is stored."""

    kind: str  # numeric | date
    hardness: str  # hard | soft
    severity: float
    scope: str = "cross"  # cross | intra


def _relative_gap(gap: float, a: Interval, b: Interval) -> float:
    scale = max(abs(v) for v in (a.low, a.high, b.low, b.high, 1.0) if v is not None)
    return gap / scale


def compare_quantities(a: ClaimFacts, b: ClaimFacts, settings: DetectSettings) -> Finding | None:
    """Hard when logical intervals are disjoint, soft when only the likely ones are.

    Severity: hard = (0.5 + 0.5 * relative gap) * time factor; soft = 0.5 * relative gap *
    time factor, where the time factor falls from 1 (same day) to 0.5 (window apart).
    """
    if a.as_of is None or b.as_of is None:
        return None  # a figure that cannot be placed in time cannot be compared
    window = settings.window_for(getattr(a, "verb_class", None))
    days = abs((a.as_of - b.as_of).days)
    if days > window:
        return None
    time_factor = 1.0 - 0.5 * (days / window if window else 0.0)
    la, lb = logical_interval(a), logical_interval(b)
    gap = la.gap_to(lb)
    if gap is not None:
        value = min(1.0, _relative_gap(gap, la, lb))
        return Finding("numeric", "hard", round((0.5 + 0.5 * value) * time_factor, 3))
    ka, kb = likely_interval(a), likely_interval(b)
    gap = ka.gap_to(kb)
    if gap is not None:
        value = min(1.0, _relative_gap(gap, ka, kb))
        return Finding("numeric", "soft", round(0.5 * max(value, 0.1) * time_factor, 3))
    return None


def compare_events(a: ClaimFacts, b: ClaimFacts) -> Finding | None:
    """One-off events with the same key contradict when their dates cannot overlap."""
    if None in (a.date_start, a.date_end, b.date_start, b.date_end):
        return None
    if a.date_end < b.date_start or b.date_end < a.date_start:  # type: ignore[operator]
        gap = max(
            (b.date_start - a.date_end).days,  # type: ignore[operator]
            (a.date_start - b.date_end).days,  # type: ignore[operator]
        )
        return Finding("date", "hard", round(min(1.0, 0.5 + gap / 730), 3))
    return None


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


@lru_cache(maxsize=65_536)
def sentence_key(text: str) -> str:
    """Sentence text as compared for syndication: case, quotes and spacing folded."""
    return " ".join(text.translate(_QUOTES).casefold().split())


def _finding(a: ClaimFacts, b: ClaimFacts, found: Finding) -> Finding:
    scope = "intra" if a.source_id == b.source_id else "cross"
    return Finding(found.kind, found.hardness, found.severity, scope)


# The quantity sweep reads no text: identical sentences give identical values and so never
# conflict; texts are fetched afterwards for the few flagged pairs (syndication check).
_SWEEP_COLUMNS = (
    Claim.id,
    Claim.source_id,
    Claim.revision_id,
    Claim.sentence_index,
    Claim.subject_id,
    Claim.measure,
    Claim.verb_class,
    Claim.location_id,
    Claim.value_low,
    Claim.value_high,
    Claim.low_open,
    Claim.high_open,
    Claim.likely_low,
    Claim.likely_high,
    type_coerce(Claim.as_of, String).label("as_of_raw"),
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


class _Fact:
    """One claim in the sweep: plain attributes, as_of as a date and as an ordinal."""

    __slots__ = (
        "as_of",
        "day",
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
        "verb_class",
    )

    def __init__(self, row: Any) -> None:
        (
            self.id,
            self.source_id,
            self.revision_id,
            self.sentence_index,
            _subject,
            _measure,
            self.verb_class,
            _location,
            self.value_low,
            self.value_high,
            self.low_open,
            self.high_open,
            self.likely_low,
            self.likely_high,
            raw,
        ) = row
        self.as_of = date.fromisoformat(raw[:10]) if isinstance(raw, str) else raw
        self.day = self.as_of.toordinal()


def _current() -> tuple[ColumnElement[bool], ...]:
    return (
        Claim.superseded.is_(False),
        Claim.retired.is_(False),
        Claim.hedged.is_(False),
        Claim.subject_id.is_not(None),
    )


def _eq(column: Any, value: Any) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


_quantity_key = itemgetter(4, 5, 6, 7)  # subject, measure, verb class, location


def _quantity_groups(
    session: Session, new_ids: set[int] | None, settings: DetectSettings
) -> Iterator[list[_Fact]]:
    """Quantity claims grouped by claim key, each group in as-of order."""
    base = select(*_SWEEP_COLUMNS).where(
        Claim.kind == "quantity",
        Claim.measure.is_not(None),
        Claim.as_of.is_not(None),
        *_current(),
    )
    if new_ids is None:
        query = base.order_by(
            Claim.subject_id, Claim.measure, Claim.verb_class, Claim.location_id, Claim.as_of
        ).execution_options(yield_per=20_000)
        rows_in_key_order = session.connection().execute(query)  # Core: no ORM row overhead
        for _, rows in groupby(rows_in_key_order, key=_quantity_key):
            yield [_Fact(row) for row in rows]
        return
    keys: dict[tuple, tuple[date, date]] = {}
    for chunk in _chunks(sorted(new_ids)):
        spans = session.execute(
            select(
                Claim.subject_id,
                Claim.measure,
                Claim.verb_class,
                Claim.location_id,
                func.min(Claim.as_of),
                func.max(Claim.as_of),
            )
            .where(
                Claim.id.in_(chunk),
                Claim.kind == "quantity",
                Claim.measure.is_not(None),
                Claim.as_of.is_not(None),
                *_current(),
            )
            .group_by(Claim.subject_id, Claim.measure, Claim.verb_class, Claim.location_id)
        )
        for subject, measure, verb_class, location, low, high in spans:
            key = (subject, measure, verb_class, location)
            if key in keys:
                low, high = min(low, keys[key][0]), max(high, keys[key][1])
            keys[key] = (low, high)
    for (subject, measure, verb_class, location), (low, high) in keys.items():
        window = settings.window_for(verb_class)
        query = base.where(
            Claim.subject_id == subject,
            Claim.measure == measure,
            _eq(Claim.verb_class, verb_class),
            _eq(Claim.location_id, location),
            Claim.as_of.between(
                date.fromordinal(max(1, low.toordinal() - window)),
                date.fromordinal(high.toordinal() + window),
            ),
        ).order_by(Claim.as_of, Claim.id)
        yield [_Fact(row) for row in session.connection().execute(query)]


_INF = float("inf")


def _likely_bounds(row: Any) -> tuple[float, bool, float, bool]:
    """Likely interval as plain floats (unbounded = +-inf) for the sweep's inner loop;
    the same interval as ``likely_interval``, without building objects."""
    low = row.likely_low if row.likely_low is not None else row.value_low
    high = row.likely_high if row.likely_high is not None else row.value_high
    return (
        -_INF if low is None else low,
        bool(row.low_open) and low == row.value_low,
        _INF if high is None else high,
        bool(row.high_open) and high == row.value_high,
    )


class _Pairing:
    """Shared bookkeeping of one detection run: findings, texts, and flags per claim."""

    def __init__(self, settings: DetectSettings, counts: dict[int, int]) -> None:
        self.settings = settings
        self.found: dict[tuple[int, int], Finding] = {}
        self.counts = counts
        self.kind = "quantity"  # which comparison ``flag`` applies

    def full(self, claim_id: int) -> bool:
        return self.counts.get(claim_id, 0) >= self.settings.max_flags

    def flag(self, a: Any, b: Any) -> bool:
        """Record the pair if it really conflicts and is not one report; True if recorded."""
        pair = (min(a.id, b.id), max(a.id, b.id))
        if a.id == b.id or pair in self.found:
            return False
        if a.revision_id == b.revision_id and a.sentence_index == b.sentence_index:
            return False
        finding = (
            compare_quantities(a, b, self.settings)
            if self.kind == "quantity"
            else compare_events(a, b)
        )
        if finding is None:
            return False
        self.found[pair] = _finding(a, b, finding)
        self.counts[a.id] = self.counts.get(a.id, 0) + 1
        self.counts[b.id] = self.counts.get(b.id, 0) + 1
        return True


def _disjoint(x: tuple[float, bool, float, bool], y: tuple[float, bool, float, bool]) -> bool:
    x_low, x_low_open, x_high, x_high_open = x
    y_low, y_low_open, y_high, y_high_open = y
    return (
        x_high < y_low
        or y_high < x_low
        or (x_high == y_low and (x_high_open or y_low_open))
        or (y_high == x_low and (y_high_open or x_low_open))
    )


def _sweep_new(rows: list[_Fact], new_ids: set[int], run: _Pairing) -> None:
    """Incremental: each new claim against its window, the largest disagreements first."""
    if not rows:
        return
    window = run.settings.window_for(rows[0].verb_class)
    days = [row.day for row in rows]
    bounds = [_likely_bounds(row) for row in rows]
    for i, a in enumerate(rows):
        if a.id not in new_ids:
            continue
        first = bisect_left(days, days[i] - window)
        last = bisect_right(days, days[i] + window)
        conflicts = []
        for j in range(first, last):
            if j != i and _disjoint(bounds[i], bounds[j]):
                gap = max(bounds[j][0] - bounds[i][2], bounds[i][0] - bounds[j][2])
                conflicts.append((-gap, abs(days[j] - days[i]), j))
        flagged = 0
        for _, _, j in sorted(conflicts):
            if flagged >= run.settings.max_flags:
                break
            flagged += run.flag(a, rows[j])


def _sweep_all(
    rows: Sequence[Any],
    run: _Pairing,
    days: list[int] | None = None,
    bounds: list[tuple[float, bool, float, bool]] | None = None,
    window: float | None = None,
) -> None:
    """Full run: slide a window over the as-of order, keeping the window's later claims in
    two lists sorted by likely low and high bound, so each claim reaches the claims it
    conflicts with most directly (the ends of those lists) instead of scanning the window.
    A claim leaves the lists once it has its ``max_flags`` flags: O(n log n + n * max_flags)
    per key, however many reports agree with each other."""
    if not rows:
        return
    if window is None:
        window = run.settings.window_for(rows[0].verb_class)
    days = days if days is not None else [row.day for row in rows]
    bounds = bounds if bounds is not None else [_likely_bounds(row) for row in rows]
    lows: list[tuple[float, int, int]] = []  # (low, 1 if open, index): conflicts above
    highs: list[tuple[float, int, int]] = []  # (high, 0 if open, index): conflicts below
    present = [False] * len(rows)

    def add(j: int) -> None:
        low, low_open, high, high_open = bounds[j]
        insort(lows, (low, int(low_open), j))
        insort(highs, (high, int(not high_open), j))
        present[j] = True

    def remove(j: int) -> None:
        low, low_open, high, high_open = bounds[j]
        del lows[bisect_left(lows, (low, int(low_open), j))]
        del highs[bisect_left(highs, (high, int(not high_open), j))]
        present[j] = False

    end = 0
    for i, a in enumerate(rows):
        if present[i]:
            remove(i)
        while end < len(rows) and days[end] <= days[i] + window:
            if end > i and not run.full(rows[end].id):
                add(end)
            end += 1
        if run.full(a.id):
            continue
        low, low_open, high, high_open = bounds[i]
        # later claims whose low bound lies above this claim's high bound, largest first
        above_from = bisect_left(lows, (high, 0 if high_open else 1, -1))
        # later claims whose high bound lies below this claim's low bound, smallest first
        below_to = bisect_left(highs, (low, 2 if low_open else 1, -1))
        up, down = len(lows) - 1, 0
        while not run.full(a.id) and (up >= above_from or down < below_to):
            gap_up = lows[up][0] - high if up >= above_from else -_INF
            gap_down = low - highs[down][0] if down < below_to else -_INF
            from_above = gap_up >= gap_down
            if from_above:
                j = lows[up][2]
                up -= 1
            else:
                j = highs[down][2]
                down += 1
            if run.flag(a, rows[j]) and run.full(rows[j].id):
                remove(j)
                if not from_above:
                    # j sat below ``down`` in highs and below ``above_from`` in lows
                    down -= 1
                    below_to -= 1
                    above_from -= 1
                    up -= 1


def _event_groups(session: Session, new_ids: set[int] | None) -> Iterator[list[Row]]:
    """One-off event claims grouped by (subject, event class, place)."""
    base = select(*_EVENT_COLUMNS).where(
        Claim.kind == "event",
        Claim.verb.in_(ONE_OFF_EVENTS),
        Claim.location_id.is_not(None),
        Claim.date_start.is_not(None),
        *_current(),
    )
    if new_ids is None:
        rows = list(session.execute(base))
    else:
        fresh = [
            row
            for chunk in _chunks(sorted(new_ids))
            for row in session.execute(base.where(Claim.id.in_(chunk)))
        ]
        if not fresh:
            return
        keys = {(r.subject_id, r.location_id) for r in fresh}
        rows = [
            row
            for chunk in _chunks(sorted(keys))
            for row in session.execute(
                base.where(tuple_(Claim.subject_id, Claim.location_id).in_(chunk))
            )
        ]

    def key(row: Any) -> tuple:
        return (row.subject_id, ONE_OFF_EVENTS[row.verb], row.location_id)

    for _, group in groupby(sorted(rows, key=key), key=key):
        yield list(group)


def _event_pairs(rows: list[Row], new_ids: set[int] | None, run: _Pairing) -> None:
    """One-off events conflict when their date intervals are disjoint, at any distance in
    time: the same capped interval sweep, with dates as the bounds and no window."""
    run.kind = "event"
    rows = sorted(rows, key=lambda r: (r.date_start, r.id))
    bounds = [
        (float(r.date_start.toordinal()), False, float(r.date_end.toordinal()), False) for r in rows
    ]
    if new_ids is None:
        _sweep_all(rows, run, days=[0] * len(rows), bounds=bounds, window=_INF)
    else:
        for i, a in enumerate(rows):
            if a.id not in new_ids:
                continue
            conflicts = sorted(
                (-max(bounds[j][0] - bounds[i][2], bounds[i][0] - bounds[j][2]), j)
                for j in range(len(rows))
                if j != i and _disjoint(bounds[i], bounds[j])
            )
            flagged = 0
            for _, j in conflicts:
                if flagged >= run.settings.max_flags:
                    break
                flagged += run.flag(a, rows[j])
    run.kind = "quantity"


def _one_per_report(
    session: Session,
    found: dict[tuple[int, int], Finding],
    texts: dict[int, str],
    flagged: set[int] | None = None,
) -> dict[tuple[int, int], Finding]:
    """Drop pairs that repeat a stored or earlier pair through a syndicated copy: the same
    two sentences are one report, however many outlets carried the wire story."""
    if not found:
        return found
    from sqlalchemy.orm import aliased

    def report(a: str, b: str) -> frozenset[str]:
        return frozenset((sentence_key(a), sentence_key(b)))

    seen: set[frozenset[str]] = set()
    ids = sorted({i for pair in found for i in pair})
    if flagged is not None:  # only claims that already have stored pairs can repeat one
        ids = [i for i in ids if i in flagged]
    ca, cb = aliased(Claim), aliased(Claim)
    for chunk in _chunks(ids):
        stored = session.execute(
            select(ca.text, cb.text)
            .select_from(Contradiction)
            .join(ca, Contradiction.claim_a_id == ca.id)
            .join(cb, Contradiction.claim_b_id == cb.id)
            .where((Contradiction.claim_a_id.in_(chunk)) | (Contradiction.claim_b_id.in_(chunk)))
        )
        seen.update(report(a, b) for a, b in stored)
    kept: dict[tuple[int, int], Finding] = {}
    for pair, finding in sorted(found.items()):
        key = report(texts[pair[0]], texts[pair[1]])
        if key not in seen:
            seen.add(key)
            kept[pair] = finding
    return kept


def find_contradictions(
    session: Session, claim_ids: Iterable[int] | None = None, settings: DetectSettings | None = None
) -> dict[tuple[int, int], Finding]:
    """Every conflicting pair that involves one of ``claim_ids`` (default: all claims)."""
    settings = settings or DetectSettings()
    new_ids = None if claim_ids is None else set(claim_ids)
    if new_ids is not None and not new_ids:
        return {}
    stored = _stored_counts(session) if new_ids is None else {}
    run = _Pairing(settings, dict(stored))
    for group in _quantity_groups(session, new_ids, settings):
        if new_ids is None:
            _sweep_all(group, run)
        else:
            _sweep_new(group, new_ids, run)
    for group in _event_groups(session, new_ids):
        _event_pairs(group, new_ids, run)
    texts = _texts(session, {i for pair in run.found for i in pair})
    flagged = None if new_ids is not None else {i for i, n in stored.items() if n}
    return _one_per_report(session, run.found, texts, flagged)


def _texts(session: Session, ids: set[int]) -> dict[int, str]:
    texts: dict[int, str] = {}
    for chunk in _chunks(sorted(ids)):
        rows = session.execute(select(Claim.id, Claim.text).where(Claim.id.in_(chunk)))
        texts.update((claim_id, text) for claim_id, text in rows)
    return texts


def _stored_counts(session: Session) -> dict[int, int]:
    """Flags each claim already has, so a full re-run respects ``max_flags`` too."""
    counts: dict[int, int] = {}
    for column in (Contradiction.claim_a_id, Contradiction.claim_b_id):
        for claim_id, n in session.execute(select(column, func.count()).group_by(column)):
            counts[claim_id] = counts.get(claim_id, 0) + n
    return counts


_COLUMNS_STORED = (
    "claim_a_id",
    "claim_b_id",
    "kind",
    "scope",
    "hardness",
    "severity",
    "detector_version",
    "status",
)


def store_contradictions(session: Session, found: dict[tuple[int, int], Finding]) -> list[int]:
    """Insert new pairs; pairs already stored (and their reviews) are left as they are."""
    if not found:
        return []
    rows = [
        (a, b, f.kind, f.scope, f.hardness, f.severity, DETECTOR_VERSION, "open")
        for (a, b), f in sorted(found.items())
    ]
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        # The transaction holds SQLite's write lock (BEGIN IMMEDIATE), so the new rows are
        # exactly those above the current maximum id; plain executemany is ~10x faster than
        # building an INSERT ... RETURNING per batch.
        before = connection.execute(select(func.coalesce(func.max(Contradiction.id), 0))).scalar()
        placeholders = ", ".join("?" * len(_COLUMNS_STORED))
        connection.connection.driver_connection.executemany(
            f"INSERT INTO contradiction ({', '.join(_COLUMNS_STORED)}, created_at, updated_at) "
            f"VALUES ({placeholders}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) "
            "ON CONFLICT (claim_a_id, claim_b_id) DO NOTHING",
            rows,
        )
        return list(
            connection.execute(
                select(Contradiction.id).where(Contradiction.id > before).order_by(Contradiction.id)
            ).scalars()
        )
    from sqlalchemy.dialects.postgresql import insert

    table = Contradiction.__table__
    statement = (
        insert(table)
        .on_conflict_do_nothing(index_elements=["claim_a_id", "claim_b_id"])
        .returning(table.c.id)
    )
    new: list[int] = []
    dicts = [dict(zip(_COLUMNS_STORED, row, strict=True)) for row in rows]
    for i in range(0, len(dicts), 5000):
        new.extend(connection.execute(statement, dicts[i : i + 5000]).scalars().all())
    return new


def detect(
    session: Session, claim_ids: Iterable[int] | None = None, settings: DetectSettings | None = None
) -> list[int]:
    """Find and store contradictions for ``claim_ids`` (default: all); returns new ids."""
    return store_contradictions(session, find_contradictions(session, claim_ids, settings))
