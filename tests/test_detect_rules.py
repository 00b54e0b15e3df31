"""Detection semantics as pure functions over unsaved claims (DESIGN.md, claim semantics)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from types import SimpleNamespace
from typing import NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.config import DetectSettings
from factdb.db.models import Claim
from factdb.detect import Finding, compare_events, compare_quantities, sentence_key
from factdb.detect.rules import INF, figures, gap, logical, rounded
from factdb.detect.sweep import sweep_quantities
from factdb.workers import other_runnable, spare_cores

SETTINGS = DetectSettings(window_days=30)
_ids = iter(range(1, 10_000))


def quantity(
    low: float | None,
    high: float | None,
    *,
    low_open: bool = False,
    high_open: bool = False,
    likely: tuple[float | None, float | None] | None = None,
    as_of: date = date(2018, 2, 6),
    source_id: int | None = None,
    hedged: bool = False,
    text: str | None = None,
) -> Claim:
    cid = next(_ids)
    return Claim(
        id=cid,
        source_id=source_id if source_id is not None else cid,
        revision_id=source_id if source_id is not None else cid,
        sentence_index=cid,
        kind="quantity",
        text=text or f"claim {cid}",
        value_low=low,
        value_high=high,
        low_open=low_open,
        high_open=high_open,
        likely_low=likely[0] if likely else None,
        likely_high=likely[1] if likely else None,
        as_of=as_of,
        hedged=hedged,
        superseded=False,
    )


MORE_THAN_5000 = dict(low_open=True, likely=(5000, 6000))


def compare(a: Claim, b: Claim, settings: DetectSettings) -> Finding | None:
    """The pure part of detection: the interval comparison of two claims."""
    return compare_quantities(a, b, settings.window_for(getattr(a, "verb_class", None)))


def test_disjoint_logical_intervals_are_a_hard_contradiction() -> None:
    a = quantity(5000, None, **MORE_THAN_5000)
    b = quantity(3150, 3850, likely=(3150, 3850))
    finding = compare(a, b, SETTINGS)
    assert finding is not None and finding.hardness == "hard" and finding.kind == "numeric"
    assert 0.5 <= finding.severity <= 1.0


def test_overlapping_logical_but_disjoint_likely_is_soft_and_less_severe() -> None:
    a = quantity(5000, None, **MORE_THAN_5000)
    b = quantity(8010, 9790, likely=(8010, 9790))
    hard = compare(a, quantity(3150, 3850), SETTINGS)
    soft = compare(a, b, SETTINGS)
    assert soft is not None and soft.hardness == "soft"
    assert hard is not None and soft.severity < hard.severity


def test_consistent_figures_are_not_flagged() -> None:
    a = quantity(5000, None, **MORE_THAN_5000)
    assert compare(a, quantity(4680, 5720), SETTINGS) is None


def test_open_bound_touching_a_value_is_the_same_figure() -> None:
    # "over 316,000" and "316,000": a reporter's "over" on the official figure, not two tolls
    more_than = quantity(5000, None, low_open=True)
    exactly = quantity(5000, 5000)
    assert compare(more_than, exactly, SETTINGS) is None
    assert compare(more_than, quantity(4999, 4999), SETTINGS) is not None
    at_least = quantity(5000, None)
    assert compare(at_least, quantity(5000, 5000), SETTINGS) is None


def test_outside_the_window_is_not_compared_but_a_wider_window_is() -> None:
    a = quantity(5000, None, **MORE_THAN_5000, as_of=date(2018, 2, 6))
    b = quantity(3000, 3000, as_of=date(2017, 10, 2))
    assert compare(a, b, SETTINGS) is None
    assert compare(a, b, DetectSettings(window_days=365)) is not None


def test_severity_shrinks_with_time_between_claims() -> None:
    a = quantity(5000, None, **MORE_THAN_5000, as_of=date(2018, 2, 6))
    near = compare(a, quantity(3000, 3000, as_of=date(2018, 2, 7)), SETTINGS)
    far = compare(a, quantity(3000, 3000, as_of=date(2018, 3, 5)), SETTINGS)
    assert near is not None and far is not None and far.severity < near.severity


def test_severity_grows_with_the_gap() -> None:
    a = quantity(5000, 5000)
    small = compare(a, quantity(4500, 4500), SETTINGS)
    large = compare(a, quantity(1000, 1000), SETTINGS)
    assert small is not None and large is not None and large.severity > small.severity


def test_sentence_key_folds_case_quotes_and_spacing() -> None:
    assert sentence_key("“Five” \u00a0 troops") == sentence_key('"five" troops')
    assert sentence_key("Five troops") != sentence_key("Six troops")


def test_claims_without_as_of_are_not_compared() -> None:
    a = quantity(5000, 5000)
    b = quantity(1000, 1000)
    b.as_of = None
    assert compare(a, b, SETTINGS) is None


def test_interval_gap() -> None:
    def span(low, high, low_open=False, high_open=False):
        return logical((low, high, low_open, high_open))

    assert gap(span(1, 2), span(5, 9)) == 3
    assert gap(span(5, None), span(1, 2)) == 3
    assert gap(span(1, 5), span(4, 9)) is None
    assert gap(span(None, None), span(1, 2)) is None
    assert span(None, None) == (-INF, False, INF, False)
    assert gap(span(1, 5, high_open=True), span(5, 9)) == 0  # touching at an open bound
    assert gap(span(1, 5), span(5, 9)) is None


def test_one_off_events_conflict_when_their_dates_are_disjoint() -> None:
    def capture(start: date, end: date) -> SimpleNamespace:
        return SimpleNamespace(source_id=1, date_start=start, date_end=end)

    june = capture(date(2014, 6, 1), date(2014, 6, 30))
    later = compare_events(june, capture(date(2015, 6, 30), date(2015, 7, 1)))
    assert later == Finding("date", "hard", round(0.5 + 365 / 730, 3))
    assert compare_events(june, capture(date(2014, 6, 30), date(2014, 7, 5))) is None
    assert compare_events(june, capture(date(2014, 7, 1), date(2014, 7, 1))) is not None
    assert compare_events(june, capture(None, None)) is None


# --- the full sweep against brute force -------------------------------------------------

_bound = st.one_of(st.none(), st.integers(0, 12).map(float))


@st.composite
def _rows(draw):
    n = draw(st.integers(0, 25))
    rows = []
    for i in range(n):
        low = draw(st.integers(0, 12))
        width = draw(st.one_of(st.none(), st.integers(0, 4)))
        high = None if width is None else low + width
        # a likely interval inside the logical one (as the extractor gives: "more than
        # 5,000" is (5000, inf) logically, (5000, 6000] likely), or none
        likely_low = likely_high = None
        if draw(st.booleans()):
            likely_low = float(draw(st.integers(low, low if high is None else high)))
            likely_high = float(draw(st.integers(int(likely_low), int(likely_low) + 4)))
            if high is not None:
                likely_high = min(likely_high, float(high))
        rows.append(
            SimpleNamespace(
                id=i + 1,
                source_id=draw(st.integers(1, 4)),
                revision_id=draw(st.integers(1, 4)),
                sentence_index=draw(st.integers(0, 3)),
                text=f"claim {i}",
                verb_class="stock",
                value_low=float(low),
                value_high=None if high is None else float(high),
                low_open=draw(st.booleans()),
                high_open=draw(st.booleans()) if width else False,
                likely_low=likely_low,
                likely_high=likely_high,
                as_of=date(2018, 1, 1) + timedelta(days=draw(st.integers(0, 40))),
            )
        )
    return sorted(rows, key=lambda r: (r.as_of, r.id))


def _items(rows) -> list[tuple]:
    """Rows as the full sweep reads them from the database."""
    return [
        (
            r.as_of.toordinal(),
            r.id,
            r.source_id,
            r.revision_id,
            r.sentence_index,
            r.value_low,
            r.value_high,
            r.low_open,
            r.high_open,
            r.likely_low,
            r.likely_high,
        )
        for r in rows
    ]


def _sweep(
    rows, s: DetectSettings, counts: dict[int, int] | None = None, rising: bool = False
) -> dict:
    found: dict = {}
    window = s.window_for("stock")
    sweep_quantities(_items(rows), window, s.max_flags, counts or {}, found, rising)
    return found


def _one_report(a, b) -> bool:
    return a.revision_id == b.revision_id and a.sentence_index == b.sentence_index


def _brute(rows, s: DetectSettings, rising: bool = False) -> dict[tuple[int, int], Finding]:
    found = {}
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            finding = compare_quantities(a, b, s.window_for("stock"), rising)
            if finding is not None and not _one_report(a, b):
                scope = "intra" if a.source_id == b.source_id else "cross"
                found[tuple(sorted((a.id, b.id)))] = replace(finding, scope=scope)
    return found


@settings(max_examples=200, deadline=None)
@given(_rows())
def test_full_sweep_finds_every_pair_when_uncapped(rows) -> None:
    s = DetectSettings(window_days=10, max_flags=10_000)
    found = {pair: Finding(*f) for pair, f in _sweep(rows, s).items()}
    assert found == _brute(rows, s)  # the same pairs, kinds, severities and scopes


@settings(max_examples=200, deadline=None)
@given(_rows())
def test_full_sweep_of_a_cumulative_toll_finds_every_pair_when_uncapped(rows) -> None:
    """A rising toll: later and higher is an update, later and lower or one day's two
    figures conflict; the sweep's two passes find exactly the pairs of the rule."""
    s = DetectSettings(window_days=10, max_flags=10_000)
    found = {pair: Finding(*f) for pair, f in _sweep(rows, s, rising=True).items()}
    assert found == _brute(rows, s, rising=True)


