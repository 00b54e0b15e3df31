"""Word tables that several extraction stages read: months, weekdays and number words.

Times, quantities, numbers, speakers and the sentence splitter all need these words, as
lookups ("sept" -> 9) and as regex alternations (``(?:January|...|Dec\\.?)``). They live here
once, as Python rather than a JSON file under ``factdb/data/``: every table feeds patterns
compiled at import, so a module keeps them typed and ordered with no file to read, and the
alternation helpers below keep the order the patterns rely on (a word before any longer word
it is a prefix of is tried first, "Sept" before "Sep").
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
# "Sept" before "Sep": the alternation ``Sept\.?|Sep\.?`` tries what ``Sept?\.?`` tries.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sept": 9,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
SMALL_NUMBERS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def month_names_pattern(abbreviations: bool = True) -> str:
    """``(?:January|...|December|Jan\\.?|...|Dec\\.?)``, capitalised as written in text."""
    names = [m.capitalize() for m in MONTHS]
    if abbreviations:
        names += [rf"{a.capitalize()}\.?" for a in MONTH_ABBREVIATIONS]
    return "(?:" + "|".join(names) + ")"


def weekday_names_pattern() -> str:
    """``(?:Monday|...|Sunday)``."""
    return "(?:" + "|".join(d.capitalize() for d in WEEKDAYS) + ")"


def number_words(low: int, high: int) -> str:
    """The number words for ``low``..``high`` as an alternation body, in ascending order
    (``number_words(2, 4)`` -> ``"two|three|four"``; tens only at their round value)."""
    table = {**SMALL_NUMBERS, **TENS}
    return "|".join(w for w, v in table.items() if low <= v <= high)


# AP style abbreviations of US state names ("Forest, Miss."), lower-cased without the final
# dot: a dateline's or address's abbreviation does not end a sentence. Written out so that
# sentence splitting needs no import; ``tests/extract/test_text.py`` checks it against the
# ``us`` package's ``ap_abbr`` of every state.
AP_STATE_ABBREVIATIONS = frozenset(
    {
        "ala",
        "ariz",
        "ark",
        "calif",
        "colo",
        "conn",
        "d.c",
        "del",
        "fla",
        "ga",
        "ill",
        "ind",
        "kan",
        "ky",
        "la",
        "mass",
        "md",
        "mich",
        "minn",
        "miss",
        "mo",
        "mont",
        "n.c",
        "n.d",
        "n.h",
        "n.j",
        "n.m",
        "n.y",
        "neb",
        "nev",
        "okla",
        "ore",
        "pa",
        "r.i",
        "s.c",
        "s.d",
        "tenn",
        "va",
        "vt",
        "w.va",
        "wash",
        "wis",
        "wyo",
    }
)
