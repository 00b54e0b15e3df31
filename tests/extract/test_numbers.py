import pytest

from factdb.extract.numbers import ABOUT_TOLERANCE, LIKELY_FACTOR, find_numbers, parse_number_words


def _one(text: str):
    found = find_numbers(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "low", "high", "low_open", "high_open", "likely", "qualifier"),
    [
        ("5,000", 5000, 5000, False, False, (5000, 5000), "exact"),
        ("about 2,500", 2250, 2750, False, False, (2250, 2750), "about"),
        ("more than 5,000", 5000, None, True, False, (5000, 6000), "more than"),
        ("over 100", 100, None, True, False, (100, 120), "over"),
        ("at least 20", 20, None, False, False, (20, 24), "at least"),
        ("up to 300", 0, 300, False, False, (0, 300), "up to"),
        ("nearly 9,000", 8100, 9000, False, True, (8100, 9000), "nearly"),
        ("fewer than 120", 0, 120, False, True, (100, 120), "fewer than"),
        ("between 5,000 and 6,000", 5000, 6000, False, False, (5000, 6000), "between"),
        ("tens of thousands", 20000, 99999, False, False, (20000, 99999), "tens of thousands"),
    ],
)
def test_qualifier_intervals(text, low, high, low_open, high_open, likely, qualifier) -> None:
    n = _one(text)
    assert (n.low, n.high, n.low_open, n.high_open) == (low, high, low_open, high_open)
    assert (n.likely_low, n.likely_high) == pytest.approx(likely)
    assert n.qualifier == qualifier


def test_constants_are_the_design_defaults() -> None:
    assert ABOUT_TOLERANCE == 0.10
    assert LIKELY_FACTOR == 1.2


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("two", 2),
        ("twenty-three", 23),
        ("a dozen", 12),
        ("two hundred and fifty", 250),
        ("one million", 1_000_000),
        ("three thousand", 3000),
    ],
)
def test_number_words(words: str, value: int) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1.5 million", 1_500_000, None),
        ("$2 billion", 2_000_000_000, "USD"),
        ("40%", 40, "%"),
        ("12 percent", 12, "%"),
        ("a dozen", 12, None),
        ("two hundred", 200, None),
    ],
)
def test_scales_and_units(text: str, value: float, unit: str | None) -> None:
    n = _one(text)
    assert n.low == n.high == value
    assert n.unit == unit


def test_vague_amounts() -> None:
    assert (_one("hundreds").low, _one("hundreds").high) == (200, 999)
    assert (_one("thousands").low, _one("thousands").high) == (2000, 9999)
    assert _one("dozens").low == 24
    assert _one("scores").low == 40


@pytest.mark.parametrize(
    "text",
    [
        "a 23-year-old man",
        "aged 40",
        "a 5-year-old",
        "the 3rd battalion",
        "at 10:30",
        "at 3 p.m.",
        "call 555-123-4567",
        "40 years old",
    ],
)
def test_not_counts(text: str) -> None:
    assert find_numbers(text) == []


def test_excluded_spans_are_skipped() -> None:
    text = "in 2014 some 300 men"
    found = find_numbers(text, exclude=[(3, 7)])
    assert [n.text for n in found] == ["some 300"]


def test_a_no_break_space_separates_thousands_a_plain_space_does_not() -> None:
    """Issue 15, point 12: "1 200" written with a no-break (or narrow no-break, thin) space
    is 1,200; offsets still index the text."""
    from factdb.extract.numbers import find_numbers

    for space in ("\u00a0", "\u202f", "\u2009"):
        text = f"Exactly 1{space}200 people and 12{space}345{space}678 dollars."
        found = [(n.low, text[n.start : n.end]) for n in find_numbers(text)]
        assert found == [(1200, f"1{space}200"), (12345678, f"12{space}345{space}678")]
    assert [n.low for n in find_numbers("a 1 200-page report")] == [1, 200]
