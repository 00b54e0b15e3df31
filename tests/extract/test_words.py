import re

from factdb.extract.words import (
    MONTH_ABBREVIATIONS,
    month_names_pattern,
    number_words,
    weekday_names_pattern,
)


def test_number_words_ascend_with_tens_at_round_values() -> None:
    assert number_words(2, 4) == "two|three|four"
    assert number_words(19, 40).split("|") == ["nineteen", "twenty", "thirty", "forty"]


def test_month_pattern_reads_full_names_and_abbreviations() -> None:
    full = re.compile(month_names_pattern(abbreviations=False) + r"\b")
    both = re.compile(month_names_pattern() + r"(?!\w)")
    assert full.match("September") and not full.match("Sept.")
    assert both.match("Sept. 5").group(0) == "Sept."
    assert both.match("Sep 5").group(0) == "Sep"
    assert MONTH_ABBREVIATIONS["sept"] == MONTH_ABBREVIATIONS["sep"] == 9


def test_weekday_pattern_in_week_order() -> None:
    assert weekday_names_pattern().startswith("(?:Monday|Tuesday")
