"""Resolvers for the patterns whose value is counted from the reference date or the anchor
("three years ago", "that day", "last week", "the year", "the third quarter", "last summer")
and for durations ("for three months").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from factdb.extract.times.context import (
    RATE_BEFORE,
    RESULT_NOUN,
    future_clause,
    hyphen_or_adj,
    past_verb_before,
)
from factdb.extract.times.periods import (
    ORDINALS,
    PARTS,
    SEASON_MONTHS,
    SEASONS,
    UNIT,
    ResolveContext,
    Resolved,
    absolute_result,
    anchor_year_back,
    count_value,
    day_result,
    duration_value,
    month_end,
    month_interval,
    prev_quarter,
    quarter_interval,
    quarter_of,
    relative_result,
    season_after,
    season_of,
    shift_months,
    week_interval,
    week_value,
    words_value,
    year_interval,
)


def resolve_quarter(m: re.Match[str], ctx: ResolveContext) -> Resolved | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    ref = ctx.ref
    unit = g["unit"].lower()
    n = ORDINALS[g["ord"].lower()]
    rel = (g.get("rel") or "").lower()
    yrs = (g.get("yrs") or "").lower()
    if unit == "half":
        if n > 2:
            return None
        yv = g.get("y") or g.get("y2") or (yrs[:4] if yrs[:1].isdigit() else None)
        if yv is None and ref is None:
            return relative_result(s, e, None, None, "quarter")
        y = int(yv) if yv else ref.year  # type: ignore[union-attr]
        iv = (date(y, 1, 1), date(y, 6, 30)) if n == 1 else (date(y, 7, 1), date(y, 12, 31))
        return (s, e, f"{y:04d}-H{n}", iv, "quarter", yv is None)
    if unit == "period":
        return None
    if g.get("pl"):
        return relative_result(s, e, f"XXXX-Q{n}", None, "set")
    if (g.get("the") or g.get("the2")) and not g.get("rel") and not g.get("yrs"):
        gap = m.string[m.end("ord") : m.start("unit")]
        if "-" in gap or RESULT_NOUN.match(m.string, m.end()):
            s = m.start("ord") if not re.search(r"fiscal", m.string[s : m.start("ord")]) else s
            if m.string[s : s + 4].lower() == "the ":
                s += 4
    yv = g.get("y") or g.get("y2") or (yrs[:4] if yrs[:1].isdigit() else None)
    if yv:
        y = int(yv)
        return absolute_result(s, e, f"{y:04d}-Q{n}", quarter_interval(y, n), "quarter")
    if ref is None:
        return relative_result(s, e, None, None, "quarter")
    y = ref.year
    if yrs.startswith("last") or rel in ("year-earlier", "year-ago", "prior-year"):
        y -= 1
    elif yrs.startswith("next"):
        y += 1
    elif not yrs and quarter_interval(y, n)[0] > ref and not future_clause(m):
        y -= 1  # "the fourth quarter" in a January paper is last year's
    return relative_result(s, e, f"{y:04d}-Q{n}", quarter_interval(y, n), "quarter")


def resolve_season(m: re.Match[str], ctx: ResolveContext) -> Resolved | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    ref = ctx.ref
    code = SEASONS[g["s"].lower()]
    rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    yv = g.get("y")
    if not yv and not rel and not g.get("edge"):
        before = m.string[max(0, s - 8) : s].lower()
        if not re.search(r"\b(?:in|this|last|next|by|until|since|during)\s+$", before):
            return None
    if rel == "the past":
        return relative_result(s, e, f"XXXX-{code}", None, "set")
    if yv:
        y = int(yv) if yv.isdigit() else 1900 + words_value(yv.split(None, 1)[1])
        relative = False
    elif ref is None:
        return relative_result(s, e, None, None, "season")
    else:
        y = ref.year
        relative = True
        here = season_of(ref)
        if rel in ("last", "this past"):
            y = y - 1 if code == here or season_after(code, ref) else y
        elif rel in ("next", "this coming"):
            y = y + 1 if not season_after(code, ref) else y
        if code == "WI" and ref.month <= 2 and rel in ("this", "", "the"):
            y -= 1
    first, last = SEASON_MONTHS[code]
    start = date(y, first, 1)
    end = month_end(y + (last - 1) // 12, (last - 1) % 12 + 1)
    return (s, e, f"{y:04d}-{code}", (start, end), "season", relative)


def resolve_ago(m: re.Match[str], ctx: ResolveContext) -> Resolved | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    ref = ctx.ref
    unit = g["unit"].lower()
    direction = re.sub(r"\s+", " ", g["dir"].lower())
    n_text = (g.get("n") or "").lower()
    n = count_value(n_text)
    if unit not in UNIT or unit == "centurie":
        return None
    if not n_text and not m.group(0).lower().startswith(unit):
        return None
    if not n_text:
        if direction != "ago":
            return None
        return relative_result(s, e, duration_value(None, unit), None, "duration")
    if n is None and n_text not in ("several", "a few", "few", "a couple of", "some"):
        return None
    if n is not None and (n > 10000 or (unit == "year" and n > 3000)):
        return None
    if direction in ("before", "later", "hence", "from now") and n is not None:
        return absolute_result(s, e, duration_value(n, unit), None, "duration")
    if ref is None:
        return relative_result(s, e, None, None, "day")
    if n is None:
        return relative_result(s, e, "PAST_REF", None, "ref")
    if direction == "earlier":
        if unit == "year":
            back = anchor_year_back(ctx, int(n))
            if back is not None:
                return relative_result(s, e, back[0], back[1], back[2])
        if unit == "day" and ctx.anchor and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.anchor):
            d = date.fromisoformat(ctx.anchor) - timedelta(days=int(n))
            return day_result(s, e, d)
    sign = 1 if direction == "from now" else -1
    n_int = int(n)
    if unit == "year":
        if direction == "ago" and n_int == 1:
            back = anchor_year_back(ctx)
            if back is not None and "-Q" in back[0]:
                return relative_result(s, e, back[0], back[1], back[2])
        y = ref.year + sign * n_int
        return relative_result(s, e, f"{y:04d}", year_interval(y), "year")
    if unit == "decade":
        y = ref.year + sign * 10 * n_int
        return relative_result(
            s,
            e,
            f"{y // 10}X",
            (date(y // 10 * 10, 1, 1), date(y // 10 * 10 + 9, 12, 31)),
            "decade",
        )
    if unit == "month":
        d = shift_months(ref, sign * n_int)
        return relative_result(
            s, e, f"{d.year:04d}-{d.month:02d}", month_interval(d.year, d.month), "month"
        )
    if unit == "week":
        d = ref + timedelta(days=7 * sign * n_int)
        return relative_result(s, e, week_value(d), week_interval(d), "week")
    if unit == "quarter":
        d = shift_months(ref, 3 * sign * n_int)
        q = quarter_of(d)
        return relative_result(s, e, f"{d.year:04d}-Q{q}", quarter_interval(d.year, q), "quarter")
    if unit in ("day", "night"):
        return day_result(s, e, ref + timedelta(days=sign * n_int))
    return relative_result(s, e, duration_value(n, unit), None, "duration")


def resolve_that(m: re.Match[str], ctx: ResolveContext) -> Resolved | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    unit = g["unit"].lower()
    w = re.sub(r"\s+", " ", g["w"].lower())
    step = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1}.get(w, 0)
    if w == "the prior":
        step = -1
    a = ctx.anchor
    if ctx.ref is None:
        return relative_result(s, e, None, None, "day")
    if unit in PARTS:
        if a and re.fullmatch(r"\d{4}-\d\d-\d\d", a[:10]) and len(a) >= 10:
            d = date.fromisoformat(a[:10]) + timedelta(days=step)
            return day_result(s, e, d, PARTS[unit])
        return None
    if unit == "year":
        if a is None:
            return None
        y = int(a[:4]) + step
        return relative_result(s, e, f"{y:04d}", year_interval(y), "year")
    if unit == "month" and a and re.fullmatch(r"\d{4}-\d\d.*", a):
        d = shift_months(date(int(a[:4]), int(a[5:7]), 1), step)
        return relative_result(
            s, e, f"{d.year:04d}-{d.month:02d}", month_interval(d.year, d.month), "month"
        )
    if unit == "day" and a and re.fullmatch(r"\d{4}-\d\d-\d\d.*", a):
        d = date.fromisoformat(a[:10]) + timedelta(days=step)
        return day_result(s, e, d)
    if unit == "week" and a and re.fullmatch(r"\d{4}-\d\d-\d\d.*", a):
        d = date.fromisoformat(a[:10]) + timedelta(days=7 * step)
        return relative_result(s, e, week_value(d), week_interval(d), "week")
    return None


def resolve_deictic(m: re.Match[str], ctx: ResolveContext) -> Resolved | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    ref = ctx.ref
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    unit = re.sub(r"\s+", " ", g["unit"].lower())
    mod = re.sub(r"\s+", " ", (g.get("mod") or "").lower())
    if ref is None:
        return relative_result(s, e, None, None, "day")
    if rel in ("the past", "the coming", "the latest"):
        if unit in PARTS or unit == "fiscal year":
            return None
        if rel == "the latest" and unit != "quarter":
            return None
        if unit == "quarter":
            y, q = prev_quarter(ref)
            return relative_result(s, e, f"{y:04d}-Q{q}", quarter_interval(y, q), "quarter")
        return relative_result(s, e, duration_value(1, unit), None, "duration")
    step = {
        "last": -1,
        "this past": -1,
        "this": 0,
        "the current": 0,
        "next": 1,
        "this coming": 1,
    }[rel]
    if unit in PARTS:
        if rel in ("last",) and unit == "night":
            return day_result(s, e, ref - timedelta(days=1), "NI")
        if step != 0:
            return None
        return day_result(s, e, ref, PARTS[unit])
    if unit in ("year", "fiscal year"):
        y = ref.year + step
        return relative_result(s, e, f"{y:04d}", year_interval(y, mod), "year")
    if unit == "month":
        d = shift_months(ref, step)
        return relative_result(
            s, e, f"{d.year:04d}-{d.month:02d}", month_interval(d.year, d.month, mod), "month"
        )
    if unit == "quarter":
        y, q = ref.year, quarter_of(ref)
        if step < 0:
            y, q = prev_quarter(ref)
        elif step > 0:
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
        return relative_result(s, e, f"{y:04d}-Q{q}", quarter_interval(y, q), "quarter")
    if unit == "decade":
        y = ref.year // 10 * 10 + 10 * step
        return relative_result(s, e, f"{y // 10}X", (date(y, 1, 1), date(y + 9, 12, 31)), "decade")
    if unit == "century":
        c = ref.year // 100 + step
        return relative_result(
            s, e, f"{c:02d}", (date(c * 100, 1, 1), date(c * 100 + 99, 12, 31)), "century"
        )
    if unit == "weekend":
        d = ref + timedelta(days=7 * step)
        if step == 0 and ref.weekday() < 4:
            d = ref - timedelta(days=7)  # "this weekend" early in the week: the one just gone
        sat = d - timedelta(days=d.weekday()) + timedelta(days=5)
        return relative_result(s, e, week_value(d) + "-WE", (sat, sat + timedelta(days=1)), "week")
    d = ref + timedelta(days=7 * step)
    return relative_result(s, e, week_value(d), week_interval(d), "week")


def resolve_period_of(m: re.Match[str], ctx: ResolveContext) -> Resolved | None:
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
            return absolute_result(s, e, "P1Y", None, "duration")
        return absolute_result(s, e, "P1M" if w == "the month" else "P1W", None, "duration")
    if ref is None:
        return relative_result(s, e, None, None, "year")
    if w == "the weekend":
        recent = ref.weekday() >= 5 or (future_clause(m) and not past_verb_before(m))
        d = ref if recent else ref - timedelta(days=7)
        sat = d - timedelta(days=d.weekday()) + timedelta(days=5)
        return relative_result(
            s, e, week_value(sat) + "-WE", (sat, sat + timedelta(days=1)), "week"
        )
    if w == "the month":
        mv = edge or mod
        return relative_result(
            s,
            e,
            f"{ref.year:04d}-{ref.month:02d}",
            month_interval(ref.year, ref.month, mv),
            "month",
        )
    if w == "the week":
        return relative_result(s, e, week_value(ref), week_interval(ref), "week")
    y = ref.year
    if w in ("year-end", "year end", "year's end"):
        if re.search(r"\bsince\s+$", m.string[max(0, s - 7) : s]):
            y -= 1
        return relative_result(s, e, f"{y:04d}", (date(y, 12, 1), date(y, 12, 31)), "year")
    return relative_result(s, e, f"{y:04d}", year_interval(y, edge or mod), "year")


def resolve_duration(m: re.Match[str]) -> Resolved | None:
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
        if RATE_BEFORE.search(m.string[max(0, s - 25) : s]):
            return None  # "$1.76 a year", "four flights a week": a rate
        # "a year" alone: only as a length ("for a year", "a year ago" is the ago pattern)
        n = 1
    else:
        n = count_value(n_text)
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
    if g.get("pl") is None and n is not None and n > 1 and not hyphen_or_adj(m):
        return None
    if n is not None and re.search(r"and\s+a\s+half$", m.group(0), re.IGNORECASE):
        n += 0.5
    value = duration_value(n, unit)
    if n is None and rel in ("past", "last", "recent") and g.get("pl") and unit in ("day",):
        value = "PXD"
    return absolute_result(s, e, value, None, "duration")
