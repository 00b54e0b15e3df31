"""find_times never raises and returns ordered, in-bounds, non-overlapping offsets."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.extract.times import find_times

_WORDS = [
    "in",
    "on",
    "the",
    "last",
    "next",
    "this",
    "early",
    "late",
    "mid-",
    "Monday",
    "Friday",
    "May",
    "September",
    "Sept.",
    "2017",
    "1990s",
    "'80s",
    "third",
    "quarter",
    "third-quarter",
    "year",
    "years",
    "a",
    "ago",
    "earlier",
    "weekend",
    "morning",
    "night",
    "7:15",
    "p.m.",
    "12",
    "Am",
    "five",
    "twenty",
    "four",
    "hours",
    "nearly",
    "more",
    "than",
    "recently",
    "now",
    "summer",
    "fiscal",
    "nineteen",
    "ninety-six",
    "each",
    ",",
    ".",
    "-",
    "\u2019",
    "\u00a0",
    "\n",
    "$",
    "%",
    "troops",
    "said",
    "19",
    "of",
    "1/2",
]


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=25),
    noise=st.text(max_size=30),
    ref=st.one_of(st.none(), st.dates(min_value=date(1900, 3, 1), max_value=date(2099, 10, 1))),
)
def test_find_times_never_raises_and_offsets_are_valid(
    words: list[str], noise: str, ref: date | None
) -> None:
    text = " ".join(words) + noise
    found = find_times(text, ref)
    last_end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert t.start >= last_end  # in order, no overlaps
        assert text[t.start : t.end] == t.text
        if t.interval is not None:
            assert t.interval[0] <= t.interval[1]
        last_end = t.end
