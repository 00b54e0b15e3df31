"""When two claims conflict: the comparison rules, on one interval type.

Every comparison in detection (quantities' logical and likely figures, one-off events'
dates, the sweep's bounds) goes through ``Interval`` and ``gap``: an interval is a plain
tuple ``(low, low_open, high, high_open)`` with unbounded ends as -inf / +inf, because the
full sweep builds millions of them and a tuple is the cheapest object Python has.

Rules (DESIGN.md, claim semantics): disjoint *logical* intervals are a hard contradiction;
overlapping logical but disjoint *likely* intervals a soft discrepancy; one-off events with
disjoint date intervals a hard contradiction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Protocol

from factdb.vocabulary import ContradictionKind, Hardness, Scope

DETECTOR_VERSION = "3"

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

INF = float("inf")

# (low, low open, high, high open); unbounded ends are -inf / +inf. Made by ``logical``,
# ``likely`` and ``dates``, compared by ``gap``.
Interval = tuple[float, bool, float, bool]

# A quantity's figures as the comparison reads them, in this order:
# (value_low, value_high, low_open, high_open, likely_low, likely_high)
Figures = tuple


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
class Finding:
    """Why two claims conflict, before it is stored."""

    kind: str  # numeric | date
    hardness: str  # hard | soft
    severity: float
    scope: str = Scope.cross


def logical(figures: Figures) -> Interval:
    """What a quantity's wording allows: "more than 5,000" is (5000, inf)."""
    low, high, low_open, high_open = figures[:4]
    return (
        -INF if low is None else low,
        bool(low_open),
        INF if high is None else high,
        bool(high_open),
    )


def likely(figures: Figures) -> Interval:
    """What a quantity's wording most likely means: a likely bound replaces the logical one
    and stays open only where it is the logical bound ("more than 5,000": (5000, 6000])."""
    value_low, value_high, low_open, high_open, likely_low, likely_high = figures
    low = likely_low if likely_low is not None else value_low
    high = likely_high if likely_high is not None else value_high
    return (
        -INF if low is None else low,
        bool(low_open) and low == value_low,
        INF if high is None else high,
        bool(high_open) and high == value_high,
    )


def dates(start: date, end: date) -> Interval:
    """A closed date interval as day numbers (proleptic ordinals)."""
    return (float(start.toordinal()), False, float(end.toordinal()), False)


def gap(x: Interval, y: Interval) -> float | None:
    """Distance between two disjoint intervals, None when they overlap: THE comparison."""
    x_low, x_low_open, x_high, x_high_open = x
    y_low, y_low_open, y_high, y_high_open = y
    if x_high < y_low:
        return float(y_low - x_high)  # x wholly below y
    if y_high < x_low:
        return float(x_low - y_high)  # y wholly below x
    if (x_high == y_low and (x_high_open or y_low_open)) or (
        y_high == x_low and (y_high_open or x_low_open)
    ):
        return 0.0  # they only touch at an excluded bound
    return None


def _relative(distance: float, x: Interval, y: Interval) -> float:
    """The gap relative to the largest finite magnitude among the bounds (at least 1),
    capped at 1."""
    scale = 1.0
    for v in (x[0], x[2], y[0], y[2]):
        if scale < abs(v) < INF:
            scale = abs(v)
    return min(1.0, distance / scale)


def compare_figures(
    a: Figures, b: Figures, days: int, window: int, rising: bool = False
) -> tuple[str, str, float] | None:
    """(kind, hardness, severity) of two quantities, ``b`` reported ``days`` after ``a``
    (0 or more), or None: the rule of ``compare_quantities`` on plain tuples, so the full
    sweep builds no objects.

    ``rising``: the measure is cumulative (a death toll), so a later figure above the
    earlier one is an update, not a contradiction; a later lower one, or two different
    figures of one day, still conflict. Bounds that only touch ("more than 316,000" and
    "316,000") are read as one figure, not as disjoint."""
    if days > window:
        return None
    time_factor = 1.0 - 0.5 * (days / window if window else 0.0)
    x, y = logical(a), logical(b)
    distance = gap(x, y)
    if distance:
        if rising and days > 0 and y[0] >= x[2]:
            return None
        return (
            ContradictionKind.numeric,
            Hardness.hard,
            round((0.5 + 0.5 * _relative(distance, x, y)) * time_factor, 3),
        )
    x, y = likely(a), likely(b)
    distance = gap(x, y)
    if not distance or (rising and days > 0 and y[0] >= x[2]):
        return None
    return (
        ContradictionKind.numeric,
        Hardness.soft,
        round(0.5 * max(_relative(distance, x, y), 0.1) * time_factor, 3),
    )


def rounded(a: Figures, b: Figures) -> bool:
    """One exact figure is the other rounded to fewer digits ("hits 5,000" and "5,057"):
    a headline or standfirst restating the body, one report rather than two."""
    x, y = a[0], b[0]
    if x is None or y is None or x != a[1] or y != b[1] or x == y or min(x, y) < 1000:
        return False  # small counts are not rounded: "20" and "24" dead do disagree
    step = 10.0
    while step <= max(abs(x), abs(y)):
        if round(y / step) * step == x or round(x / step) * step == y:
            return True
        step *= 10
    return False


# A claim's figures (``Figures``), from any object with the claim's attributes.
figures = attrgetter(
    "value_low", "value_high", "low_open", "high_open", "likely_low", "likely_high"
)


def compare_quantities(
    a: ClaimFacts, b: ClaimFacts, window: int, rising: bool = False
) -> Finding | None:
    """Hard when logical intervals are disjoint, soft when only the likely ones are; for a
    cumulative measure (``rising``) a later, higher figure is an update.

    Severity: hard = (0.5 + 0.5 * relative gap) * time factor; soft = 0.5 * relative gap *
    time factor, where the time factor falls from 1 (same day) to 0.5 (window apart).
    """
    if a.as_of is None or b.as_of is None:
        return None  # a figure that cannot be placed in time cannot be compared
    if rising and b.as_of < a.as_of:
        a, b = b, a  # the rising rule reads them in time order
    if a.source_id == b.source_id and rounded(figures(a), figures(b)):
        return None
    found = compare_figures(figures(a), figures(b), abs((b.as_of - a.as_of).days), window, rising)
    return None if found is None else Finding(*found)


def compare_events(a: ClaimFacts, b: ClaimFacts) -> Finding | None:
    """One-off events with the same key contradict when their dates cannot overlap."""
    if a.date_start is None or a.date_end is None or b.date_start is None or b.date_end is None:
        return None
    days = gap(dates(a.date_start, a.date_end), dates(b.date_start, b.date_end))
    if days is None:
        return None
    return Finding(ContradictionKind.date, Hardness.hard, round(min(1.0, 0.5 + days / 730), 3))


def with_scope(a: ClaimFacts, b: ClaimFacts, found: Finding) -> Finding:
    """The finding with its scope: pairs within one source are "intra", others "cross"."""
    scope = Scope.intra if a.source_id == b.source_id else Scope.cross
    return Finding(found.kind, found.hardness, found.severity, scope)