def test_a_cumulative_toll_flags_a_fall_and_one_day_disagreement_not_a_rise() -> None:
    s = DetectSettings(window_days=30)
    monday = quantity(4455, 4455, as_of=date(2015, 4, 27))
    tuesday = quantity(5057, 5057, as_of=date(2015, 4, 28))
    tuesday_police = quantity(4455, 4455, as_of=date(2015, 4, 28))
    wednesday = quantity(5006, 5006, as_of=date(2015, 4, 29))
    assert compare_quantities(monday, tuesday, 30, rising=True) is None  # an update
    assert compare_quantities(tuesday, monday, 30, rising=True) is None  # in either order
    assert compare_quantities(tuesday, wednesday, 30, rising=True) is not None  # it fell
    assert compare_quantities(tuesday, tuesday_police, 30, rising=True) is not None
    assert compare(monday, tuesday, s) is not None  # a level (troops) may not jump either


def test_a_headline_rounding_the_body_is_one_report() -> None:
    headline = quantity(5000, 5000, source_id=900)
    body = quantity(5057, 5057, source_id=900)
    other_outlet = quantity(5057, 5057, source_id=901)
    assert compare(headline, body, SETTINGS) is None
    assert compare(headline, other_outlet, SETTINGS) is not None
    assert compare(quantity(20, 20, source_id=902), quantity(24, 24, source_id=902), SETTINGS)


