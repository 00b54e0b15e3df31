"""Time expressions: our own candidate finder, dateparser only as the day-level normaliser.

dateparser turns "July 2017" into a false day (2017-07-06); so granularity (year, quarter,
month, week, day, part of day) is decided here from the words, and each expression carries a
TIMEX3-style ``value`` and a date ``interval`` covering the whole period. Relative expressions
("Monday", "last September", "the third quarter", "a year earlier") need a reference date (the
publication date, never "now"); without one they keep ``value=None`` and ``interval=None`` and
are marked ``relative``.

Extents follow TimeML (TimeBank) conventions: leading prepositions are left out ("on Monday" ->
"Monday"), determiners and modifiers are kept ("the past three years", "early 1990s", "late
last week", "more than four hours"). Candidates from all patterns compete; the longest wins,
then the earliest. Anaphoric expressions ("a year earlier", "the year-ago quarter", "that
year") are resolved against the last expression that named a period, else the reference date.

Values: days ``2018-02-05``, parts of day ``2018-02-05TEV``, clock times ``2018-02-05T19:15``,
weeks ``2018-W06`` (weekend ``2018-W06-WE``), months ``2018-02``, quarters ``2018-Q1``, seasons
``2018-SU``, years ``2018``, decades ``199X``, centuries ``19``; ``PRESENT_REF``, ``PAST_REF``,
``FUTURE_REF``; durations ``P3M``, ``PT5H``, ``PXY`` (unknown count); sets (``each month``,
``quarterly``) carry their period (``P1M``) and ``kind='set'``.

Kinds: day, week, month, quarter, season, year, decade, century (these have intervals when
resolved), present, duration, ref (past/future reference), set.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from factdb.extract.numbers import parse_number_words
from factdb.extract.text import normalise_for_matching
from factdb.extract.words import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    WEEKDAYS,
    month_names_pattern,
    number_words,
    weekday_names_pattern,
)

_MONTHS = {**MONTHS, **MONTH_ABBREVIATIONS}
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
_SEASONS = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_PARTS = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "tonight": "NI",
}
# unit word -> (TIMEX3 letter, is a time unit (PT...))
_UNIT = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "night": ("D", False),
    "week": ("W", False),
    "weekend": ("WE", False),
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "decade": ("E", False),
    "century": ("C", False),
    "centurie": ("C", False),
}

_MONTH_RE = month_names_pattern()
_FULL_MONTH_RE = month_names_pattern(abbreviations=False)
_WEEKDAY_RE = weekday_names_pattern()
_YEAR_RE = r"(?:1[89]\d\d|20\d\d|2100)"
_PART_RE = r"(?:morning|afternoon|evening|night)"
_SMALLNUM = f"(?:{number_words(1, 19)})"
_TENSNUM = f"(?:{number_words(20, 90)})"
_NUMWORD = (
    rf"(?:{_TENSNUM}(?:[-\s]{_SMALLNUM})?|{_SMALLNUM}|(?:a|one|two|three|several|a\s+few)\s+"
    rf"(?:hundred|thousand)|a\s+dozen|\d+(?:\.\d+)?(?:\s+1/2)?|a|an)"
)
_VAGUE_NUM = r"(?:several|a\s+few|few|a\s+couple\s+of|a\s+couple|many|some|the)"
_UNIT_RE = r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|century|centurie)"
_QUANT_MOD = (
    r"(?:nearly|almost|about|around|roughly|approximately|some|at\s+least|at\s+most|"
    r"more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|up\s+to|an\s+additional|"
    r"the\s+better\s+part\s+of)"
)
_EDGE = r"(?:(?P<edge>early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[-\s]+)"
_SPAN_MOD = r"(?:earlier|later|early|late|mid|the\s+end\s+of|the\s+beginning\s+of)"

_F = re.IGNORECASE


def _c(pattern: str, flags: int = _F) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# (kind tag, pattern); all candidates compete, longest first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", _c(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    (
        "mdy",
        _c(
            rf"\b(?:{_WEEKDAY_RE},?\s+)?{_EDGE}?(?P<mon>{_MONTH_RE})\s+(?P<d>\d{{1,2}})"
            rf"(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>{_YEAR_RE})\b",
            0,
        ),
    ),
    (
        "dmy",
        _c(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE}),?\s+"
            rf"(?P<y>{_YEAR_RE})\b",
            0,
        ),
    ),
    (
        "md",
        _c(
            rf"\b(?:(?P<rel>this\s+coming|this|next|last)\s+)?(?:{_WEEKDAY_RE},?\s+)?"
            rf"(?P<mon>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![\d,.]*\s*%)"
            rf"(?!,?\s*\d)",
            0,
        ),
    ),
    ("dm", _c(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\b", 0)),
    (
        "month_year",
        _c(
            rf"\b(?:(?P<edge>early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)"
            rf"[-\s]+)?(?P<mon>{_MONTH_RE})(?:\s+of)?,?\s+(?P<y>{_YEAR_RE})\b(?![,.]\d)"
        ),
    ),
    (
        "rel_month",
        _c(
            rf"\b(?:(?P<edge>early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)"
            rf"[-\s]+)?(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?"
            rf"(?P<mon>{_FULL_MONTH_RE}|Sept\.|Oct\.|Nov\.|Dec\.|Jan\.|Feb\.|Aug\.)"
            r"(?![-\w])",
        ),
    ),
    (
        "weekday",
        _c(
            rf"\b(?:(?P<pre>(?:early|late|earlier|later)\s+|(?:midnight|noon|midday)\s+)?)"
            rf"(?:(?P<rel>last|this|next|this\s+coming|this\s+past)\s+)?"
            rf"(?P<wd>{_WEEKDAY_RE})(?P<pl>s)?(?:\s+(?P<part>{_PART_RE})(?P<pl2>s)?)?\b",
        ),
    ),
    (
        "clock",
        _c(
            r"\b(?:(?:around|about|at\s+about|approximately|shortly\s+(?:before|after)|"
            r"just\s+(?:before|after))\s+)?"
            r"(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?\s*(?P<ap>(?-i:[ap]\.m\.?|[AP]\.M\.?|[ap]m|[AP]M)"
            r"(?![A-Za-z])|o'clock)"
            r"(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|local\s+time))?"
            rf"(?:,?\s+(?:(?P<wd>{_WEEKDAY_RE})|(?P<day>today|yesterday|tomorrow)|"
            rf"(?P<mon>{_MONTH_RE})\s+(?P<md>\d{{1,2}})\b))?",
        ),
    ),
    (
        "clock_word",
        _c(
            rf"\b(?P<w>noon|midnight|midday)(?:\s+(?:(?P<wd>{_WEEKDAY_RE})"
            r"|(?P<day>today|yesterday|tomorrow)))?\b"
        ),
    ),
    (
        "ago",
        _c(
            rf"\b(?:(?P<mod>{_QUANT_MOD})\s+)?(?P<n>{_NUMWORD}|{_VAGUE_NUM})?\s*"
            rf"(?P<unit>{_UNIT_RE})s?(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|before|later|"
            r"from\s+now|hence)\b"
        ),
    ),
    (
        "anaphor",
        _c(
            r"\b(?:the\s+)?(?:comparable\s+)?(?P<w>year[-\s](?:earlier|ago)|prior[-\s]year|"
            r"year-before)(?:\s+(?P<q>(?:first|second|third|fourth)[-\s]quarter|quarter|"
            r"period|nine\s+months|six\s+months|month|year))?\b"
        ),
    ),
    (
        "that",
        _c(
            r"\b(?P<mod>(?:earlier|later)\s+)?(?P<w>that|the\s+same|the\s+following|"
            r"the\s+previous|the\s+next|the\s+preceding|the\s+prior)\s+(?:same\s+)?"
            r"(?P<unit>day|week|month|year|morning|afternoon|evening|night)\b(?!\s+of\b)"
        ),
    ),
    (
        "deictic",
        _c(
            r"\b(?:(?P<mod>earlier|later|early|late|mid|the\s+end\s+of|the\s+beginning\s+of|"
            r"the\s+rest\s+of|the\s+remainder\s+of|the\s+middle\s+of|the\s+start\s+of)"
            r"[-\s]+)?(?P<rel>last|this|next|this\s+past|this\s+coming|the\s+current|"
            r"the\s+past|the\s+latest|the\s+coming)\s+(?P<unit>year|month|week|weekend|"
            rf"quarter|fiscal\s+year|century|decade|{_PART_RE})\b(?![-\s]+(?:old|long)\b)"
        ),
    ),
    (
        "the_year_period",
        _c(
            rf"\bthe\s+(?P<y>{_YEAR_RE})\s+(?:(?P<ord>first|second|third|fourth)[-\s]+)?"
            r"(?P<unit>period|quarter|fiscal\s+year|year)\b"
        ),
    ),
    (
        "period_of",
        _c(
            r"\b(?:(?P<mod>earlier|later|sometime|early|late)\s+)?(?:(?P<edge>the\s+(?:end|"
            r"beginning|start|middle|rest|remainder|balance)\s+of|earlier\s+in|later\s+in)\s+)?"
            r"(?P<w>the\s+(?:full|fiscal|current|current\s+fiscal|latest\s+fiscal|calendar)"
            r"\s+year|the\s+year|the\s+month|the\s+week(?:end)?|year[-\s]end|year's\s+end)"
            r"(?![-\s]+(?:ago|earlier|before|old|long)\b)(?!\s+(?:of|in\s+which)\b)"
        ),
    ),
    (
        "day_word",
        _c(
            r"\b(?:(?P<mod>earlier|later|early|late|mid-afternoon|mid\s+afternoon)\s+)?"
            r"(?P<w>today|yesterday|tomorrow|tonight|overnight|last\s+night)"
            r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
        ),
    ),
    (
        "part_alone",
        _c(r"\b(?P<mod>mid[-\s]|late\s+|early\s+)?(?P<part>afternoon|morning)\b(?!\s+\w+\s+of)"),
    ),
    (
        "present",
        _c(
            r"\b(?P<w>now|currently|at\s+present|at\s+the\s+moment|nowadays|these\s+days|"
            r"the\s+present(?!\s+\w)|at\s+this\s+time|right\s+now|just\s+now|so\s+far"
            r"(?=\s+this\b)|to\s+date|as\s+yet)\b"
        ),
    ),
    (
        "ref",
        _c(
            r"\b(?P<w>(?:more\s+)?recently|in\s+recent\s+(?:times|memory)|the\s+past(?!\s+\w+s?\b"
            r"\s*(?:of|century|decade|year|month|week|day|quarter))|the\s+(?:near\s+|distant\s+|"
            r"foreseeable\s+)?future(?!\s+of\b)|(?:the\s+)?(?:near|short|long)\s+term|"
            r"(?<!\bas\s)soon(?!\s+(?:after|as|afterwards?|thereafter)\b)|"
            r"as\s+soon\s+as\s+possible|a\s+later\s+date|future\s+(?:years|quarters|months))\b"
        ),
    ),
    (
        "quarter",
        _c(
            r"\b(?:(?P<the>the)\s+)?(?:(?P<yrs>(?:this|last|next)\s+year's|(?:19|20)\d\d(?:'s)?)\s+)?"
            r"(?:(?P<the2>the)\s+)?(?:(?P<rel>latest|current|previous|past|recent|last|this|next|"
            r"comparable|same|year-earlier|year-ago|prior-year)\s+)?(?:fiscal[-\s]+)?"
            r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s](?:fiscal[-\s])?"
            r"(?P<unit>quarter|half|period)(?P<pl>s)?(?:\s+of\s+(?:fiscal\s+)?"
            rf"(?P<y>{_YEAR_RE}))?(?:\s+(?:fiscal\s+)?(?P<y2>{_YEAR_RE}))?\b"
        ),
    ),
    (
        "the_quarter",
        _c(
            r"\b(?:(?P<rel>the\s+latest|the\s+current|the\s+previous|the\s+past|this|last|next|"
            r"the\s+last|the\s+most\s+recent|the\s+same|the)\s+)(?P<unit>quarter|period)\b"
            r"(?![-\s]+(?:end|earnings|results|profit|dividend|loss|sales|report)\b)"
        ),
    ),
    (
        "season",
        _c(
            r"\b(?:(?P<edge>early|late|mid|the\s+end\s+of|the\s+beginning\s+of)[-\s]+)?"
            r"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|the|that|the\s+past)\s+)?"
            r"(?P<s>spring|summer|fall|autumn|winter)(?:\s+of\s+(?P<y>"
            rf"{_YEAR_RE}|nineteen\s+{_TENSNUM}(?:[-\s]{_SMALLNUM})?))?\b"
            r"(?!\s+(?:offensive|session|olympics|games|collection|school|camp|meeting))"
        ),
    ),
    (
        "decade",
        _c(
            r"\b(?:(?P<the>the)\s+)?(?:(?P<last>last\s+half\s+of\s+the|(?:early|late|mid)[-\s]+))?"
            r"(?:(?P<c>19|20)?(?P<d>\d)0'?s|"
            r"'(?P<d2>\d)0s|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties"
            r"|nineties))\b"
        ),
    ),
    (
        "century",
        _c(
            r"\b(?:the\s+)?(?:(?P<edge>early|late|mid)[-\s]+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+"
            r"century\b"
        ),
    ),
    (
        "year",
        _c(
            r"(?<![$\d.,/-])\b(?:(?P<edge>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|"
            r"the\s+middle\s+of|the\s+start\s+of)[-\s]+)?(?:(?P<fiscal>fiscal|calendar|the\s+year|"
            rf"model)\s+)?(?P<y>{_YEAR_RE})(?!\s*(?:%|percent|per\s+cent))\b(?![,.]\d)(?!-\d)"
            r"(?!\s+(?:[A-Za-z]+\s+)?(?:troops|soldiers|people|fighters|civilians|men|women"
            r"|children|residents|refugees|dead|killed|wounded|deaths|families|members|shares"
            r"|points|miles|feet|meters|metres|tons|votes|jobs|cars|homes|guns|rounds)\b)"
        ),
    ),
    (
        "year_words",
        _c(
            rf"\b(?:the\s+year\s+)?(?:(?P<c>nineteen)\s+(?P<t>{_TENSNUM})(?:[-\s](?P<o>"
            rf"{_SMALLNUM}))?|two\s+thousand(?:\s+and)?(?:\s+(?P<o2>{_SMALLNUM}))?)\b"
        ),
    ),
    (
        "duration",
        _c(
            rf"\b(?:(?P<mod>{_QUANT_MOD})\s+)?(?:(?P<det>the|each\s+of\s+the|its|their|his|"
            r"her|our)\s+)?(?:(?P<rel>past|last|next|first|final|coming|previous|preceding|"
            r"following|remaining|latest|initial|same|better\s+part\s+of\s+the)\s+)?"
            rf"(?P<n>{_NUMWORD}|{_VAGUE_NUM})(?:\s+(?:or|to|and)\s+(?P<n2>{_NUMWORD}))?"
            r"(?:\s+(?:more|additional|full|straight|consecutive|trading|business|calendar|"
            rf"long))?[-\s]+(?P<unit>{_UNIT_RE})(?P<pl>s)?(?:\s+(?:or|and)\s+(?:so|a\s+half|"
            rf"(?:more|longer)))?\b(?![-\s](?:old|olds)\b)"
        ),
    ),
    (
        "bare_units",
        _c(
            r"\b(?:(?P<rel>recent|coming|the\s+coming|the\s+next\s+few|the\s+past\s+few|"
            r"the\s+last\s+few|the\s+early|the\s+past|previous|past|the\s+recent|in)\s+)"
            r"(?P<unit>days|weeks|months|years|decades|quarters|centuries)\b"
        ),
    ),
    (
        "plain_unit",
        _c(
            r"(?:(?<=\bfor\s)|(?<=\bover\s)|(?<=\bthan\s)|(?<=\bwithin\s)|(?<=\bin\s)|"
            r"(?<=\bup\s)|(?<=\bthe\s))?"
            r"\b(?P<w>(?:a|one|the|this|that|each|every)\s+(?P<unit>second|minute|hour|day|"
            r"week|month|quarter|year|decade|century)(?:\s+and\s+a\s+half)?)\b"
            r"(?![-\s]+(?:old|long|ago|earlier|later|before)\b)(?!\s+(?:of|when|in\s+which)\b)"
        ),
    ),
]
_SKIP_PLAIN = {"this year", "this month", "this week", "this quarter", "this day"}


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in text.

    ``value`` is TIMEX3-like ("2018-02-05", "2018-02", "2018", "2018-W06", "PRESENT_REF",
    "P3M"); ``interval`` is the inclusive date range it covers, or ``None``.
    """

    start: int
    end: int
    text: str
    value: str | None
    interval: tuple[date, date] | None
    kind: str  # day | week | month | quarter | season | year | decade | century | ...
    relative: bool = False


