"""One date parser: CLI options and the dates inside input files accept the same inputs."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from conftest import Factdb

from factdb.dates import date_field, parse_date

GOOD = "The United States has 5,000 troops in Iraq, officials said.\n"


@pytest.mark.parametrize(
    "text",
    ["2018-02-06", " 2018-02-06 ", "2018-02-06T09:30:00Z", "2018-02-06 09:30", "20180206"],
)
def test_iso_dates_and_date_times_are_dates(text: str) -> None:
    assert parse_date(text) == date(2018, 2, 6)


@pytest.mark.parametrize("text", ["06/02/2018", "someday", "2018-13-45", "2018-2-6", ""])
def test_anything_else_is_refused_with_the_format_to_use(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert str(caught.value) == f"{text!r} is not a date (use YYYY-MM-DD)"


def test_a_field_may_be_empty_a_date_or_a_string() -> None:
    assert date_field(None, what="published") is None
    assert date_field("", what="published") is None
    assert date_field(date(2018, 2, 6), what="published") == date(2018, 2, 6)
    assert date_field(datetime(2018, 2, 6, 23, 59), what="published") == date(2018, 2, 6)
    assert date_field("2018-02-06T23:59:00+05:00", what="published") == date(2018, 2, 6)


@pytest.mark.parametrize("value", ["someday", 20180206, ["2018-02-06"]])
def test_a_bad_field_names_itself(value: object) -> None:
    with pytest.raises(ValueError) as caught:
        date_field(value, what="dct")
    assert str(caught.value) == f"dct: not a date: {value!r} (use YYYY-MM-DD)"


def test_cli_date_options_take_what_files_take(factdb: Factdb) -> None:
    """``--published`` accepts a date-time as front matter does; the stored date is its day."""
    factdb("ingest", "--published", "2018-02-06T09:30:00Z", "-", input=GOOD)
    [source] = factdb.json("sources")
    assert source["published"] == "2018-02-06"
    assert factdb.json("claims", "--since", "2018-02-06T00:00", "--until", " 2018-02-06 ")


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_cli_bad_dates_are_usage_errors_naming_the_option(factdb: Factdb, option: str) -> None:
    result = factdb("claims", option, "06/02/2018", code=2)
    message = "Invalid value for --since/--until: '06/02/2018' is not a date (use YYYY-MM-DD)"
    assert message in result.output


def test_cli_bad_published_is_a_usage_error(factdb: Factdb) -> None:
    result = factdb("ingest", "--published", "someday", "-", code=2, input=GOOD)
    assert "Invalid value: 'someday' is not a date (use YYYY-MM-DD)" in result.output
