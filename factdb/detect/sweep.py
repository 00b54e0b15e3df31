"""The capped sweep over one claim key: which of its claims conflict, without all pairs.

Claims of one key are swept in as-of order, so a claim meets only the claims inside its
window; each claim is flagged against at most ``max_flags`` others (flags already stored
count), the largest disagreements first. A full run sweeps every key (``sweep_quantities``,
``sweep_events``); an incremental run compares each new claim with its window
(``sweep_new``, ``event_pairs_new``). Two figures of one sentence are never a pair.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Sequence
from typing import Any

from factdb.config import DetectSettings
from factdb.detect.rules import (
    INF,
    Figures,
    Finding,
    Interval,
    compare_events,
    compare_figures,
    compare_quantities,
    dates,
    figures,
    gap,
    likely,
    rounded,
    with_scope,
)
from factdb.vocabulary import Scope

# pair -> (kind, hardness, severity, scope): a Finding's fields, as the full sweep keeps them
Found = dict[tuple[int, int], tuple[str, str, float, str]]

# A quantity claim in the full sweep, as read from the driver (after its claim key):
# (day, id, source_id, revision_id, sentence_index, value_low, value_high, low_open,
#  high_open, likely_low, likely_high[, estimate]), day = the as-of date's proleptic
# ordinal; estimate (0 when absent) is 1 for a figure put forward as an estimate.
_DAY, _ID, _SOURCE, _REVISION, _SENTENCE = range(5)
_FIGURES = slice(5, 11)


def _estimate(item: tuple) -> bool:
    return len(item) > 11 and bool(item[11])


def estimate_below(estimate: Figures, count: Figures) -> bool:
    """Whether an estimate of a toll can conflict with a count of it: only from below. A
    count is a lower bound of the true toll (bodies not yet found are not in it), so an
    estimate above it agrees ("estimated 200,000 dead" beside 150,000 counted), while one
    wholly below it ("between 46,000 and 85,000" against the official 316,000) disputes
    it."""
    return likely(estimate)[2] < likely(count)[0]


def mixed_agree(a_estimate: bool, a: Figures, b_estimate: bool, b: Figures) -> bool:
    """An estimate and a count of one toll that cannot conflict (the estimate is not
    wholly below the count); False for two estimates or two counts."""
    if a_estimate == b_estimate:
        return False
    estimate, count = (a, b) if a_estimate else (b, a)
    return not estimate_below(estimate, count)


def capped_sweep(
    days: Sequence[int],
    bounds: Sequence[Interval],
    window: float,
    left: list[int],
    flag: Callable[[int, int], bool],
    above: bool = True,
) -> None:
    """Full run over one claim key, claims in as-of order: slide a window over them, keeping
    the window's later claims in two lists sorted by likely low and high bound, so each
    claim reaches the claims it conflicts with most directly (the ends of those lists)
    instead of scanning the window. ``left[i]`` is how many more flags claim ``i`` may take;
    ``flag(i, j)`` records the pair if it is one (True) and the sweep then charges both. A
    claim leaves the lists once it has its flags: O(n log n + n * max_flags) per key,
    however many reports agree with each other. ``above=False`` looks only for later claims
    below each claim (a cumulative toll: later and higher is an update)."""
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

    def remove(j: int) -> tuple[int, int]:
        """Take ``j`` out of both lists; returns where it was in each."""
        low, low_open, high, high_open = bounds[j]
        in_lows = bisect_left(lows, (low, int(low_open), j))
        in_highs = bisect_left(highs, (high, int(not high_open), j))
        del lows[in_lows]
        del highs[in_highs]
        present[j] = False
        return in_lows, in_highs

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
        above_from = bisect_left(lows, (high, 0 if high_open else 1, -1)) if above else len(lows)
        # later claims whose high bound lies below this claim's low bound, smallest first
        below_to = bisect_left(highs, (low, 2 if low_open else 1, -1))
        up, down = len(lows) - 1, 0
        while left[i] > 0 and (up >= above_from or down < below_to):
            gap_up = lows[up][0] - high if up >= above_from else -INF
            gap_down = low - highs[down][0] if down < below_to else -INF
            from_above = gap_up >= gap_down
            if from_above:
                j = lows[up][2]
                up -= 1
            else:
                j = highs[down][2]
                down += 1
                if (bounds[j][0], bounds[j][1]) >= (high, not high_open):
                    continue  # an empty interval, (2, 2], lies above too: met once, from above
            if flag(i, j):
                left[i] -= 1
                left[j] -= 1
                if left[j] <= 0:
                    # the positions after j's shift down by one: for a well-formed interval
                    # j from below sat below ``down`` in highs and below ``above_from`` in
                    # lows, j from above after ``up`` in lows and after ``below_to`` in
                    # highs; an empty interval such as (2, 2] can sit elsewhere
                    in_lows, in_highs = remove(j)
                    up -= in_lows <= up
                    above_from -= in_lows < above_from
                    down -= in_highs < down
                    below_to -= in_highs < below_to


def sweep_quantities(
    items: Sequence[tuple],
    window: int,
    max_flags: int,
    counts: dict[int, int],
    found: Found,
    rising: bool = False,
) -> None:
    """Sweep one claim key's quantity claims (sorted by day, then id) into ``found``.
    ``counts`` holds flags already stored. ``rising``: the key's measure is cumulative, so
    claims of one day meet in both directions first, then later claims only from below."""
    days = [item[_DAY] for item in items]
    bounds = [likely(item[_FIGURES]) for item in items]
    if counts:
        left = [max_flags - counts.get(item[_ID], 0) for item in items]
    else:
        left = [max_flags] * len(items)

    def flag(i: int, j: int) -> bool:
        a, b = items[i], items[j]
        if a[_REVISION] == b[_REVISION] and a[_SENTENCE] == b[_SENTENCE]:
            return False  # two figures of one sentence
        pair = (a[_ID], b[_ID]) if a[_ID] < b[_ID] else (b[_ID], a[_ID])
        if pair in found:
            return False
        same_source = a[_SOURCE] == b[_SOURCE]
        if same_source and rounded(a[_FIGURES], b[_FIGURES]):
            return False  # a headline's rounded figure and the body's exact one
        if mixed_agree(_estimate(a), a[_FIGURES], _estimate(b), b[_FIGURES]):
            return False  # an estimate above a count of the toll agrees with it
        found_ = compare_figures(a[_FIGURES], b[_FIGURES], b[_DAY] - a[_DAY], window, rising)
        if found_ is None:
            return False
        kind, hardness, severity = found_
        found[pair] = (kind, hardness, severity, Scope.intra if same_source else Scope.cross)
        return True

    if rising:
        _same_days(days, bounds, left, flag)  # a day's rival counts first: often the largest
    capped_sweep(days, bounds, window, left, flag, above=not rising)


def _same_days(
    days: Sequence[int], bounds: Sequence[Interval], left: list[int], flag: Callable
) -> None:
    """A cumulative key's claims of one day against each other, in both directions."""
    start = 0
    for end in range(1, len(days) + 1):
        if end < len(days) and days[end] == days[start]:
            continue
        if end - start > 1:
            members = range(start, end)
            sub_left = [left[k] for k in members]
            capped_sweep(
                [0] * len(members),
                [bounds[k] for k in members],
                0,
                sub_left,
                lambda i, j, base=start: flag(base + i, base + j),
            )
            for k, value in zip(members, sub_left, strict=True):
                left[k] = value
        start = end