# ---------------------------------------------------------------- date helpers


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month_interval(y: int, m: int, mod: str | None = None) -> tuple[date, date]:
    end = _month_end(y, m)
    mod = (mod or "").strip().lower()
    if mod.startswith(("early", "the beginning", "the start")):
        return date(y, m, 1), date(y, m, 10)
    if mod.startswith(("mid", "the middle")):
        return date(y, m, 11), date(y, m, 20)
    if mod.startswith(("late", "the end")):
        return date(y, m, 21), end
    return date(y, m, 1), end


def _year_interval(y: int, mod: str | None = None) -> tuple[date, date]:
    mod = (mod or "").strip().lower()
    if mod.startswith(("early", "the beginning", "the start")):
        return date(y, 1, 1), date(y, 4, 30)
    if mod.startswith(("mid", "the middle")):
        return date(y, 5, 1), date(y, 8, 31)
    if mod.startswith(("late", "the end")):
        return date(y, 9, 1), date(y, 12, 31)
    return date(y, 1, 1), date(y, 12, 31)


def _quarter_interval(y: int, q: int) -> tuple[date, date]:
    return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)


def _week_interval(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _shift_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _dateparse(text: str, ref: date | None) -> date | None:
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


def _number(words: str | None) -> float | None:
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


def _duration_value(n: float | None, unit: str) -> str:
    letter, is_time = _UNIT[unit]
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


def _unit_word(u: str) -> str:
    u = u.lower()
    if u.endswith("ies"):
        return "century"
    return u[:-1] if u.endswith("s") and u[:-1] in _UNIT else u


# ---------------------------------------------------------------- resolution


@dataclass
class _Ctx:
    ref: date | None
    anchor: str | None = None  # last period-naming value ("1989-Q3", "1990", "1990-08-14")


def _rel(start: int, end: int, value: str | None, iv: tuple[date, date] | None, kind: str):
    return (start, end, value, iv, kind, True)


def _abs(start: int, end: int, value: str | None, iv: tuple[date, date] | None, kind: str):
    return (start, end, value, iv, kind, False)


_Result = tuple[int, int, str | None, tuple[date, date] | None, str, bool]


def _day(s: int, e: int, d: date | None, part: str | None = None, relative: bool = True):
    if d is None:
        return (s, e, None, None, "day", relative)
    value = d.isoformat() + (f"T{part}" if part else "")
    return (s, e, value, (d, d), "day", relative)


def _weekday_date(ref: date, wd: int, rel: str) -> date:
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


def _quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _anchor_year_back(ctx: _Ctx, years: int = 1) -> tuple[str, tuple[date, date], str] | None:
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
        return f"{y:04d}-Q{q}", _quarter_interval(y, q), "quarter"
    if m.group(4):
        mon = int(m.group(4))
        return f"{y:04d}-{mon:02d}", _month_interval(y, mon), "month"
    return f"{y:04d}", _year_interval(y), "year"


def _resolve(tag: str, m: re.Match[str], ctx: _Ctx) -> _Result | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    ref = ctx.ref
    low = m.group(0).lower()

    if tag == "iso":
        return _day(s, e, _safe_date(int(g["y"]), int(g["m"]), int(g["d"])), relative=False)
    if tag in ("mdy", "dmy"):
        mon = _MONTHS[g["mon"].lower().rstrip(".")]
        d = _safe_date(int(g["y"]), mon, int(g["d"]))
        return None if d is None else _day(s, e, d, relative=False)
    if tag in ("md", "dm"):
        mon = _MONTHS[g["mon"].lower().rstrip(".")]
        day_n = int(g["d"])
        if not 1 <= day_n <= 31 or (g["mon"] == "May" and tag == "dm"):
            return None
        if ref is None:
            return _day(s, e, None)
        if _safe_date(ref.year, mon, day_n) is None and not (mon == 2 and day_n == 29):
            return None
        return _day(s, e, _month_day(ref, mon, day_n, m))
    if tag == "month_year":
        y, mon = int(g["y"]), _MONTHS[g["mon"].lower().rstrip(".")]
        return _abs(s, e, f"{y:04d}-{mon:02d}", _month_interval(y, mon, g.get("edge")), "month")
    if tag == "rel_month":
        rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
        name = g["mon"]
        if not rel and not g.get("edge") and name in ("May", "March") and not _month_context(m):
            return None
        if name[0].islower():
            return None
        mon = _MONTHS[name.lower().rstrip(".")]
        if not rel and _each_before(m):
            return _rel(_each_start(m), e, f"XXXX-{mon:02d}", None, "set")
        if ref is None:
            return _rel(s, e, None, None, "month")
        y = ref.year
        if rel in ("next", "this coming"):
            y = y + 1 if mon <= ref.month else y
        elif rel == "this":
            pass
        elif rel in ("last", "this past"):
            y = y - 1 if mon >= ref.month else y
        elif _future(m):
            y = y + 1 if mon < ref.month else y
        elif mon > ref.month + 1:
            y -= 1
        return _rel(s, e, f"{y:04d}-{mon:02d}", _month_interval(y, mon, g.get("edge")), "month")
    if tag == "weekday":
        if g.get("pl") or g.get("pl2") or _each_before(m):
            part = _PARTS.get((g.get("part") or "").lower(), "")
            s = _each_start(m)
            wd = WEEKDAYS[g["wd"].lower()] + 1
            return _rel(s, e, f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""), None, "set")
        if ref is None:
            return _day(s, e, None)
        rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
        if not rel and _future(m) and not _past(m):
            rel = "future"
        d = _weekday_date(ref, WEEKDAYS[g["wd"].lower()], rel)
        pre = (g.get("pre") or "").strip().lower()
        part = None
        if g.get("part"):
            part = _PARTS[g["part"].lower()]
        elif pre in ("midnight",):
            return _day(s, e, d, "24")
        elif pre in ("noon", "midday"):
            return _day(s, e, d, "12:00")
        return _day(s, e, d, part)
    if tag in ("clock", "clock_word"):
        if tag == "clock":
            h = int(g["h"])
            mi = int(g["mi"] or 0)
            ap = g["ap"].lower().replace(".", "")
            if (h > 12 and ap != "o'clock") or h > 23 or mi > 59:
                return None
            if ap == "pm" and h < 12:
                h += 12
            elif ap == "am" and h == 12:
                h = 0
            tail = f"{h:02d}:{mi:02d}"
        else:
            w = g["w"].lower()
            tail = "24" if w == "midnight" else "12:00"
        if ref is None:
            return _day(s, e, None)
        d = ref
        if g.get("wd"):
            d = _weekday_date(ref, WEEKDAYS[g["wd"].lower()], "")
        elif g.get("day"):
            d = ref + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[g["day"].lower()])
        elif g.get("md"):
            d = _month_day(ref, _MONTHS[g["mon"].lower().rstrip(".")], int(g["md"]), m)
            if d is None:
                return None
        return _day(s, e, d, tail)
    if tag == "ago":
        return _resolve_ago(m, ctx)
    if tag == "anaphor":
        q = (g.get("q") or "").lower()
        if "nine months" in q or "six months" in q:
            return _abs(s, e, "P9M" if "nine" in q else "P6M", None, "duration")
        if ref is None:
            return _rel(s, e, None, None, "year")
        qm = re.match(r"(first|second|third|fourth)", q)
        if qm:
            y = ref.year - 1
            qn = _ORDINALS[qm.group(1)]
            return _rel(s, e, f"{y:04d}-Q{qn}", _quarter_interval(y, qn), "quarter")
        back = _anchor_year_back(ctx)
        if back is None or (q in ("quarter", "period") and "-Q" not in back[0]):
            if q in ("quarter", "period"):
                y, qn = _prev_quarter(ref)
                y -= 1
                return _rel(s, e, f"{y:04d}-Q{qn}", _quarter_interval(y, qn), "quarter")
            y = ref.year - 1
            return _rel(s, e, f"{y:04d}", _year_interval(y), "year")
        return _rel(s, e, back[0], back[1], back[2])
    if tag == "that":
        return _resolve_that(m, ctx)
    if tag == "deictic":
        return _resolve_deictic(m, ctx)
    if tag == "the_year_period":
        y = int(g["y"])
        unit = g["unit"].lower()
        if g.get("ord"):
            qn = _ORDINALS[g["ord"].lower()]
            return _abs(s, e, f"{y:04d}-Q{qn}", _quarter_interval(y, qn), "quarter")
        if "year" in unit:
            return _abs(s, e, f"{y:04d}", _year_interval(y), "year")
        if ctx.anchor and re.fullmatch(r"\d{4}-Q\d", ctx.anchor):
            qn = int(ctx.anchor[-1])
        elif ref is not None:
            qn = _prev_quarter(ref)[1]
        else:
            return _abs(s, e, f"{y:04d}", _year_interval(y), "year")
        return _abs(s, e, f"{y:04d}-Q{qn}", _quarter_interval(y, qn), "quarter")
    if tag == "period_of":
        return _resolve_period_of(m, ctx)
    if tag == "day_word":
        if ref is None:
            return _day(s, e, None)
        w = re.sub(r"\s+", " ", g["w"].lower())
        mod = (g.get("mod") or "").lower()
        part = _PARTS.get((g.get("part") or "").lower())
        if w == "last night":
            return _day(s, e, ref - timedelta(days=1), "NI")
        if w in ("tonight", "overnight"):
            return _day(s, e, ref if w == "tonight" else ref - timedelta(days=1), "NI")
        if w == "today":
            d = ref
        else:
            parsed = _dateparse(w, ref)
            d = parsed or ref + timedelta(days=-1 if w == "yesterday" else 1)
        if mod.startswith("mid"):
            part = "AF"
        return _day(s, e, d, part)
    if tag == "part_alone":
        if ref is None:
            return None
        before = m.string[max(0, s - 12) : s].lower()
        if not re.search(r"\b(?:the|this|in\s+the)\s+$", before) and not g.get("mod"):
            return None
        if re.search(r"\bthis\s+$", before):
            return None  # "this morning" is the deictic pattern's
        return _day(s, e, ref, _PARTS[g["part"].lower()])
    if tag == "present":
        if ref is None:
            return _rel(s, e, None, None, "present")
        return _rel(s, e, "PRESENT_REF", (ref, ref), "present")
    if tag == "ref":
        w = low
        value = "PAST_REF" if ("recent" in w or "past" in w) else "FUTURE_REF"
        if "short term" in w or "near term" in w:
            value = "FUTURE_REF"
        if "long term" in w:
            value = "FUTURE_REF"
        return _rel(s, e, value, None, "ref")
    if tag == "quarter":
        return _resolve_quarter(m, ctx)
    if tag == "the_quarter":
        if ref is None:
            return _rel(s, e, None, None, "quarter")
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        if g["unit"].lower() == "period" and rel in ("the", "this", "the same"):
            return None
        if rel in ("the current", "this"):
            y, q = ref.year, _quarter_of(ref)
        elif rel == "next":
            y, q = ref.year + (_quarter_of(ref) == 4), _quarter_of(ref) % 4 + 1
        elif rel in ("the", "the same") and ctx.anchor and "-Q" in ctx.anchor:
            y, q = int(ctx.anchor[:4]), int(ctx.anchor[-1])
        else:
            y, q = _prev_quarter(ref)
        return _rel(s, e, f"{y:04d}-Q{q}", _quarter_interval(y, q), "quarter")
    if tag == "season":
        return _resolve_season(m, ctx)
    if tag == "decade":
        if g.get("w"):
            d = {
                "twenties": 2,
                "thirties": 3,
                "forties": 4,
                "fifties": 5,
                "sixties": 6,
                "seventies": 7,
                "eighties": 8,
                "nineties": 9,
            }[g["w"].lower()]
            c = "19"
        else:
            d = int(g["d"] if g["d"] is not None else g["d2"])
            c = g.get("c") or "19"
            if not g.get("c") and g.get("d2") is None:
                return None  # "50s" is an age or a temperature more often than a decade
        y0 = int(c) * 100 + d * 10
        value = f"{c}{d}" if g.get("the") else f"{c}{d}X"
        return _abs(s, e, value, (date(y0, 1, 1), date(y0 + 9, 12, 31)), "decade")
    if tag == "century":
        n = int(g["n"])
        if not 1 <= n <= 22:
            return None
        y0 = (n - 1) * 100
        return _abs(
            s, e, f"{n - 1:02d}", (date(max(1, y0), 1, 1), date(y0 + 99, 12, 31)), "century"
        )
    if tag == "year":
        y = int(g["y"])
        if not _year_context(m):
            return None
        return _abs(s, e, f"{y:04d}", _year_interval(y, g.get("edge")), "year")
    if tag == "year_words":
        if g.get("c"):
            y = 1900 + _words_value(f"{g['t']} {g.get('o') or ''}")
        else:
            y = 2000 + (_words_value(g["o2"]) if g.get("o2") else 0)
        return _abs(s, e, f"{y:04d}", _year_interval(y), "year")
    if tag == "duration":
        return _resolve_duration(m)
    if tag == "bare_units":
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        unit = _unit_word(g["unit"])
        if rel == "in":
            if unit not in ("years", "decades", "year", "decade", "century"):
                return None
            s = m.start("unit")
        if rel in ("recent", "the recent", "past", "previous", "the last few"):
            return _rel(s, e, "PAST_REF", None, "ref")
        if rel in ("coming", "the coming") and unit not in ("week", "day"):
            return _rel(s, e, "FUTURE_REF", None, "ref")
        return _rel(s, e, _duration_value(None, unit), None, "duration")
    if tag == "plain_unit":
        w = re.sub(r"\s+", " ", g["w"].lower())
        det = w.split()[0]
        unit = g["unit"].lower()
        if w in _SKIP_PLAIN:
            return None
        if det in ("each", "every", "per"):
            return _rel(s, e, _duration_value(1, unit), None, "set")
        if det in ("this", "that", "the"):
            if det == "the" and unit in ("year", "week", "month"):
                return _abs(s, e, _duration_value(1, unit), None, "duration")
            return None
        before = m.string[max(0, s - 25) : s]
        if det == "a" and _RATE_BEFORE.search(before):
            return None
        if det == "a" and unit == "second":
            return None
        n = 1.5 if "half" in w else 1
        if n == 1.5 and unit == "minute":
            return _abs(s, e, "PT1M30S", None, "duration")
        return _abs(s, e, _duration_value(n, unit), None, "duration")
    return None


