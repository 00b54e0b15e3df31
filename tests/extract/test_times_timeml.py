"""TimeML-style values and extents of the time finder (TimeBank conventions)."""

from datetime import date

import pytest

from factdb.extract.times import find_times

WSJ = date(1989, 10, 26)  # a Thursday in the fourth quarter


def _only(text: str, ref: date | None = WSJ):
    found = find_times(text, ref)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        # quarters: the publication year's, the determiner "the" kept, adjectival use bare
        ("Profit rose in the third quarter.", "the third quarter", "1989-Q3"),
        ("It reported third-quarter earnings.", "third-quarter", "1989-Q3"),
        ("It had a third-quarter loss.", "third-quarter", "1989-Q3"),
        ("sales in the year-ago quarter", "the year-ago quarter", "1988-Q3"),
        ("results for the first half of 1990", "the first half of 1990", "1990-H1"),
        # seasons, decades, centuries
        ("this summer", "this summer", "1989-SU"),
        ("a strike that began last fall", "last fall", "1988-FA"),
        ("in the early 1990s", "the early 1990s", "199"),
        ("growth in early 1990s", "early 1990s", "199X"),
        ("the 20th century", "the 20th century", "19"),
        ("in nineteen ninety-six", "nineteen ninety-six", "1996"),
        # parts of day and clock times
        ("said this morning", "this morning", "1989-10-26TMO"),
        ("arrived last night", "last night", "1989-10-25TNI"),
        ("on Friday evening", "Friday evening", "1989-10-20TEV"),
        ("at 7:15 p.m. Thursday", "7:15 p.m. Thursday", "1989-10-26T19:15"),
        # durations keep determiners and quantity modifiers, lose prepositions
        ("for the past three years", "the past three years", "P3Y"),
        ("for nearly forty years", "nearly forty years", "P40Y"),
        ("more than four hours", "more than four hours", "PT4H"),
        ("a two-year contract", "two-year", "P2Y"),
        ("5 1/2 hours", "5 1/2 hours", "PT5H30M"),
        ("a minute and a half later", "a minute and a half", "PT1M30S"),
        # vague references
        ("had recently said", "recently", "PAST_REF"),
        ("in the near future", "the near future", "FUTURE_REF"),
        ("in recent years", "recent years", "PAST_REF"),
        ("is now", "now", "PRESENT_REF"),
        # modifiers are part of the extent, the value is the period's
        ("by the end of 1990", "the end of 1990", "1990"),
        ("in fiscal 1989", "fiscal 1989", "1989"),
        ("Late last week, it said", "Late last week", "1989-W42"),
        ("over the weekend", "the weekend", "1989-W42-WE"),
        ("two weeks ago", "two weeks ago", "1989-W41"),
        ("earlier this year", "earlier this year", "1989"),
        ("on Monday", "Monday", "1989-10-23"),
    ],
)
def test_timeml_extent_and_value(text: str, extent: str, value: str) -> None:
    t = _only(text)
    assert (t.text, t.value) == (extent, value)
    assert text[t.start : t.end] == t.text


def test_a_year_earlier_follows_the_quarter_under_discussion() -> None:
    text = "Net income in the third quarter fell from $5 million a year earlier."
    found = find_times(text, WSJ)
    assert [(t.text, t.value) for t in found] == [
        ("the third quarter", "1989-Q3"),
        ("a year earlier", "1988-Q3"),
    ]


def test_a_year_earlier_without_a_quarter_is_last_year() -> None:
    assert _only("up 5% from a year earlier").value == "1988"


def test_fourth_quarter_early_in_the_year_is_last_years() -> None:
    assert _only("losses in the fourth quarter", date(1998, 1, 26)).value == "1997-Q4"


def test_future_clause_moves_a_bare_month_or_day_forward() -> None:
    assert _only("The deal is expected to close in February.").value == "1990-02"
    assert _only("Sales fell in February.").value == "1989-02"
    assert _only("The offer will expire Nov. 16.").value == "1989-11-16"


def test_each_weekday_and_each_month_are_sets() -> None:
    t = _only("flights leave each Thursday")
    assert (t.text, t.value, t.kind, t.interval) == ("each Thursday", "XXXX-WXX-4", "set", None)
    assert _only("every month").value == "P1M"


@pytest.mark.parametrize(
    "text",
    [
        "He earns $500,000 a year.",  # a rate, not a time
        "It cut its quarterly dividend.",
        "They will go as soon as the threats end.",
        "It shaped the future of our peoples.",
        "Americans: 12 Am ericans",
        "A second group of directors resigned.",
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert find_times(text, WSJ) == []


def test_unresolved_without_reference_date() -> None:
    t = _only("in the third quarter", None)
    assert (t.value, t.interval, t.relative) == (None, None, True)
    assert _only("in July 2017", None).value == "2017-07"