def _event_bounds(rows: Sequence[Any]) -> list[Interval]:
    return [dates(r.date_start, r.date_end) for r in rows]


def sweep_events(rows: list[Any], max_flags: int, counts: dict[int, int], found: dict) -> None:
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
        found[(a.id, b.id) if a.id < b.id else (b.id, a.id)] = with_scope(a, b, finding)
        return True

    capped_sweep([0] * len(rows), _event_bounds(rows), INF, left, flag)


class Pairing:
    """The findings of one incremental run, each pair recorded once."""

    def __init__(self, settings: DetectSettings) -> None:
        self.settings = settings
        self.found: dict[tuple[int, int], Finding] = {}

    def flag(self, a: Any, b: Any, compare: Callable[[Any, Any], Finding | None]) -> bool:
        """Record the pair if it really conflicts and is not one report; True if recorded."""
        pair = (min(a.id, b.id), max(a.id, b.id))
        if a.id == b.id or pair in self.found:
            return False
        if a.revision_id == b.revision_id and a.sentence_index == b.sentence_index:
            return False
        finding = compare(a, b)
        if finding is None:
            return False
        self.found[pair] = with_scope(a, b, finding)
        return True

    def flag_largest(
        self,
        a: Any,
        conflicts: list[tuple],
        rows: Sequence[Any],
        compare: Callable[[Any, Any], Finding | None],
    ) -> None:
        """Flag ``a`` against the rows of ``conflicts`` (sort keys ending in a row index),
        in their sorted order, until ``max_flags`` pairs are recorded."""
        flagged = 0
        for conflict in sorted(conflicts):
            if flagged >= self.settings.max_flags:
                break
            flagged += self.flag(a, rows[conflict[-1]], compare)


def sweep_new(
    rows: list[Any], new_ids: set[int], run: Pairing, window: int, rising: bool = False
) -> None:
    """Incremental: each new claim against its window (rows of one claim key in as-of
    order, each with a ``day``), the largest disagreements first."""
    if not rows:
        return
    days = [row.day for row in rows]
    bounds = [likely(figures(row)) for row in rows]

    def compare(a: Any, b: Any) -> Finding | None:
        if mixed_agree(bool(a.estimate), figures(a), bool(b.estimate), figures(b)):
            return None  # an estimate above a count of the toll agrees with it
        return compare_quantities(a, b, window, rising)

    for i, a in enumerate(rows):
        if a.id not in new_ids:
            continue
        conflicts = []
        for j in range(bisect_left(days, days[i] - window), bisect_right(days, days[i] + window)):
            if j != i and (distance := gap(bounds[i], bounds[j])) is not None:
                conflicts.append((-distance, abs(days[j] - days[i]), j))
        run.flag_largest(a, conflicts, rows, compare)


def event_pairs_new(rows: list[Any], new_ids: set[int], run: Pairing) -> None:
    """Incremental: each new one-off event against every event of its key."""
    rows = sorted(rows, key=lambda r: (r.date_start, r.id))
    bounds = _event_bounds(rows)
    for i, a in enumerate(rows):
        if a.id not in new_ids:
            continue
        conflicts = [
            (-distance, j)
            for j in range(len(rows))
            if j != i and (distance := gap(bounds[i], bounds[j])) is not None
        ]
        run.flag_largest(a, conflicts, rows, compare_events)