_FUTURE = re.compile(
    r"\b(?:will|'ll|shall|won't|going\s+to|plans?\s+to|planned\s+to|expect(?:s|ed)?\s+to|"
    r"scheduled|set\s+to|due|is\s+to|are\s+to|to\s+be|effective|until|by|begin"
    r"|starting|next|upcoming|resume|payable|expire|expires|record)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:said|was|were|had|did|ago|last|earlier|since|reported|announced|\w+ed)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_SENT_START = re.compile(r"(?:[.!?;]\s|\n|,\s)(?=[^.!?;,\n]*$)")
_PAST_AUX = re.compile(r"\b(?:had|was|were|did|has\s+been|have\s+been)\b", re.IGNORECASE)


def _sentence_before(m: re.Match[str], width: int = 80) -> str:
    before = m.string[max(0, m.start() - width) : m.start()]
    cut = _SENT_START.search(before)
    return before[cut.end() :] if cut else before


def _future(m: re.Match[str]) -> bool:
    """The clause before ``m`` speaks of the future ("will meet Monday", "by August")."""
    clause = _sentence_before(m, 60)
    return bool(_FUTURE.search(clause)) and not _PAST_AUX.search(clause)


def _past(m: re.Match[str]) -> bool:
    """A past-tense verb directly before ``m`` ("met Monday", "said on Monday")."""
    return bool(_PAST.search(_sentence_before(m, 30)))


_EACH = re.compile(r"\b(?:each|every)\s+$", re.IGNORECASE)


def _each_before(m: re.Match[str]) -> bool:
    return bool(_EACH.search(m.string[max(0, m.start() - 7) : m.start()]))


def _each_start(m: re.Match[str]) -> int:
    found = _EACH.search(m.string[max(0, m.start() - 7) : m.start()])
    return m.start() - (len(found.group(0)) if found else 0)


def _month_day(ref: date, mon: int, day_n: int, m: re.Match[str]) -> date | None:
    """A month and day without a year: the latest such day on or before ``ref``, or the next
    one when the clause speaks of the future."""
    y = ref.year
    cand = _safe_date(y, mon, day_n)
    if cand is None:
        return _safe_date(y - 1, mon, day_n) if mon == 2 and day_n == 29 else None
    if _future(m) and not _past(m):
        if cand < ref - timedelta(days=14):
            return _safe_date(y + 1, mon, day_n)
        return cand
    if cand > ref + timedelta(days=60):
        return _safe_date(y - 1, mon, day_n)
    return cand


_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|by|from|during|before|after|of|through|early|late|mid|last|next"
    r"|this|and|or|to|on)\s+$)",
    re.IGNORECASE,
)


