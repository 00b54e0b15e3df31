"""Finding time expressions: the anchored candidate search, the longest-first selection,
and the public ``find_times`` with the grouping of coordinated expressions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from factdb.extract.text import normalise_for_matching, text_windows
from factdb.extract.times.patterns import DIGIT_PATTERNS, PATTERNS, WORD_PATTERNS
from factdb.extract.times.periods import ResolveContext
from factdb.extract.times.resolve import resolve_candidate


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


_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_WINDOW = 50


def _anchor_hits(norm: str) -> list[list[tuple[int, int]]]:
    """Per pattern, the spans of its anchor tokens in ``norm``."""
    hits: list[list[tuple[int, int]]] = [[] for _ in PATTERNS]
    word_patterns = WORD_PATTERNS
    for m in _TOKEN.finditer(norm):
        w = m.group()
        if w[0].isdigit():
            found: tuple[int, ...] = ()
            if len(w) == 4:
                found = DIGIT_PATTERNS["four"]
                if w[:2] in ("18", "19", "20") or w == "2100":
                    found = found + DIGIT_PATTERNS["year"]
            if w[-1] == "0" and len(w) <= 4:
                found = found + DIGIT_PATTERNS["tens"]
        else:
            found = word_patterns.get(w.lower(), ())
        for i in found:
            hits[i].append(m.span())
    return hits


def _select(norm: str, ref: date | None) -> list[tuple[str, re.Match[str]]]:
    """All pattern candidates that resolve, longest first, then earliest; no overlaps."""
    cands: list[tuple[int, int, int, str, re.Match[str]]] = []
    probe = ResolveContext(ref)
    hits = _anchor_hits(norm)
    matches = (
        (order, tag, m)
        for order, (tag, pattern) in enumerate(PATTERNS)
        if hits[order]
        for a, b in text_windows(norm, hits[order], _WINDOW)
        for m in pattern.finditer(norm, a, b)
    )
    for order, tag, m in matches:
        if m.end() == m.start():
            continue
        try:
            ok = resolve_candidate(tag, m, probe) is not None
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
    ctx = ResolveContext(reference_date)
    found: list[TimeExpression] = []
    for tag, m in _select(norm, reference_date):
        try:
            r = resolve_candidate(tag, m, ctx)
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