@settings(max_examples=200, deadline=None)
@given(_rows(), st.integers(1, 3), st.dictionaries(st.integers(1, 25), st.integers(0, 3)))
def test_capped_sweep_is_sound_bounded_and_maximal(rows, cap, stored) -> None:
    s = DetectSettings(window_days=10, max_flags=cap)
    found = _sweep(rows, s, stored)
    truth = _brute(rows, s)
    assert {pair: Finding(*f) for pair, f in found.items()}.items() <= truth.items()
    flags = {r.id: stored.get(r.id, 0) + sum(r.id in p for p in found) for r in rows}
    assert all(n <= max(cap, stored.get(i, 0)) for i, n in flags.items())
    missed = [p for p in truth.keys() - found.keys() if flags[p[0]] < cap and flags[p[1]] < cap]
    assert missed == []


def test_capped_sweep_meets_an_empty_likely_interval_once() -> None:
    """The empty interval (2, 2] ("more than 2", likely 2) lies both above and below other
    claims; the sweep must neither fail on it nor spend two flags on one pair."""

    fields = [
        "id",
        "source_id",
        "revision_id",
        "sentence_index",
        "verb_class",
        "value_low",
        "value_high",
        "low_open",
        "high_open",
        "likely_low",
        "likely_high",
        "as_of",
    ]

    def claim(i, sentence, low, high, *, low_open=False, likely=None, day=1) -> SimpleNamespace:
        values = (i, 1, 1, sentence, "stock", low, high, low_open, False, likely, likely)
        return SimpleNamespace(**dict(zip(fields, (*values, date(2018, 1, day)), strict=True)))

    s = DetectSettings(window_days=10, max_flags=2)
    rows = [claim(i, 0, 0.0, None) for i in (2, 3, 4, 5, 7)]
    rows += [claim(1, 0, 2.0, None, low_open=True, likely=2.0)]
    rows += [claim(6, 1, 2.0, 2.0, low_open=True), claim(8, 0, 0.0, 0.0)]
    rows.sort(key=lambda r: r.id)
    # (1, 6) only touch at 2 (version 3: not disjoint); (6, 8) are 2 apart
    assert _sweep(rows, s).keys() == _brute(rows, s).keys() == {(6, 8)}
    rows = [claim(i, 0, 0.0, None) for i in (2, 3, 4, 5, 7, 8)] + [claim(9, 0, 3.0, None)]
    rows += [claim(1, 0, 2.0, None, low_open=True, likely=2.0, day=2)]
    rows += [claim(6, 1, 2.0, 2.0, low_open=True, day=2)]
    assert _sweep(rows, s).keys() == _brute(rows, s).keys()  # this one raised IndexError