def _month_context(m: re.Match[str]) -> bool:
    """The words "May"/"March" alone are months only after a preposition ("in May")."""
    before = m.string[max(0, m.start() - 12) : m.start()]
    return bool(_MONTH_CONTEXT.search(before))


_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|during|before|after|of|through|early|late|mid|the"
    r"|end|and|to|or|between|fiscal|calendar|year|for|about|around|circa|spring|summer|fall"
    r"|autumn|winter|"
    rf"{_FULL_MONTH_RE}|beyond|than|as\s+of)\s+$|[-\u2013(]$|'s\s+$|^$|\n\s*$|,\s+$)",
    re.IGNORECASE,
)


def _year_context(m: re.Match[str]) -> bool:
    if m.group("edge") or m.group("fiscal"):
        return True
    before = m.string[max(0, m.start() - 14) : m.start()]
    if _YEAR_BEFORE.search(before):
        return True
    after = m.string[m.end() : m.end() + 12]
    return bool(re.match(r"(?:,|\s+(?:and|to|or|through)\b|\)|\.\s|$|'s\b)", after))


def _prev_quarter(ref: date) -> tuple[int, int]:
    q = _quarter_of(ref) - 1
    return (ref.year, q) if q else (ref.year - 1, 4)


def _resolve_quarter(m: re.Match[str], ctx: _Ctx) -> _Result | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    ref = ctx.ref
    unit = g["unit"].lower()
    n = _ORDINALS[g["ord"].lower()]
    rel = (g.get("rel") or "").lower()
    yrs = (g.get("yrs") or "").lower()
    if unit == "half":
        if n > 2:
            return None
        yv = g.get("y") or g.get("y2") or (yrs[:4] if yrs[:1].isdigit() else None)
        if yv is None and ref is None:
            return _rel(s, e, None, None, "quarter")
        y = int(yv) if yv else ref.year  # type: ignore[union-attr]
        iv = (date(y, 1, 1), date(y, 6, 30)) if n == 1 else (date(y, 7, 1), date(y, 12, 31))
        return (s, e, f"{y:04d}-H{n}", iv, "quarter", yv is None)
    if unit == "period":
        return None
    if g.get("pl"):
        return _rel(s, e, f"XXXX-Q{n}", None, "set")
    if (g.get("the") or g.get("the2")) and not g.get("rel") and not g.get("yrs"):
        gap = m.string[m.end("ord") : m.start("unit")]
        if "-" in gap or _RESULT_NOUN.match(m.string, m.end()):
            s = m.start("ord") if not re.search(r"fiscal", m.string[s : m.start("ord")]) else s
            if m.string[s : s + 4].lower() == "the ":
                s += 4
    yv = g.get("y") or g.get("y2") or (yrs[:4] if yrs[:1].isdigit() else None)
    if yv:
        y = int(yv)
        return _abs(s, e, f"{y:04d}-Q{n}", _quarter_interval(y, n), "quarter")
    if ref is None:
        return _rel(s, e, None, None, "quarter")
    y = ref.year
    if yrs.startswith("last") or rel in ("year-earlier", "year-ago", "prior-year"):
        y -= 1
    elif yrs.startswith("next"):
        y += 1
    elif not yrs and _quarter_interval(y, n)[0] > ref and not _future(m):
        y -= 1  # "the fourth quarter" in a January paper is last year's
    return _rel(s, e, f"{y:04d}-Q{n}", _quarter_interval(y, n), "quarter")


