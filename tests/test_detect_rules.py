"""Detection semantics as pure functions over unsaved claims (DESIGN.md, claim semantics)."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.config import DetectSettings
from factdb.detect import (
    Finding,
    Interval,
    _Pairing,
    _sweep_all,
    compare_quantities,
    sentence_key,
)
from factdb.models import Claim

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
    return compare_quantities(a, b, settings)


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


def test_open_bound_touching_a_value_is_disjoint() -> None:
    more_than = quantity(5000, None, low_open=True)
    exactly = quantity(5000, 5000)
    assert compare(more_than, exactly, SETTINGS) is not None
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
    small = compare_quantities(a, quantity(4500, 4500), SETTINGS)
    large = compare_quantities(a, quantity(1000, 1000), SETTINGS)
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
    assert Interval(1, 2).gap_to(Interval(5, 9)) == 3
    assert Interval(5, None).gap_to(Interval(1, 2)) == 3
    assert Interval(1, 5).gap_to(Interval(4, 9)) is None
    assert Interval(None, None).gap_to(Interval(1, 2)) is None


# --- the full sweep against brute force -------------------------------------------------

_bound = st.one_of(st.none(), st.integers(0, 12).map(float))


@st.composite
def _rows(draw):
    n = draw(st.integers(0, 25))
    rows = []
    for i in range(n):
        low = draw(st.integers(0, 12))
        width = draw(st.one_of(st.none(), st.integers(0, 4)))
        rows.append(
            SimpleNamespace(
                id=i + 1,
                source_id=draw(st.integers(1, 4)),
                revision_id=draw(st.integers(1, 4)),
                sentence_index=i,
                text=f"claim {i}",
                verb_class="stock",
                value_low=float(low),
                value_high=None if width is None else float(low + width),
                low_open=draw(st.booleans()),
                high_open=draw(st.booleans()) if width else False,
                likely_low=None,
                likely_high=None,
                as_of=date(2018, 1, 1) + timedelta(days=draw(st.integers(0, 40))),
            )
        )
    for row in rows:
        row.day = row.as_of.toordinal()
    return sorted(rows, key=lambda r: (r.as_of, r.id))


def _brute(rows, s: DetectSettings) -> set[tuple[int, int]]:
    return {
        (a.id, b.id)
        for i, a in enumerate(rows)
        for b in rows[i + 1 :]
        if compare(a, b, s) is not None
    }


@settings(max_examples=150, deadline=None)
@given(_rows())
def test_full_sweep_finds_every_pair_when_uncapped(rows) -> None:
    s = DetectSettings(window_days=10, max_flags=10_000)
    run = _Pairing(s, {})
    _sweep_all(rows, run)
    assert {tuple(sorted(p)) for p in run.found} == {tuple(sorted(p)) for p in _brute(rows, s)}


@settings(max_examples=150, deadline=None)
@given(_rows(), st.integers(1, 3))
def test_capped_sweep_is_sound_bounded_and_maximal(rows, cap) -> None:
    s = DetectSettings(window_days=10, max_flags=cap)
    run = _Pairing(s, {})
    _sweep_all(rows, run)
    truth = {tuple(sorted(p)) for p in _brute(rows, s)}
    found = {tuple(sorted(p)) for p in run.found}
    assert found <= truth
    flags = {r.id: sum(r.id in p for p in found) for r in rows}
    assert all(n <= cap for n in flags.values())
    missed = [p for p in truth - found if flags[p[0]] < cap and flags[p[1]] < cap]
    assert missed == []