# --- the fast paths against the rules as first written ----------------------------------


class Interval(NamedTuple):
    low: float | None
    high: float | None
    low_open: bool
    high_open: bool


def _reference_compare(a, b, s: DetectSettings) -> Finding | None:
    """compare_quantities as first written, with Interval objects (detector version 2; since
    version 3 bounds that only touch are not disjoint)."""

    def logical_interval(c) -> Interval:
        return Interval(c.value_low, c.value_high, c.low_open, c.high_open)

    def likely_interval(c) -> Interval:
        low = c.likely_low if c.likely_low is not None else c.value_low
        high = c.likely_high if c.likely_high is not None else c.value_high
        return Interval(
            low, high, c.low_open and low == c.value_low, c.high_open and high == c.value_high
        )

    def before(x: Interval, y: Interval) -> bool:
        if x.high is None or y.low is None:
            return False
        return x.high < y.low

    def gap(x: Interval, y: Interval) -> float | None:
        if before(x, y):
            return float(y.low - x.high)
        if before(y, x):
            return float(x.low - y.high)
        return None

    def relative(g: float, x: Interval, y: Interval) -> float:
        return g / max(abs(v) for v in (x.low, x.high, y.low, y.high, 1.0) if v is not None)

    if a.as_of is None or b.as_of is None:
        return None
    window = s.window_for(a.verb_class)
    days = abs((a.as_of - b.as_of).days)
    la, lb = logical_interval(a), logical_interval(b)
    if days > window:
        return None
    time_factor = 1.0 - 0.5 * (days / window if window else 0.0)
    g = gap(la, lb)
    if g is not None:
        return Finding(
            "numeric", "hard", round((0.5 + 0.5 * min(1.0, relative(g, la, lb))) * time_factor, 3)
        )
    ka, kb = likely_interval(a), likely_interval(b)
    g = gap(ka, kb)
    if g is not None:
        value = min(1.0, relative(g, ka, kb))
        return Finding("numeric", "soft", round(0.5 * max(value, 0.1) * time_factor, 3))
    return None