_RESULT_NOUN = re.compile(
    r"\s+(?:earnings|results?|profits?|net|loss(?:es)?|sales|revenues?|income|dividends?|"
    r"reports?|figures|charges?|deficit|growth|output|shipments|gains?)\b",
    re.IGNORECASE,
)


def _resolve_season(m: re.Match[str], ctx: _Ctx) -> _Result | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    ref = ctx.ref
    code = _SEASONS[g["s"].lower()]
    rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    yv = g.get("y")
    if not yv and not rel and not g.get("edge"):
        before = m.string[max(0, s - 8) : s].lower()
        if not re.search(r"\b(?:in|this|last|next|by|until|since|during)\s+$", before):
            return None
    if rel == "the past":
        return _rel(s, e, f"XXXX-{code}", None, "set")
    if yv:
        y = int(yv) if yv.isdigit() else 1900 + _words_value(yv.split(None, 1)[1])
        relative = False
    elif ref is None:
        return _rel(s, e, None, None, "season")
    else:
        y = ref.year
        relative = True
        here = _season_of(ref)
        if rel in ("last", "this past"):
            y = y - 1 if code == here or _season_after(code, ref) else y
        elif rel in ("next", "this coming"):
            y = y + 1 if not _season_after(code, ref) else y
        if code == "WI" and ref.month <= 2 and rel in ("this", "", "the"):
            y -= 1
    first, last = _SEASON_MONTHS[code]
    start = date(y, first, 1)
    end = _month_end(y + (last - 1) // 12, (last - 1) % 12 + 1)
    return (s, e, f"{y:04d}-{code}", (start, end), "season", relative)


def _words_value(words: str) -> int:
    """The value of number words the patterns matched ("seventy-five" -> 75)."""
    value = parse_number_words(words)
    if value is None:
        raise ValueError(f"not number words: {words!r}")
    return int(value)


def _season_of(d: date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(
        d.month, "FA"
    )


def _season_after(code: str, ref: date) -> bool:
    """True if season ``code`` of ref's year starts after ``ref``."""
    first = _SEASON_MONTHS[code][0]
    return first <= 12 and date(ref.year, first, 1) > ref


def _resolve_ago(m: re.Match[str], ctx: _Ctx) -> _Result | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    ref = ctx.ref
    unit = g["unit"].lower()
    direction = re.sub(r"\s+", " ", g["dir"].lower())
    n_text = (g.get("n") or "").lower()
    n = _number(n_text)
    if unit not in _UNIT or unit == "centurie":
        return None
    if not n_text and not m.group(0).lower().startswith(unit):
        return None
    if not n_text:
        if direction != "ago":
            return None
        return _rel(s, e, _duration_value(None, unit), None, "duration")
    if n is None and n_text not in ("several", "a few", "few", "a couple of", "some"):
        return None
    if n is not None and (n > 10000 or (unit == "year" and n > 3000)):
        return None
    if direction in ("before", "later", "hence", "from now") and n is not None:
        return _abs(s, e, _duration_value(n, unit), None, "duration")
    if ref is None:
        return _rel(s, e, None, None, "day")
    if n is None:
        return _rel(s, e, "PAST_REF", None, "ref")
    if direction == "earlier":
        if unit == "year":
            back = _anchor_year_back(ctx, int(n))
            if back is not None:
                return _rel(s, e, back[0], back[1], back[2])
        if unit == "day" and ctx.anchor and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.anchor):
            d = date.fromisoformat(ctx.anchor) - timedelta(days=int(n))
            return _day(s, e, d)
    sign = 1 if direction == "from now" else -1
    n_int = int(n)
    if unit == "year":
        if direction == "ago" and n_int == 1:
            back = _anchor_year_back(ctx)
            if back is not None and "-Q" in back[0]:
                return _rel(s, e, back[0], back[1], back[2])
        y = ref.year + sign * n_int
        return _rel(s, e, f"{y:04d}", _year_interval(y), "year")
    if unit == "decade":
        y = ref.year + sign * 10 * n_int
        return _rel(
            s,
            e,
            f"{y // 10}X",
            (date(y // 10 * 10, 1, 1), date(y // 10 * 10 + 9, 12, 31)),
            "decade",
        )
    if unit == "month":
        d = _shift_months(ref, sign * n_int)
        return _rel(s, e, f"{d.year:04d}-{d.month:02d}", _month_interval(d.year, d.month), "month")
    if unit == "week":
        d = ref + timedelta(days=7 * sign * n_int)
        return _rel(s, e, _week_value(d), _week_interval(d), "week")
    if unit == "quarter":
        d = _shift_months(ref, 3 * sign * n_int)
        q = _quarter_of(d)
        return _rel(s, e, f"{d.year:04d}-Q{q}", _quarter_interval(d.year, q), "quarter")
    if unit in ("day", "night"):
        return _day(s, e, ref + timedelta(days=sign * n_int))
    return _rel(s, e, _duration_value(n, unit), None, "duration")


def _resolve_that(m: re.Match[str], ctx: _Ctx) -> _Result | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    unit = g["unit"].lower()
    w = re.sub(r"\s+", " ", g["w"].lower())
    step = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1}.get(w, 0)
    if w == "the prior":
        step = -1
    a = ctx.anchor
    if ctx.ref is None:
        return _rel(s, e, None, None, "day")
    if unit in _PARTS:
        if a and re.fullmatch(r"\d{4}-\d\d-\d\d", a[:10]) and len(a) >= 10:
            d = date.fromisoformat(a[:10]) + timedelta(days=step)
            return _day(s, e, d, _PARTS[unit])
        return None
    if unit == "year":
        if a is None:
            return None
        y = int(a[:4]) + step
        return _rel(s, e, f"{y:04d}", _year_interval(y), "year")
    if unit == "month" and a and re.fullmatch(r"\d{4}-\d\d.*", a):
        d = _shift_months(date(int(a[:4]), int(a[5:7]), 1), step)
        return _rel(s, e, f"{d.year:04d}-{d.month:02d}", _month_interval(d.year, d.month), "month")
    if unit == "day" and a and re.fullmatch(r"\d{4}-\d\d-\d\d.*", a):
        d = date.fromisoformat(a[:10]) + timedelta(days=step)
        return _day(s, e, d)
    if unit == "week" and a and re.fullmatch(r"\d{4}-\d\d-\d\d.*", a):
        d = date.fromisoformat(a[:10]) + timedelta(days=7 * step)
        return _rel(s, e, _week_value(d), _week_interval(d), "week")
    return None


def _resolve_deictic(m: re.Match[str], ctx: _Ctx) -> _Result | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    ref = ctx.ref
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    unit = re.sub(r"\s+", " ", g["unit"].lower())
    mod = re.sub(r"\s+", " ", (g.get("mod") or "").lower())
    if ref is None:
        return _rel(s, e, None, None, "day")
    if rel in ("the past", "the coming", "the latest"):
        if unit in _PARTS or unit == "fiscal year":
            return None
        if rel == "the latest" and unit != "quarter":
            return None
        if unit == "quarter":
            y, q = _prev_quarter(ref)
            return _rel(s, e, f"{y:04d}-Q{q}", _quarter_interval(y, q), "quarter")
        return _rel(s, e, _duration_value(1, unit), None, "duration")
    step = {
        "last": -1,
        "this past": -1,
        "this": 0,
        "the current": 0,
        "next": 1,
        "this coming": 1,
    }[rel]
    if unit in _PARTS:
        if rel in ("last",) and unit == "night":
            return _day(s, e, ref - timedelta(days=1), "NI")
        if step != 0:
            return None
        return _day(s, e, ref, _PARTS[unit])
    if unit in ("year", "fiscal year"):
        y = ref.year + step
        return _rel(s, e, f"{y:04d}", _year_interval(y, mod), "year")
    if unit == "month":
        d = _shift_months(ref, step)
        return _rel(
            s, e, f"{d.year:04d}-{d.month:02d}", _month_interval(d.year, d.month, mod), "month"
        )
    if unit == "quarter":
        y, q = ref.year, _quarter_of(ref)
        if step < 0:
            y, q = _prev_quarter(ref)
        elif step > 0:
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
        return _rel(s, e, f"{y:04d}-Q{q}", _quarter_interval(y, q), "quarter")
    if unit == "decade":
        y = ref.year // 10 * 10 + 10 * step
        return _rel(s, e, f"{y // 10}X", (date(y, 1, 1), date(y + 9, 12, 31)), "decade")
    if unit == "century":
        c = ref.year // 100 + step
        return _rel(s, e, f"{c:02d}", (date(c * 100, 1, 1), date(c * 100 + 99, 12, 31)), "century")
    if unit == "weekend":
        d = ref + timedelta(days=7 * step)
        if step == 0 and ref.weekday() < 4:
            d = ref - timedelta(days=7)  # "this weekend" early in the week: the one just gone
        sat = d - timedelta(days=d.weekday()) + timedelta(days=5)
        return _rel(s, e, _week_value(d) + "-WE", (sat, sat + timedelta(days=1)), "week")
    d = ref + timedelta(days=7 * step)
    return _rel(s, e, _week_value(d), _week_interval(d), "week")


def _resolve_period_of(m: re.Match[str], ctx: _Ctx) -> _Result | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    ref = ctx.ref
    w = re.sub(r"\s+", " ", g["w"].lower())
    edge = re.sub(r"\s+", " ", (g.get("edge") or "").lower())
    mod = (g.get("mod") or "").lower()
    framed = bool(edge or mod)
    if w in ("the year", "the month", "the week") and not framed:
        if w == "the week" and m.string[e : e + 2] == "'s":
            return None
        if w == "the year":
            return _abs(s, e, "P1Y", None, "duration")
        return _abs(s, e, "P1M" if w == "the month" else "P1W", None, "duration")
    if ref is None:
        return _rel(s, e, None, None, "year")
    if w == "the weekend":
        recent = ref.weekday() >= 5 or (_future(m) and not _past(m))
        d = ref if recent else ref - timedelta(days=7)
        sat = d - timedelta(days=d.weekday()) + timedelta(days=5)
        return _rel(s, e, _week_value(sat) + "-WE", (sat, sat + timedelta(days=1)), "week")
    if w == "the month":
        mv = edge or mod
        return _rel(
            s,
            e,
            f"{ref.year:04d}-{ref.month:02d}",
            _month_interval(ref.year, ref.month, mv),
            "month",
        )
    if w == "the week":
        return _rel(s, e, _week_value(ref), _week_interval(ref), "week")
    y = ref.year
    if w in ("year-end", "year end", "year's end"):
        if re.search(r"\bsince\s+$", m.string[max(0, s - 7) : s]):
            y -= 1
        return _rel(s, e, f"{y:04d}", (date(y, 12, 1), date(y, 12, 31)), "year")
    return _rel(s, e, f"{y:04d}", _year_interval(y, edge or mod), "year")


def _resolve_duration(m: re.Match[str]) -> _Result | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    unit = g["unit"].lower()
    n_text = (g["n"] or "").lower()
    n_text = re.sub(r"\s+", " ", n_text)
    det = (g.get("det") or "").lower()
    rel = (g.get("rel") or "").lower()
    if n_text == "the":
        if rel not in ("past", "last") or unit not in ("day", "week", "month", "year", "quarter"):
            return None
        n: float | None = 1
    elif n_text in ("a", "an") and not (rel or det or g.get("mod")):
        if m.string[m.end("n") : m.start("unit")].startswith("-") or unit == "second":
            return None
        if _RATE_BEFORE.search(m.string[max(0, s - 25) : s]):
            return None  # "$1.76 a year", "four flights a week": a rate
        # "a year" alone: only as a length ("for a year", "a year ago" is the ago pattern)
        n = 1
    else:
        n = _number(n_text)
    if n is None and n_text not in ("a few", "few", "several", "many", "some", "a couple"):
        if not n_text.startswith("a couple"):
            return None
        n = 2
    if n is not None and n > 1000 and unit not in ("second", "minute", "hour", "day"):
        return None
    if n is not None and g.get("n2"):
        n = None
    if unit == "night":
        unit = "day"
    if det == "the" and not rel and n_text in ("a", "an"):
        return None
    if g.get("pl") is None and n is not None and n > 1 and not _hyphen_or_adj(m):
        return None
    if n is not None and re.search(r"and\s+a\s+half$", m.group(0), re.IGNORECASE):
        n += 0.5
    value = _duration_value(n, unit)
    if n is None and rel in ("past", "last", "recent") and g.get("pl") and unit in ("day",):
        value = "PXD"
    return _abs(s, e, value, None, "duration")


_RATE_BEFORE = re.compile(r"(?:\d|%|illion|\b\w+s)\s+$")


def _hyphen_or_adj(m: re.Match[str]) -> bool:
    """True for "five-year", "five year low": a singular unit after a number is an adjective."""
    gap = m.string[m.end("n") : m.start("unit")]
    return "-" in gap or bool(re.match(r"\s+[a-z]", m.string[m.end() : m.end() + 3]))


# Every match of a pattern holds one of its anchor words (or digit shapes, below); a pattern
# runs only on windows around its own anchors. One cheap tokenising pass finds them all, which
# keeps long pages with little temporal text fast (one combined trigger regex and every
# pattern over its windows cost a third of all extraction time).
_MONTH_WORDS = " ".join([*MONTHS, *MONTH_ABBREVIATIONS])
_WEEKDAY_WORDS = " ".join(f"{d} {d}s" for d in WEEKDAYS)
_UNIT_SINGULAR = "second minute hour day night week month quarter year decade century"
_UNIT_WORDS = (
    _UNIT_SINGULAR + " seconds minutes hours days nights weeks months quarters years decades"
    " centuries centurie centuries"
)
_ANCHOR_WORDS: dict[str, str] = {
    "mdy": _MONTH_WORDS,
    "dmy": _MONTH_WORDS,
    "md": _MONTH_WORDS,
    "dm": _MONTH_WORDS,
    "month_year": _MONTH_WORDS,
    "rel_month": _MONTH_WORDS,
    "weekday": _WEEKDAY_WORDS,
    "clock": "am pm m clock",
    "clock_word": "noon midnight midday",
    "ago": _UNIT_WORDS,
    "anaphor": "year",
    "that": "day week month year morning afternoon evening night",
    "deictic": "year month week weekend quarter century decade morning afternoon evening night",
    "the_year_period": "period quarter year",
    "period_of": "year month week weekend",
    "day_word": "today yesterday tomorrow tonight overnight night",
    "part_alone": "afternoon morning",
    "present": "now currently present moment nowadays days time far date yet",
    "ref": "recently recent past future term soon date",
    "quarter": "quarter quarters half halfs period periods",
    "the_quarter": "quarter period",
    "season": "spring summer fall autumn winter",
    "decade": "twenties thirties forties fifties sixties seventies eighties nineties",
    "century": "century",
    "year_words": "nineteen thousand",
    "duration": _UNIT_WORDS,
    "bare_units": "days weeks months years decades quarters centuries",
    "plain_unit": _UNIT_SINGULAR,
}
# digit anchors: any 4-digit number, a year 1800-2100, a number ending in 0 ("1990s", "'90s")
_DIGIT_ANCHORS = {"iso": "four", "year": "year", "decade": "tens"}
_WORD_PATTERNS: dict[str, tuple[int, ...]] = {}
for _i, (_tag, _) in enumerate(_PATTERNS):
    for _w in set(_ANCHOR_WORDS.get(_tag, "").split()):
        _WORD_PATTERNS[_w] = (*_WORD_PATTERNS.get(_w, ()), _i)
_DIGIT_PATTERNS = {
    kind: tuple(i for i, (tag, _) in enumerate(_PATTERNS) if _DIGIT_ANCHORS.get(tag) == kind)
    for kind in ("four", "year", "tens")
}
assert all(tag in _ANCHOR_WORDS or tag in _DIGIT_ANCHORS for tag, _ in _PATTERNS)
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_WINDOW = 50


def _anchor_hits(norm: str) -> list[list[tuple[int, int]]]:
    """Per pattern, the spans of its anchor tokens in ``norm``."""
    hits: list[list[tuple[int, int]]] = [[] for _ in _PATTERNS]
    word_patterns = _WORD_PATTERNS
    for m in _TOKEN.finditer(norm):
        w = m.group()
        if w[0].isdigit():
            found: tuple[int, ...] = ()
            if len(w) == 4:
                found = _DIGIT_PATTERNS["four"]
                if w[:2] in ("18", "19", "20") or w == "2100":
                    found = found + _DIGIT_PATTERNS["year"]
            if w[-1] == "0" and len(w) <= 4:
                found = found + _DIGIT_PATTERNS["tens"]
        else:
            found = word_patterns.get(w.lower(), ())
        for i in found:
            hits[i].append(m.span())
    return hits


def _windows(norm: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merged text windows around anchor spans, widened to whitespace."""
    out: list[tuple[int, int]] = []
    n = len(norm)
    for s, e in spans:
        a, b = max(0, s - _WINDOW), min(n, e + _WINDOW)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    widened: list[tuple[int, int]] = []
    for a, b in out:
        while a > 0 and not norm[a - 1].isspace():
            a -= 1
        while b < n and not norm[b].isspace():
            b += 1
        if widened and a <= widened[-1][1]:
            widened[-1] = (widened[-1][0], b)
        else:
            widened.append((a, b))
    return widened


def _select(norm: str, ref: date | None) -> list[tuple[str, re.Match[str]]]:
    """All pattern candidates that resolve, longest first, then earliest; no overlaps."""
    cands: list[tuple[int, int, int, str, re.Match[str]]] = []
    probe = _Ctx(ref)
    hits = _anchor_hits(norm)
    matches = (
        (order, tag, m)
        for order, (tag, pattern) in enumerate(_PATTERNS)
        if hits[order]
        for a, b in _windows(norm, hits[order])
        for m in pattern.finditer(norm, a, b)
    )
    for order, tag, m in matches:
        if m.end() == m.start():
            continue
        try:
            ok = _resolve(tag, m, probe) is not None
        except (ValueError, OverflowError, KeyError, TypeError):
            ok = False
        if ok:
            cands.append((m.start(), m.end(), order, tag, m))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken: list[tuple[int, int]] = []
    out: list[tuple[str, re.Match[str]]] = []
    for s, e, _, tag, m in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        out.append((tag, m))
    out.sort(key=lambda x: x[1].start())
    return out


_ANCHOR_KINDS = {"day", "month", "quarter", "year", "season"}
_ANCHOR_TAGS = {
    "iso",
    "mdy",
    "dmy",
    "md",
    "dm",
    "month_year",
    "rel_month",
    "quarter",
    "the_quarter",
    "year",
    "year_words",
    "the_year_period",
}


def times_in(text: str, norm: str, reference_date: date | None) -> list[TimeExpression]:
    """``find_times`` for a caller that holds ``norm``, ``text`` normalised for matching."""
    ctx = _Ctx(reference_date)
    found: list[TimeExpression] = []
    for tag, m in _select(norm, reference_date):
        try:
            r = _resolve(tag, m, ctx)
        except (ValueError, OverflowError, KeyError, TypeError):
            r = None
        if r is None:
            continue
        s, e, value, iv, kind, relative = r
        # TimeML leaves out leading prepositions and trailing punctuation
        while e > s and text[e - 1] in " ,;:":
            e -= 1
        found.append(TimeExpression(s, e, text[s:e], value, iv, kind, relative))
        if value and kind in _ANCHOR_KINDS and tag in _ANCHOR_TAGS:
            ctx.anchor = value[:10] if kind == "day" else value
    return found


def find_times(text: str, reference_date: date | None = None) -> list[TimeExpression]:
    """Find time expressions in ``text``, in text order, resolved against ``reference_date``."""
    if not text:
        return []
    return times_in(text, normalise_for_matching(text), reference_date)


_COORD = re.compile(r"^\s*(?:and|to|or|through|until|-|\u2013|\u2014)\s*$", re.IGNORECASE)


def merge_coordinated(text: str, times: list[TimeExpression]) -> list[list[TimeExpression]]:
    """Group expressions joined by "and"/"to"/"-" ("in 2014 and 2015") into one event range."""
    groups: list[list[TimeExpression]] = []
    for t in times:
        if groups:
            prev = groups[-1][-1]
            if (
                prev.interval is not None
                and t.interval is not None
                and prev.kind == t.kind
                and _COORD.match(text[prev.end : t.start])
            ):
                groups[-1].append(t)
                continue
        groups.append([t])
    return groups


def group_interval(group: list[TimeExpression]) -> tuple[date, date] | None:
    """The inclusive range spanned by a group of expressions, or ``None`` if unresolved."""
    ivs = [t.interval for t in group if t.interval is not None]
    if not ivs:
        return None
    return min(i[0] for i in ivs), max(i[1] for i in ivs)
