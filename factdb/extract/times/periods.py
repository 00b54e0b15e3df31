"""Calendar arithmetic for time values: the intervals of months, quarters, years and weeks,
TIMEX3 duration values, number words, and the result tuples resolvers return.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from factdb.extract.numbers import parse_number_words
from factdb.extract.words import MONTH_ABBREVIATIONS, MONTHS

MONTH_NUMBERS = {**MONTHS, **MONTH_ABBREVIATIONS}
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
SEASONS = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
PARTS = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "tonight": "NI",
}


def _pairs(words: str) -> list[tuple[str, str]]:
    """``"a 1 b 2"`` -> ``[("a", "1"), ("b", "2")]``."""
    items = words.split()
    return list(zip(items[::2], items[1::2], strict=True))


# unit word -> (TIMEX3 letter, is a time unit (PT...)): "3 hours" is PT3H, "3 days" P3D
_TIME_UNIT_LETTERS = "second S minute M hour H"
_DATE_UNIT_LETTERS = "day D night D week W weekend WE month M quarter Q year Y decade E century C"
UNIT: dict[str, tuple[str, bool]] = {
    **{w: (letter, True) for w, letter in _pairs(_TIME_UNIT_LETTERS)},
    **{w: (letter, False) for w, letter in _pairs(_DATE_UNIT_LETTERS)},
    "centurie": ("C", False),  # "centuries" minus its "s"
}


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def month_interval(y: int, m: int, mod: str | None = None) -> tuple[date, date]:
    end = month_end(y, m)
    mod = (mod or "").strip().lower()
    if mod.startswith(("early", "the beginning", "the start")):
        return date(y, m, 1), date(y, m, 10)
    if mod.startswith(("mid", "the middle")):
        return date(y, m, 11), date(y, m, 20)
    if mod.startswith(("late", "the end")):
        return date(y, m, 21), end
    return date(y, m, 1), end


def year_interval(y: int, mod: str | None = None) -> tuple[date, date]:
    mod = (mod or "").strip().lower()
    if mod.startswith(("early", "the beginning", "the start")):
        return date(y, 1, 1), date(y, 4, 30)
    if mod.startswith(("mid", "the middle")):
        return date(y, 5, 1), date(y, 8, 31)
    if mod.startswith(("late", "the end")):
        return date(y, 9, 1), date(y, 12, 31)
    return date(y, 1, 1), date(y, 12, 31)


def quarter_interval(y: int, q: int) -> tuple[date, date]:
    return date(y, 3 * q - 2, 1), month_end(y, 3 * q)


def week_interval(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def shift_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def dateparse(text: str, ref: date | None) -> date | None:
    """Normalise a day-level expression with dateparser (imported lazily: it is slow)."""
    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if ref is not None:
        settings["RELATIVE_BASE"] = datetime(ref.year, ref.month, ref.day)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return parsed.date() if parsed else None


def count_value(words: str | None) -> float | None:
    """Number words: "three" -> 3, "twenty four" -> 24, "2 1/2" -> 2.5; vague -> None."""
    if not words:
        return None
    w = re.sub(r"[\s-]+", " ", words.lower()).strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?: 1/2)?", w)
    if m:
        return float(m.group(1)) + (0.5 if w.endswith("1/2") else 0)
    return parse_number_words(w)


def _fmt_n(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    letter, is_time = UNIT[unit]
    if letter == "WE":
        return "P2D" if n in (None, 1) else f"P{_fmt_n(2 * n)}D"
    if letter == "E":  # decades: TimeBank writes P20Y for "two decades"
        if n is None:
            return "PXE"
        return f"P{_fmt_n(10 * n)}Y" if n != 1 else "P1E"
    if letter == "C":
        return "PXC" if n is None else f"P{_fmt_n(100 * n)}Y"
    if n is not None and n != int(n):  # 2 1/2 hours -> PT2H30M
        if unit == "hour":
            return f"PT{int(n)}H{round((n - int(n)) * 60)}M"
        if unit == "minute":
            return f"PT{int(n)}M{round((n - int(n)) * 60)}S"
        if unit == "year":
            return f"P{int(n)}Y{round((n - int(n)) * 12)}M"
    count = "X" if n is None else _fmt_n(n)
    return f"PT{count}{letter}" if is_time else f"P{count}{letter}"


def unit_word(u: str) -> str:
    u = u.lower()
    if u.endswith("ies"):
        return "century"
    return u[:-1] if u.endswith("s") and u[:-1] in UNIT else u


@dataclass
class ResolveContext:
    ref: date | None
    anchor: str | None = None  # last period-naming value ("1989-Q3", "1990", "1990-08-14")


def relative_result(
    start: int, end: int, value: str | None, iv: tuple[date, date] | None, kind: str
):
    return (start, end, value, iv, kind, True)


def absolute_result(
    start: int, end: int, value: str | None, iv: tuple[date, date] | None, kind: str
):
    return (start, end, value, iv, kind, False)


Resolved = tuple[int, int, str | None, tuple[date, date] | None, str, bool]


def day_result(s: int, e: int, d: date | None, part: str | None = None, relative: bool = True):
    if d is None:
        return (s, e, None, None, "day", relative)
    value = d.isoformat() + (f"T{part}" if part else "")
    return (s, e, value, (d, d), "day", relative)


def weekday_date(ref: date, wd: int, rel: str) -> date:
    back = (ref.weekday() - wd) % 7
    if rel == "next":
        return ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
    if rel in ("this coming", "future"):
        return ref + timedelta(days=(wd - ref.weekday()) % 7)
    if rel == "last" and back == 0:
        back = 7
    if back == 0:  # news convention: "Tuesday" in a Tuesday paper is that day
        return ref
    return ref - timedelta(days=back)


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def anchor_year_back(
    ctx: ResolveContext, years: int = 1
) -> tuple[str, tuple[date, date], str] | None:
    """The anchor shifted back ``years`` years, at its own granularity (quarter/month/year)."""
    a = ctx.anchor
    if a is None or ctx.ref is None:
        return None
    m = re.fullmatch(r"(\d{4})(-Q(\d)|-(\d\d))?", a)
    if not m:
        return None
    y = int(m.group(1)) - years
    if m.group(3):
        q = int(m.group(3))
        return f"{y:04d}-Q{q}", quarter_interval(y, q), "quarter"
    if m.group(4):
        mon = int(m.group(4))
        return f"{y:04d}-{mon:02d}", month_interval(y, mon), "month"
    return f"{y:04d}", year_interval(y), "year"


def prev_quarter(ref: date) -> tuple[int, int]:
    q = quarter_of(ref) - 1
    return (ref.year, q) if q else (ref.year - 1, 4)


def words_value(words: str) -> int:
    """The value of number words the patterns matched ("seventy-five" -> 75)."""
    value = parse_number_words(words)
    if value is None:
        raise ValueError(f"not number words: {words!r}")
    return int(value)


def season_of(d: date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(
        d.month, "FA"
    )


def season_after(code: str, ref: date) -> bool:
    """True if season ``code`` of ref's year starts after ``ref``."""
    first = SEASON_MONTHS[code][0]
    return first <= 12 and date(ref.year, first, 1) > ref