_figure = st.one_of(
    st.none(),
    st.integers(-50, 50).map(float),
    st.floats(-1e6, 1e6, allow_nan=False),
)


@st.composite
def _quantity(draw):
    return SimpleNamespace(
        value_low=draw(_figure),
        value_high=draw(_figure),
        low_open=draw(st.sampled_from([False, True, 0, 1])),
        high_open=draw(st.sampled_from([False, True, 0, 1])),
        likely_low=draw(_figure),
        likely_high=draw(_figure),
        as_of=draw(st.one_of(st.none(), st.dates(date(2018, 1, 1), date(2018, 3, 1)))),
        verb_class=draw(st.sampled_from(["stock", "event", None])),
        id=draw(st.integers(1, 10)),
        source_id=draw(st.integers(1, 3)),
    )


@settings(max_examples=500, deadline=None)
@given(_quantity(), _quantity(), st.integers(0, 60), st.integers(0, 10))
def test_compare_quantities_matches_the_reference_rule(a, b, window, event_window) -> None:
    s = DetectSettings(window_days=window, event_window_days=event_window)
    if a.source_id == b.source_id and rounded(figures(a), figures(b)):
        return  # one report's headline and body: covered by its own test
    assert compare_quantities(a, b, s.window_for(a.verb_class)) == _reference_compare(a, b, s)


def _reference_key(text: str) -> str:
    quotes = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
    return " ".join(text.translate(quotes).casefold().split())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZß İﬁ‘’“”\u00a0\t\n\u2003'\"x.,5")) | st.text())
def test_sentence_key_matches_the_reference_fold(text) -> None:
    assert sentence_key(text) == _reference_key(text)


def test_workers_only_for_idle_cores() -> None:
    for others, expected in ((0, 2), (1, 1), (7, 1), (None, 2)):
        assert spare_cores(2, others, limit=4) == expected
    assert spare_cores(16, 0, limit=4) == 4
    assert spare_cores(16, 13, limit=4) == 1
    assert other_runnable() is None or other_runnable() >= 0


def test_a_figure_restated_in_one_article_takes_part_once() -> None:
    """A headline repeated by the body (same revision, day and figures) is one report: only
    the body's claim (the later sentence) is swept; another figure of the article stays."""
    from factdb.detect.reports import restated_once

    def item(claim: int, sentence: int, value: float, revision: int = 1) -> tuple:
        return (700, claim, revision, revision, sentence, value, value, 0, 0, None, None)

    headline, body, other = item(1, 0, 5057), item(2, 4, 5057), item(3, 6, 4455)
    elsewhere = item(4, 0, 5057, revision=2)
    assert restated_once([headline, body, other, elsewhere]) == [body, other, elsewhere]
    assert restated_once([other]) == [other]


def test_a_toll_estimate_conflicts_with_a_count_only_from_below() -> None:
    """A count is a lower bound of a toll: an estimate above it agrees, one wholly below
    it disputes it (the full sweep applies this to a cumulative key's mixed pairs)."""
    from factdb.detect.sweep import estimate_below, sweep_quantities

    count = (316000.0, 316000.0, False, False, None, None)
    report = (46000.0, 85000.0, False, False, None, None)
    assert estimate_below(report, count)
    assert not estimate_below(
        (200000.0, 200000.0, False, False, None, None), (150000.0,) * 2 + (False, False, None, None)
    )

    def item(claim: int, day: int, figures: tuple, estimate: int) -> tuple:
        return (day, claim, claim, claim, 0, *figures, estimate)

    official = item(1, 100, count, 0)
    disputed = item(2, 240, report, 1)  # months later, a report's estimate far below
    higher = item(3, 101, (400000.0, 400000.0, False, False, None, None), 1)
    found: dict = {}
    sweep_quantities([official, higher, disputed], 730, 3, {}, found, rising=True)
    assert set(found) == {(1, 2), (2, 3)}  # the estimate above the count is no conflict
