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

How: claims are grouped by claim key and swept in as-of order, so a claim meets only the
claims inside its window: never all pairs. A full run (``factdb detect``) reads the quantity
claims with one plain query per partition of the claim keys (tuples straight from the
driver, no ORM or Core row objects) and, on a large store, sweeps the partitions in parallel
processes: keys are independent, so the pairs are the same as in one process. Incremental
runs (after an ingest) compare only pairs that include a new claim, through the
``ix_claim_key`` index. Pairs are inserted with ON CONFLICT DO NOTHING on the unique
(claim_a, claim_b), so running detection again adds nothing and never touches an existing
row's status or reviews.
"""

from __future__ import annotations

import gc
import heapq
import logging
import os
import pickle
import subprocess
import sys
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Row, String, func, select, tuple_, type_coerce
from sqlalchemy.orm import Session

from factdb.config import DetectSettings
from factdb.db.models import Claim, Contradiction

DETECTOR_VERSION = "2"
_CHUNK = 5000  # ids per IN list: well under SQLite's 32,766 parameters
# A full run over at least this many claims (by the highest claim id) sweeps its claim keys
# in parallel processes, one per idle core (at most _MAX_WORKERS); below it one process is
# faster (a worker takes ~0.5 s to start).
_PARALLEL_MIN_CLAIMS = 150_000
_MAX_WORKERS = 4
# PostgreSQL stores at least this many new pairs with COPY (fewer: a plain INSERT)
_COPY_MIN_ROWS = 1000

log = logging.getLogger(__name__)

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


def _gap(
    a_low: float | None,
    a_high: float | None,
    a_low_open: Any,
    a_high_open: Any,
    b_low: float | None,
    b_high: float | None,
    b_low_open: Any,
    b_high_open: Any,
) -> float | None:
    """Distance between two disjoint intervals (None bounds unbounded), None if they overlap."""
    if (  # a wholly below b
        a_high is not None
        and b_low is not None
        and (a_high < b_low or (a_high == b_low and (a_high_open or b_low_open)))
    ):
        return float(b_low - a_high)
    if (  # b wholly below a
        b_high is not None
        and a_low is not None
        and (b_high < a_low or (b_high == a_low and (b_high_open or a_low_open)))
    ):
        return float(a_low - b_high)
    return None


@dataclass(frozen=True)
class Interval:
    """A numeric interval; ``None`` bounds are unbounded, ``*_open`` excludes the bound."""

    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False

    def gap_to(self, other: Interval) -> float | None:
        """Distance between two disjoint intervals, or None when they overlap."""
        return _gap(
            self.low,
            self.high,
            self.low_open,
            self.high_open,
            other.low,
            other.high,
            other.low_open,
            other.high_open,
        )


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


def _scale(a: float | None, b: float | None, c: float | None, d: float | None) -> float:
    """The largest magnitude among the bounds, at least 1 (the relative gap's divisor)."""
    scale = 1.0
    for v in (a, b, c, d):
        if v is not None and abs(v) > scale:
            scale = abs(v)
    return scale


# A quantity's figures as the comparison reads them, in this order:
# (value_low, value_high, low_open, high_open, likely_low, likely_high)
_Figures = tuple


def _numeric(a: _Figures, b: _Figures, days: int, window: int) -> tuple[str, str, float] | None:
    """(kind, hardness, severity) of two quantities ``days`` apart, or None: the rule of
    ``compare_quantities`` on plain tuples, so the full sweep builds no objects."""
    if days > window:
        return None
    time_factor = 1.0 - 0.5 * (days / window if window else 0.0)
    a_low, a_high, a_low_open, a_high_open, a_likely_low, a_likely_high = a
    b_low, b_high, b_low_open, b_high_open, b_likely_low, b_likely_high = b
    gap = _gap(a_low, a_high, a_low_open, a_high_open, b_low, b_high, b_low_open, b_high_open)
    if gap is not None:
        value = min(1.0, gap / _scale(a_low, a_high, b_low, b_high))
        return ("numeric", "hard", round((0.5 + 0.5 * value) * time_factor, 3))
    # the likely intervals (likely_interval): a likely bound replaces the logical one, and
    # stays open only where it is the logical bound
    ka_low = a_likely_low if a_likely_low is not None else a_low
    ka_high = a_likely_high if a_likely_high is not None else a_high
    kb_low = b_likely_low if b_likely_low is not None else b_low
    kb_high = b_likely_high if b_likely_high is not None else b_high
    gap = _gap(
        ka_low,
        ka_high,
        a_low_open and ka_low == a_low,
        a_high_open and ka_high == a_high,
        kb_low,
        kb_high,
        b_low_open and kb_low == b_low,
        b_high_open and kb_high == b_high,
    )
    if gap is not None:
        value = min(1.0, gap / _scale(ka_low, ka_high, kb_low, kb_high))
        return ("numeric", "soft", round(0.5 * max(value, 0.1) * time_factor, 3))
    return None


def _figures(claim: ClaimFacts) -> _Figures:
    return (
        claim.value_low,
        claim.value_high,
        claim.low_open,
        claim.high_open,
        claim.likely_low,
        claim.likely_high,
    )


def compare_quantities(a: ClaimFacts, b: ClaimFacts, settings: DetectSettings) -> Finding | None:
    """Hard when logical intervals are disjoint, soft when only the likely ones are.

    Severity: hard = (0.5 + 0.5 * relative gap) * time factor; soft = 0.5 * relative gap *
    time factor, where the time factor falls from 1 (same day) to 0.5 (window apart).
    """
    if a.as_of is None or b.as_of is None:
        return None  # a figure that cannot be placed in time cannot be compared
    window = settings.window_for(getattr(a, "verb_class", None))
    found = _numeric(_figures(a), _figures(b), abs((a.as_of - b.as_of).days), window)
    return None if found is None else Finding(*found)


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


def _fold(text: str) -> str:
    # Same result as ``text.translate(_QUOTES)``, several times faster: an ASCII text holds
    # none of the characters, and each replacement yields no character another one replaces.
    if not text.isascii():
        text = (
            text.replace("‘", "'")
            .replace("’", "'")
            .replace("“", '"')
            .replace("”", '"')
            .replace("\u00a0", " ")
        )
    return " ".join(text.casefold().split())


@lru_cache(maxsize=65_536)
def sentence_key(text: str) -> str:
    """Sentence text as compared for syndication: case, quotes and spacing folded."""
    return _fold(text)


def _finding(a: ClaimFacts, b: ClaimFacts, found: Finding) -> Finding:
    scope = "intra" if a.source_id == b.source_id else "cross"
    return Finding(found.kind, found.hardness, found.severity, scope)


# --- the sweep ------------------------------------------------------------------------

_INF = float("inf")
# A claim's likely interval as the sweep compares it: (low, low open, high, high open) with
# unbounded ends as -inf / +inf.
_Bounds = tuple[float, bool, float, bool]


def _disjoint(x: _Bounds, y: _Bounds) -> bool:
    x_low, x_low_open, x_high, x_high_open = x
    y_low, y_low_open, y_high, y_high_open = y
    return (
        x_high < y_low
        or y_high < x_low
        or (x_high == y_low and (x_high_open or y_low_open))
        or (y_high == x_low and (y_high_open or x_low_open))
    )


def _bounds(
    value_low: float | None,
    value_high: float | None,
    low_open: Any,
    high_open: Any,
    likely_low: float | None,
    likely_high: float | None,
) -> _Bounds:
    """The likely interval (``likely_interval``) as plain floats, without building objects."""
    low = likely_low if likely_low is not None else value_low
    high = likely_high if likely_high is not None else value_high
    return (
        -_INF if low is None else low,
        bool(low_open) and low == value_low,
        _INF if high is None else high,
        bool(high_open) and high == value_high,
    )


def _sweep(
    days: Sequence[int],
    bounds: Sequence[_Bounds],
    window: float,
    left: list[int],
    flag: Callable[[int, int], bool],
) -> None:
    """Full run over one claim key, claims in as-of order: slide a window over them, keeping
    the window's later claims in two lists sorted by likely low and high bound, so each
    claim reaches the claims it conflicts with most directly (the ends of those lists)
    instead of scanning the window. ``left[i]`` is how many more flags claim ``i`` may take;
    ``flag(i, j)`` records the pair if it is one (True) and the sweep then charges both. A
    claim leaves the lists once it has its flags: O(n log n + n * max_flags) per key,
    however many reports agree with each other."""
    n = len(days)
    if not n:
        return
    lows: list[tuple[float, int, int]] = []  # (low, 1 if open, index): conflicts above
    highs: list[tuple[float, int, int]] = []  # (high, 0 if open, index): conflicts below
    present = [False] * n

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
    for i in range(n):
        if present[i]:
            remove(i)
        limit = days[i] + window
        while end < n and days[end] <= limit:
            if end > i and left[end] > 0:
                add(end)
            end += 1
        if left[i] <= 0 or not lows:
            continue
        low, low_open, high, high_open = bounds[i]
        # later claims whose low bound lies above this claim's high bound, largest first
        above_from = bisect_left(lows, (high, 0 if high_open else 1, -1))
        # later claims whose high bound lies below this claim's low bound, smallest first
        below_to = bisect_left(highs, (low, 2 if low_open else 1, -1))
        up, down = len(lows) - 1, 0
        while left[i] > 0 and (up >= above_from or down < below_to):
            gap_up = lows[up][0] - high if up >= above_from else -_INF
            gap_down = low - highs[down][0] if down < below_to else -_INF
            from_above = gap_up >= gap_down
            if from_above:
                j = lows[up][2]
                up -= 1
            else:
                j = highs[down][2]
                down += 1
            if flag(i, j):
                left[i] -= 1
                left[j] -= 1
                if left[j] <= 0:
                    remove(j)
                    if not from_above:
                        # j sat below ``down`` in highs and below ``above_from`` in lows
                        down -= 1
                        below_to -= 1
                        above_from -= 1
                        up -= 1


# A quantity claim in the full sweep, as read from the driver (after its claim key):
# (day, id, source_id, revision_id, sentence_index, value_low, value_high, low_open,
#  high_open, likely_low, likely_high), day = the as-of date's proleptic ordinal.
_DAY, _ID, _SOURCE, _REVISION, _SENTENCE = range(5)
_Found = dict[tuple[int, int], tuple[str, str, float, str]]


def _sweep_quantities(
    items: Sequence[tuple],
    window: int,
    max_flags: int,
    counts: dict[int, int],
    found: _Found,
) -> None:
    """Sweep one claim key's quantity claims (sorted by day, then id) into ``found``:
    pair -> (kind, hardness, severity, scope). ``counts`` holds flags already stored."""
    days = [item[_DAY] for item in items]
    bounds = [_bounds(*item[5:]) for item in items]
    if counts:
        left = [max_flags - counts.get(item[_ID], 0) for item in items]
    else:
        left = [max_flags] * len(items)

    def flag(i: int, j: int) -> bool:
        a, b = items[i], items[j]
        if a[_REVISION] == b[_REVISION] and a[_SENTENCE] == b[_SENTENCE]:
            return False  # two figures of one sentence
        found_ = _numeric(a[5:], b[5:], b[_DAY] - a[_DAY], window)
        if found_ is None:
            return False
        kind, hardness, severity = found_
        pair = (a[_ID], b[_ID]) if a[_ID] < b[_ID] else (b[_ID], a[_ID])
        found[pair] = (kind, hardness, severity, "intra" if a[_SOURCE] == b[_SOURCE] else "cross")
        return True

    _sweep(days, bounds, window, left, flag)


# --- the full run, one partition of the claim keys per process -------------------------

# The as-of date as a proleptic ordinal (date.toordinal), computed by the database.
_DAY_SQL = {
    "sqlite": "CAST(julianday(substr(as_of, 1, 10)) - 1721424.5 AS INTEGER)",
    "postgresql": "(as_of - DATE '0001-01-01' + 1)",
}
# which claims a partition sweeps: its subjects (a claim key lies wholly in one partition);
# the first partition takes every subject not given to another, so none is ever left out
_Partition = tuple[bool, list[int]]  # (True: all but these subjects | False: these), subjects
_EVERYTHING: _Partition = (True, [])


def _quantity_sql(dialect: str, partition: _Partition) -> str:
    """Quantity claims of one partition, unordered: (claim key..., day, id, ...). The
    filters are those of ``_current()``; subject ids are integers read from the database."""
    where = (
        "kind = 'quantity' AND measure IS NOT NULL AND as_of IS NOT NULL AND NOT superseded "
        "AND NOT retired AND NOT hedged AND subject_id IS NOT NULL"
    )
    rest, subjects = partition
    listed = ",".join(str(int(subject)) for subject in subjects)
    if rest and subjects:
        where += f" AND subject_id NOT IN ({listed})"
    elif not rest:
        where += f" AND subject_id IN ({listed})" if subjects else " AND 1 = 0"
    return (
        "SELECT subject_id, measure, verb_class, location_id, "
        f"{_DAY_SQL[dialect]}, id, source_id, revision_id, sentence_index, "
        "value_low, value_high, low_open, high_open, likely_low, likely_high "
        f"FROM claim WHERE {where}"
    )


def _partitions(session: Session, parts: int) -> list[_Partition]:
    """Split the subjects into ``parts`` partitions of about the same number of quantity
    claims (largest subject first, each to the lightest partition). The counts come from
    the ``ix_claim_key`` index alone."""
    if parts == 1:
        return [_EVERYTHING]
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
            key = row[:4]
            group = groups.get(key)
            if group is None:
                groups[key] = [row[4:]]
            else:
                group.append(row[4:])
    for group in groups.values():
        group.sort()  # (day, id) is unique: no comparison reaches the other columns
    return groups


def _sweep_partition(
    dbapi: Any,
    dialect: str,
    partition: _Partition,
    settings: DetectSettings,
    counts: dict[int, int],
) -> _Found:
    found: _Found = {}
    cursor = dbapi.cursor()
    try:
        groups = _quantity_keys(cursor, _quantity_sql(dialect, partition))
    finally:
        cursor.close()
    for (_, _, verb_class, _), items in groups.items():
        _sweep_quantities(items, settings.window_for(verb_class), settings.max_flags, counts, found)
    return found


def _sentence_keys(dbapi: Any, ids: Iterable[int]) -> dict[int, str]:
    """Claim id -> sentence key (``sentence_key`` of its text), for the syndication check."""
    keys: dict[int, str] = {}
    cursor = dbapi.cursor()
    try:
        for chunk in _chunks(sorted(ids)):
            # integers from the database: safe to inline, and no parameter limit applies
            cursor.execute(f"SELECT id, text FROM claim WHERE id IN ({','.join(map(str, chunk))})")
            keys.update((claim_id, _fold(text)) for claim_id, text in cursor.fetchall())
    finally:
        cursor.close()
    return keys


def _partition_job(
    dbapi: Any,
    dialect: str,
    partition: _Partition,
    settings: DetectSettings,
    counts: dict[int, int],
) -> tuple[_Found, dict[int, str]]:
    """One partition's pairs and the sentence keys of the claims in them."""
    found = _sweep_partition(dbapi, dialect, partition, settings, counts)
    return found, _sentence_keys(dbapi, {i for pair in found for i in pair})


def _worker() -> None:
    """A worker process: read a job from stdin, write its result to stdout (pickles)."""
    from factdb.db import make_engine

    gc.disable()  # short-lived and cycle-free: collections would only cost time
    url, partition, settings, counts = pickle.load(sys.stdin.buffer)
    engine = make_engine(url)
    try:
        raw = engine.raw_connection()  # SQLite: autocommit reads, never BEGIN IMMEDIATE
        try:
            result = _partition_job(raw, engine.dialect.name, partition, settings, counts)
        finally:
            raw.close()
    finally:
        engine.dispose()
    pickle.dump(result, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.flush()


# The worker is a fresh interpreter that imports only factdb (never the caller's __main__,
# as multiprocessing's spawn would; and no fork of a process holding database connections).
# It imports while the parent plans the partitions, then reads its job.
_WORKER_CODE = (
    "import pickle, sys; sys.path[:0] = pickle.load(sys.stdin.buffer); "
    "from factdb.detect import _worker; _worker()"
)


class _Worker:
    """A child process that sweeps one partition; the parent reads its result when it
    needs it. Any failure returns None, and the parent sweeps the partition itself."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _WORKER_CODE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.pool = ThreadPoolExecutor(1)
        self.pending: Future | None = None
        try:
            assert self.process.stdin is not None
            self.process.stdin.write(pickle.dumps([p for p in sys.path if p]))
            self.process.stdin.flush()
        except OSError:
            log.warning("detection worker did not start", exc_info=True)

    @classmethod
    def start(cls) -> _Worker | None:
        try:
            return cls()
        except OSError:  # no interpreter to start (an embedded Python): sweep here instead
            log.warning("detection worker could not start", exc_info=True)
            return None

    def send(self, url: str, partition: _Partition, settings: DetectSettings, counts: dict):
        job = pickle.dumps((url, partition, settings, counts), protocol=pickle.HIGHEST_PROTOCOL)
        self.pending = self.pool.submit(self.process.communicate, job)

    def result(self) -> tuple[_Found, dict[int, str]] | None:
        try:
            assert self.pending is not None
            out, err = self.pending.result()
            if self.process.returncode == 0:
                return pickle.loads(out)
            log.warning(
                "detection worker failed (exit %s): %s",
                self.process.returncode,
                err.decode(errors="replace").strip()[-2000:],
            )
        except Exception:  # any failure: the parent sweeps the partition itself
            log.warning("detection worker failed", exc_info=True)
        finally:
            self.close()
        return None

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.pool.shutdown(wait=True)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None and not stream.closed:
                stream.close()
        self.process.wait()


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _processes(session: Session, workers: int | None) -> tuple[int, str | None]:
    """How many partitions to sweep in parallel, and the URL the workers open. The workers
    read the committed store: only a session with no transaction of its own yet (so no
    uncommitted rows, pending or flushed) may hand work to them; ``factdb detect`` runs in a
    fresh session."""
    if session.in_transaction() or workers == 1:
        return 1, None
    connection = session.connection()
    url = connection.engine.url
    if (
        connection.dialect.name not in _DAY_SQL
        or session.new
        or session.dirty
        or session.deleted
        or (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"))
        or url.query.get("mode") == "memory"
    ):
        return 1, None
    if workers is None:
        workers = _idle_cores()
        if workers > 1:
            highest = session.scalar(select(func.max(Claim.id))) or 0
            if highest < _PARALLEL_MIN_CLAIMS:
                workers = 1
    return max(1, workers), url.render_as_string(hide_password=False)


def _idle_cores() -> int:
    """Processes worth running: this one plus one per core nothing else is running on, at
    most _MAX_WORKERS. A worker on a busy core only adds its start-up and the extra
    reading to the run (benchmarks/detect.md)."""
    cpus = min(_cpus(), _MAX_WORKERS)
    others = _other_runnable()
    return max(1, cpus - others) if others is not None else cpus


def _other_runnable() -> int | None:
    """Processes running or waiting for a core right now besides this one (Linux: the
    fourth field of /proc/loadavg, lowest of three looks), None where unknown."""
    try:
        looks = []
        for _ in range(3):
            with open("/proc/loadavg", encoding="ascii") as fh:
                looks.append(int(fh.read().split()[3].split("/")[0]) - 1)
        return max(0, min(looks))
    except (OSError, ValueError, IndexError):
        return None


@contextmanager
def _no_gc() -> Iterator[None]:
    """The run allocates millions of small, acyclic objects: pausing the cyclic collector
    saves it from walking them again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- incremental runs (the claims of one ingest against the store) ---------------------

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


def _quantity_groups(
    session: Session, new_ids: set[int], settings: DetectSettings
) -> Iterator[list[_Fact]]:
    """The windows around the new quantity claims, by claim key, each in as-of order."""
    base = select(*_SWEEP_COLUMNS).where(
        Claim.kind == "quantity",
        Claim.measure.is_not(None),
        Claim.as_of.is_not(None),
        *_current(),
    )
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


def _likely_bounds(row: Any) -> _Bounds:
    return _bounds(
        row.value_low, row.value_high, row.low_open, row.high_open, row.likely_low, row.likely_high
    )


class _Pairing:
    """Shared bookkeeping of one incremental run: findings and flags per claim."""

    def __init__(self, settings: DetectSettings, counts: dict[int, int]) -> None:
        self.settings = settings
        self.found: dict[tuple[int, int], Finding] = {}
        self.counts = counts
        self.kind = "quantity"  # which comparison ``flag`` applies

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


# --- one-off events (few: read with Core, in both kinds of run) ------------------------


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

    for _, group in _grouped(sorted(rows, key=key), key):
        yield group


def _grouped(rows: list, key: Callable[[Any], Any]) -> Iterator[tuple[Any, list]]:
    from itertools import groupby

    for k, group in groupby(rows, key=key):
        yield k, list(group)


def _event_bounds(rows: Sequence[Any]) -> list[_Bounds]:
    return [
        (float(r.date_start.toordinal()), False, float(r.date_end.toordinal()), False) for r in rows
    ]


def _sweep_events(
    rows: list[Row], max_flags: int, counts: dict[int, int], found: dict[tuple[int, int], Finding]
) -> None:
    """Full run: one-off events conflict when their date intervals are disjoint, at any
    distance in time: the same capped sweep, with dates as the bounds and no window."""
    rows = sorted(rows, key=lambda r: (r.date_start, r.id))
    left = [max_flags - counts.get(r.id, 0) for r in rows]

    def flag(i: int, j: int) -> bool:
        a, b = rows[i], rows[j]
        if a.revision_id == b.revision_id and a.sentence_index == b.sentence_index:
            return False
        finding = compare_events(a, b)
        if finding is None:
            return False
        found[(a.id, b.id) if a.id < b.id else (b.id, a.id)] = _finding(a, b, finding)
        return True

    _sweep([0] * len(rows), _event_bounds(rows), _INF, left, flag)


def _event_pairs_new(rows: list[Row], new_ids: set[int], run: _Pairing) -> None:
    """Incremental: each new one-off event against every event of its key."""
    run.kind = "event"
    rows = sorted(rows, key=lambda r: (r.date_start, r.id))
    bounds = _event_bounds(rows)
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


# --- one report per pair of sentences ----------------------------------------------------


def _one_per_report(
    session: Session,
    found: dict[tuple[int, int], Any],
    keys: dict[int, str],
    flagged: set[int] | None = None,
) -> dict[tuple[int, int], Finding]:
    """Drop pairs that repeat a stored or earlier pair through a syndicated copy: the same
    two sentences are one report, however many outlets carried the wire story. ``keys``
    holds the sentence key of every claim in ``found``; values that are tuples become
    ``Finding``s. The result is in pair order."""
    if not found:
        return {}
    from sqlalchemy.orm import aliased

    # each distinct sentence key as a small int: a report is the sorted pair of two ints
    numbers: dict[str, int] = {}

    def number(key: str) -> int:
        n = numbers.get(key)
        if n is None:
            n = numbers[key] = len(numbers)
        return n

    def report(a: int, b: int) -> tuple[int, int]:
        return (a, b) if a <= b else (b, a)

    seen: set[tuple[int, int]] = set()
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
        seen.update(report(number(_fold(a)), number(_fold(b))) for a, b in stored)
    claim_number = {claim_id: number(key) for claim_id, key in keys.items()}
    pairs = sorted(found)
    if not seen and len(numbers) == len(claim_number):
        # every claim has its own sentence: no two pairs can be one report
        return {pair: _as_finding(found[pair]) for pair in pairs}
    kept: dict[tuple[int, int], Finding] = {}
    for pair in pairs:
        key = report(claim_number[pair[0]], claim_number[pair[1]])
        if key not in seen:
            seen.add(key)
            kept[pair] = _as_finding(found[pair])
    return kept


def _as_finding(found: Finding | tuple[str, str, float, str]) -> Finding:
    return found if isinstance(found, Finding) else Finding(*found)


def find_contradictions(
    session: Session,
    claim_ids: Iterable[int] | None = None,
    settings: DetectSettings | None = None,
    *,
    workers: int | None = None,
) -> dict[tuple[int, int], Finding]:
    """Every conflicting pair that involves one of ``claim_ids`` (default: all claims).

    A full run over a large store sweeps its claim keys in ``workers`` processes (default:
    one per idle core, at most 4, from 150,000 claims on); ``workers=1`` keeps it in this
    one. The pairs are the same either way."""
    settings = settings or DetectSettings()
    if claim_ids is not None:
        return _find_new(session, set(claim_ids), settings)
    with _no_gc():
        return _find_all(session, settings, workers)


def _find_new(
    session: Session, new_ids: set[int], settings: DetectSettings
) -> dict[tuple[int, int], Finding]:
    if not new_ids:
        return {}
    run = _Pairing(settings, {})
    for group in _quantity_groups(session, new_ids, settings):
        _sweep_new(group, new_ids, run)
    for event_group in _event_groups(session, new_ids):
        _event_pairs_new(event_group, new_ids, run)
    keys = _sentence_keys(session.connection().connection, {i for p in run.found for i in p})
    return _one_per_report(session, run.found, keys)


def _find_all(
    session: Session, settings: DetectSettings, workers: int | None
) -> dict[tuple[int, int], Finding]:
    parts, url = _processes(session, workers)
    # the first statement: on SQLite it takes the write lock (BEGIN IMMEDIATE), so nothing
    # is committed between what this process and the workers read
    stored = _stored_counts(session)
    connection = session.connection()
    dialect = connection.dialect.name
    if dialect not in _DAY_SQL:  # another database: the portable reader
        found: dict[tuple[int, int], Any] = dict(_portable_sweep(session, settings, stored))
        for group in _event_groups(session, None):
            _sweep_events(group, settings.max_flags, stored, found)
        keys = _sentence_keys(connection.connection, {i for pair in found for i in pair})
        return _one_per_report(session, found, keys, {i for i, n in stored.items() if n})
    helpers = [_Worker.start() for _ in range(1, parts)] if url is not None else []
    try:
        partitions = _partitions(session, len(helpers) + 1)
        for helper, partition in zip(helpers, partitions[1:], strict=True):
            if helper is not None:
                helper.send(url or "", partition, settings, stored)
        dbapi = connection.connection
        found, keys = _partition_job(dbapi, dialect, partitions[0], settings, stored)
        events: dict[tuple[int, int], Finding] = {}
        for group in _event_groups(session, None):
            _sweep_events(group, settings.max_flags, stored, events)
        found.update(events)  # type: ignore[arg-type]
        keys.update(_sentence_keys(dbapi, {i for pair in events for i in pair}))
        for helper, partition in zip(helpers, partitions[1:], strict=True):
            result = None if helper is None else helper.result()
            if result is None:
                result = _partition_job(dbapi, dialect, partition, settings, stored)
            found.update(result[0])
            keys.update(result[1])
    finally:
        for helper in helpers:
            if helper is not None:
                helper.close()
    return _one_per_report(session, found, keys, {i for i, n in stored.items() if n})


def _portable_sweep(session: Session, settings: DetectSettings, counts: dict[int, int]) -> _Found:
    """Quantity pairs through Core, for a database without a day expression in _DAY_SQL."""
    query = select(*_SWEEP_COLUMNS).where(
        Claim.kind == "quantity",
        Claim.measure.is_not(None),
        Claim.as_of.is_not(None),
        *_current(),
    )
    groups: dict[tuple, list[tuple]] = {}
    for row in session.connection().execute(query):
        fact = _Fact(row)
        groups.setdefault(tuple(row[4:8]), []).append(
            (fact.day, fact.id, fact.source_id, fact.revision_id, fact.sentence_index, *row[8:14])
        )
    found: _Found = {}
    for (_, _, verb_class, _), items in groups.items():
        items.sort()
        _sweep_quantities(items, settings.window_for(verb_class), settings.max_flags, counts, found)
    return found


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
    with _no_gc():
        return _store(session, found)


def _store(session: Session, found: dict[tuple[int, int], Finding]) -> list[int]:
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
        cursor = connection.connection.cursor()
        try:
            cursor.execute(f"SELECT id FROM contradiction WHERE id > {int(before)} ORDER BY id")
            return [row[0] for row in cursor.fetchall()]
        finally:
            cursor.close()
    driver = connection.connection.driver_connection
    if len(rows) >= _COPY_MIN_ROWS and hasattr(driver, "pipeline"):  # psycopg 3: COPY
        return _copy_postgresql(driver, rows)
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


def _copy_postgresql(driver: Any, rows: list[tuple]) -> list[int]:
    """Many pairs into PostgreSQL: COPY them into a temporary table, then one INSERT ...
    SELECT with the same ON CONFLICT DO NOTHING, in pair order. Binding 8 parameters a row
    through executemany costs the client ~30 us a row; COPY ~2 us."""
    columns = ", ".join(_COLUMNS_STORED)
    with driver.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE factdb_new_pairs AS SELECT {columns} FROM contradiction "
            "WITH NO DATA"
        )
        try:
            with cursor.copy(f"COPY factdb_new_pairs ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"INSERT INTO contradiction ({columns}) SELECT {columns} FROM factdb_new_pairs "
                "ORDER BY claim_a_id, claim_b_id "
                "ON CONFLICT (claim_a_id, claim_b_id) DO NOTHING RETURNING id"
            )
            new = sorted(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("DROP TABLE factdb_new_pairs")
    return new


def detect(
    session: Session,
    claim_ids: Iterable[int] | None = None,
    settings: DetectSettings | None = None,
    *,
    workers: int | None = None,
) -> list[int]:
    """Find and store contradictions for ``claim_ids`` (default: all); returns new ids."""
    found = find_contradictions(session, claim_ids, settings, workers=workers)
    return store_contradictions(session, found)
