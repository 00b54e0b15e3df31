from datetime import date

import pytest

from factdb.extract.times import find_times, group_interval, merge_coordinated

TUE = date(2018, 2, 6)  # a Tuesday


def _one(text: str, ref: date | None = TUE):
    found = find_times(text, ref)
    assert len(found) == 1, found
    return found[0]


def test_weekday_resolves_to_the_past_day_before_publication() -> None:
    t = _one("officials said on Monday", TUE)
    assert t.text == "Monday"
    assert t.value == "2018-02-05"
    assert t.interval == (date(2018, 2, 5), date(2018, 2, 5))


def test_same_weekday_as_publication_is_that_day() -> None:
    assert _one("said on Tuesday").value == "2018-02-06"
    assert _one("said on Wednesday").value == "2018-01-31"


def test_bare_year_is_whole_year_never_a_day() -> None:
    t = _one("captured in 2014.")
    assert t.value == "2014"
    assert t.interval == (date(2014, 1, 1), date(2014, 12, 31))


def test_month_year_is_whole_month() -> None:
    t = _one("the battle in July 2017")
    assert t.value == "2017-07"
    assert t.interval == (date(2017, 7, 1), date(2017, 7, 31))


@pytest.mark.parametrize(
    ("text", "value", "interval"),
    [
        ("last September", "2017-09", (date(2017, 9, 1), date(2017, 9, 30))),
        ("as of late September", "2017-09", (date(2017, 9, 21), date(2017, 9, 30))),
        ("on Feb. 6, 2018", "2018-02-06", (date(2018, 2, 6), date(2018, 2, 6))),
        ("on 2018-01-15", "2018-01-15", (date(2018, 1, 15), date(2018, 1, 15))),
        ("yesterday", "2018-02-05", (date(2018, 2, 5), date(2018, 2, 5))),
        ("today", "2018-02-06", (date(2018, 2, 6), date(2018, 2, 6))),
        ("this year", "2018", (date(2018, 1, 1), date(2018, 12, 31))),
        ("last year", "2017", (date(2017, 1, 1), date(2017, 12, 31))),
        ("this week", "2018-W06", (date(2018, 2, 5), date(2018, 2, 11))),
        ("now", "PRESENT_REF", (TUE, TUE)),
        ("Monday evening", "2018-02-05TEV", (date(2018, 2, 5), date(2018, 2, 5))),
    ],
)
def test_expressions(text: str, value: str, interval: tuple[date, date]) -> None:
    t = _one(text)
    assert (t.value, t.interval) == (value, interval)


def test_duration_value() -> None:
    t = _one("for three months")
    assert t.value == "P3M"
    assert t.interval is None


def test_two_years_coordinated_form_one_event_range() -> None:
    text = "territory taken in 2014 and 2015, they said"
    found = find_times(text, TUE)
    assert [t.value for t in found] == ["2014", "2015"]
    groups = merge_coordinated(text, found)
    assert len(groups) == 1
    assert group_interval(groups[0]) == (date(2014, 1, 1), date(2015, 12, 31))


def test_without_reference_relative_is_unresolved_absolute_is_not() -> None:
    found = find_times("on Monday, last September and in July 2017", None)
    assert [(t.text, t.value, t.interval, t.relative) for t in found[:2]] == [
        ("Monday", None, None, True),
        ("last September", None, None, True),
    ]
    assert found[2].value == "2017-07"


def test_modal_may_is_not_a_month_and_numbers_are_not_years() -> None:
    assert find_times("Troops may leave; 2,014 people and 2014 troops", TUE) == []


def test_results_in_text_order_with_exact_offsets() -> None:
    text = "In 2014 and on Monday and in July 2017"
    found = find_times(text, TUE)
    assert [t.start for t in found] == sorted(t.start for t in found)
    for t in found:
        assert text[t.start : t.end] == t.text
