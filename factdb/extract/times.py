"""Time expressions: our own candidate finder, dateparser only as the day-level normaliser.

dateparser turns "July 2017" into a false day (2017-07-06); so granularity (year, month, week,
day) is decided here from the words, and each expression carries a TIMEX3-style ``value`` and a
date ``interval`` covering the whole period. Relative expressions ("Monday", "last September")
need a reference date (the publication date, never "now"); without one they keep
``value=None`` and ``interval=None`` and are marked ``relative``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from factdb.extract.text import normalise_for_matching

_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y"}
_SMALL = {
    "a": 1,
    "an": 1,
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
    "several": None,
}

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR_RE = r"(?:19\d\d|20\d\d|2100)"
_DAYPART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM_WORD = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

# Ordered: longer, more specific patterns first; overlapping later matches are dropped.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    (
        "mdy",
        re.compile(
            rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR_RE})\b"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH_RE}),?\s+(?P<y>{_YEAR_RE})\b"
        ),
    ),
    ("md", re.compile(rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*%)")),
    ("dm", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH_RE})\b")),
    (
        "month_year",
        re.compile(
            rf"\b(?:(?P<mod>early|late|mid)[-\s]+)?(?P<mon>{_MONTH_RE})(?:\s+of)?,?\s+(?P<y>{_YEAR_RE})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "rel_month",
        re.compile(
            r"\b(?:(?P<rel>last|this|next|(?:early|late|mid)(?:[-\s]+|\s+last\s+))[-\s]*)?"
            r"(?P<mon>January|February|March|April|June|July|August|September|October"
            r"|November|December)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        re.compile(rf"\b(?:(?P<rel>last|this|next)\s+)?(?P<wd>{_WEEKDAY_RE}){_DAYPART}\b"),
    ),
    (
        "ago",
        re.compile(
            rf"\b(?P<n>{_NUM_WORD})\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE
        ),
    ),
    (
        "duration",
        re.compile(
            rf"\b(?:(?:the\s+)?(?:past|last|next)|for)\s+(?P<n>{_NUM_WORD}|several|few)\s+"
            rf"(?P<unit>day|week|month|year)s?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "deictic",
        re.compile(
            r"\b(?P<w>today|yesterday|tomorrow|tonight|(?:last|this|next)\s+(?:week|month|year))\b",
            re.IGNORECASE,
        ),
    ),
    ("present", re.compile(r"\b(?P<w>now|currently|at present|at the moment)\b", re.IGNORECASE)),
    (
        "year",
        re.compile(
            rf"(?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bfrom\s)"
            rf"|(?<=\bduring\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\bof\s)|(?<=\bthrough\s)"
            rf"|(?<=\bearly\s)|(?<=\blate\s)|(?<=\bmid-)|(?<=\bmid\s)|(?<=\bthe\s)|(?<=\bend\s)"
            rf"|(?<=\band\s)|(?<=\bto\s)|(?<=\bor\s)|(?<=\bbetween\s)|(?<=[-\u2013]))"
            rf"(?P<y>{_YEAR_RE})(?!\s*(?:%|percent|per\s+cent))\b(?![,.]\d)"
            r"(?!\s+(?:[A-Za-z]+\s+)?(?:troops|soldiers|people|fighters|civilians|men|women"
            r"|children|residents|refugees|dead|killed|wounded|deaths|families|members)\b)",
            re.IGNORECASE,
        ),
    ),
]


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
    kind: str  # day | month | year | week | duration | present
    relative: bool = False


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month_interval(y: int, m: int, mod: str | None) -> tuple[date, date]:
    end = _month_end(y, m)
    mod = (mod or "").strip().lower()
    if mod.startswith("early"):
        return date(y, m, 1), date(y, m, 10)
    if mod.startswith("mid"):
        return date(y, m, 11), date(y, m, 20)
    if mod.startswith("late"):
        return date(y, m, 21), end
    return date(y, m, 1), end


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


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _SMALL.get(word)


def _shift_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _week_interval(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _resolve(kind: str, m: re.Match[str], ref: date | None) -> TimeExpression | None:
    g = m.groupdict()
    text = m.group(0)
    start, end = m.start(), m.end()

    def day(d: date | None, relative: bool = False) -> TimeExpression | None:
        if d is None:
            return TimeExpression(start, end, text, None, None, "day", relative)
        return TimeExpression(start, end, text, d.isoformat(), (d, d), "day", relative)

    if kind == "iso":
        return day(_safe_date(int(g["y"]), int(g["m"]), int(g["d"])))
    if kind in ("mdy", "dmy"):
        mon = _MONTHS[g["mon"].lower().rstrip(".")]
        return day(_safe_date(int(g["y"]), mon, int(g["d"])))
    if kind in ("md", "dm"):
        if ref is None:
            return day(None, relative=True)
        mon = _MONTHS[g["mon"].lower().rstrip(".")]
        if _safe_date(ref.year, mon, int(g["d"])) is None:
            return None
        return day(_dateparse(f"{g['mon']} {g['d']}", ref), relative=True)
    if kind == "month_year":
        y, mon = int(g["y"]), _MONTHS[g["mon"].lower().rstrip(".")]
        iv = _month_interval(y, mon, g.get("mod"))
        return TimeExpression(start, end, text, f"{y:04d}-{mon:02d}", iv, "month")
    if kind == "rel_month":
        rel = (g.get("rel") or "").lower()
        if not rel and (g["mon"].lower() == "may" or g["mon"][0].islower()):
            return None
        if ref is None:
            return TimeExpression(start, end, text, None, None, "month", True)
        mon = _MONTHS[g["mon"].lower()]
        y = ref.year
        if rel.startswith("next"):
            y = y + 1 if mon <= ref.month else y
        elif rel.startswith("this"):
            pass
        elif "last" in rel:
            y = y - 1 if mon >= ref.month else y
        elif mon > ref.month:
            y -= 1
        mod = rel.split()[0] if rel and not rel.startswith(("last", "this", "next")) else None
        iv = _month_interval(y, mon, mod)
        return TimeExpression(start, end, text, f"{y:04d}-{mon:02d}", iv, "month", True)
    if kind == "weekday":
        if ref is None:
            return day(None, relative=True)
        wd = _WEEKDAYS[g["wd"].lower()]
        rel = (g.get("rel") or "").lower()
        back = (ref.weekday() - wd) % 7
        if rel == "next":
            fwd = (wd - ref.weekday()) % 7 or 7
            return day(ref + timedelta(days=fwd), relative=True)
        if rel == "last" and back == 0:
            back = 7
        if back == 0:  # news convention: "Tuesday" in a Tuesday paper is that day
            return day(ref, relative=True)
        parsed = _dateparse(g["wd"], ref)
        expected = ref - timedelta(days=back)
        return day(parsed if parsed == expected else expected, relative=True)
    if kind == "ago":
        n = _number(g["n"])
        if ref is None or n is None:
            return TimeExpression(start, end, text, None, None, "day", True)
        unit = g["unit"].lower()
        if unit == "year":
            y = ref.year - n
            return TimeExpression(
                start, end, text, f"{y:04d}", (date(y, 1, 1), date(y, 12, 31)), "year", True
            )
        if unit == "month":
            d = _shift_months(ref, -n)
            return TimeExpression(
                start,
                end,
                text,
                f"{d.year:04d}-{d.month:02d}",
                (date(d.year, d.month, 1), _month_end(d.year, d.month)),
                "month",
                True,
            )
        d = ref - timedelta(days=n * (7 if unit == "week" else 1))
        return day(d, relative=True)
    if kind == "duration":
        n = _number(g["n"])
        unit = g["unit"].lower()
        value = f"P{n}{_UNITS[unit]}" if n is not None else f"PX{_UNITS[unit]}"
        iv = None
        lowered = text.lower()
        if ref is not None and n is not None and ("past" in lowered or "last" in lowered):
            if unit == "month":
                iv = (_shift_months(ref, -n), ref)
            elif unit == "year":
                iv = (_safe_date(ref.year - n, ref.month, min(ref.day, 28)) or ref, ref)
            else:
                iv = (ref - timedelta(days=n * (7 if unit == "week" else 1)), ref)
        return TimeExpression(start, end, text, value, iv, "duration")
    if kind == "deictic":
        w = re.sub(r"\s+", " ", g["w"].lower())
        if ref is None:
            return TimeExpression(start, end, text, None, None, "day", True)
        if w in ("today", "tonight"):
            return day(ref, relative=True)
        if w in ("yesterday", "tomorrow"):
            return day(
                _dateparse(w, ref) or ref + timedelta(days=-1 if w == "yesterday" else 1),
                relative=True,
            )
        rel, unit = w.split()
        step = {"last": -1, "this": 0, "next": 1}[rel]
        if unit == "year":
            y = ref.year + step
            return TimeExpression(
                start, end, text, f"{y:04d}", (date(y, 1, 1), date(y, 12, 31)), "year", True
            )
        if unit == "month":
            d = _shift_months(ref, step)
            return TimeExpression(
                start,
                end,
                text,
                f"{d.year:04d}-{d.month:02d}",
                (date(d.year, d.month, 1), _month_end(d.year, d.month)),
                "month",
                True,
            )
        d = ref + timedelta(days=7 * step)
        iso = d.isocalendar()
        return TimeExpression(
            start, end, text, f"{iso[0]:04d}-W{iso[1]:02d}", _week_interval(d), "week", True
        )
    if kind == "present":
        if ref is None:
            return TimeExpression(start, end, text, None, None, "present", True)
        return TimeExpression(start, end, text, "PRESENT_REF", (ref, ref), "present", True)
    if kind == "year":
        y = int(g["y"])
        return TimeExpression(
            start, end, text, f"{y:04d}", (date(y, 1, 1), date(y, 12, 31)), "year"
        )
    return None


def find_times(text: str, reference_date: date | None = None) -> list[TimeExpression]:
    """Find time expressions in ``text``, in text order, resolved against ``reference_date``."""
    norm = normalise_for_matching(text)
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(norm):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            try:
                expr = _resolve(kind, m, reference_date)
            except (ValueError, OverflowError, KeyError):
                expr = None
            if expr is None:
                continue
            expr = TimeExpression(
                expr.start,
                expr.end,
                text[expr.start : expr.end],
                expr.value,
                expr.interval,
                expr.kind,
                expr.relative,
            )
            taken.append((m.start(), m.end()))
            found.append(expr)
    found.sort(key=lambda t: t.start)
    return found


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
