"""Resolution: a matched candidate (pattern tag and match) becomes a value and an interval,
against the reference date and the last period the text named (the anchor).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from factdb.extract.times.context import (
    RATE_BEFORE,
    each_before,
    each_start,
    future_clause,
    month_context,
    month_day,
    past_verb_before,
    year_context,
)
from factdb.extract.times.periods import (
    MONTH_NUMBERS,
    ORDINALS,
    PARTS,
    ResolveContext,
    Resolved,
    absolute_result,
    anchor_year_back,
    dateparse,
    day_result,
    duration_value,
    month_interval,
    prev_quarter,
    quarter_interval,
    quarter_of,
    relative_result,
    safe_date,
    unit_word,
    weekday_date,
    words_value,
    year_interval,
)
from factdb.extract.times.resolve_relative import (
    resolve_ago,
    resolve_deictic,
    resolve_duration,
    resolve_period_of,
    resolve_quarter,
    resolve_season,
    resolve_that,
)
from factdb.extract.words import WEEKDAYS

_SKIP_PLAIN = {"this year", "this month", "this week", "this quarter", "this day"}


def resolve_candidate(tag: str, m: re.Match[str], ctx: ResolveContext) -> Resolved | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    ref = ctx.ref
    low = m.group(0).lower()

    if tag == "iso":
        return day_result(s, e, safe_date(int(g["y"]), int(g["m"]), int(g["d"])), relative=False)
    if tag in ("mdy", "dmy"):
        mon = MONTH_NUMBERS[g["mon"].lower().rstrip(".")]
        d = safe_date(int(g["y"]), mon, int(g["d"]))
        return None if d is None else day_result(s, e, d, relative=False)
    if tag in ("md", "dm"):
        mon = MONTH_NUMBERS[g["mon"].lower().rstrip(".")]
        day_n = int(g["d"])
        if not 1 <= day_n <= 31 or (g["mon"] == "May" and tag == "dm"):
            return None
        if ref is None:
            return day_result(s, e, None)
        if safe_date(ref.year, mon, day_n) is None and not (mon == 2 and day_n == 29):
            return None
        return day_result(s, e, month_day(ref, mon, day_n, m))
    if tag == "month_year":
        y, mon = int(g["y"]), MONTH_NUMBERS[g["mon"].lower().rstrip(".")]
        return absolute_result(
            s, e, f"{y:04d}-{mon:02d}", month_interval(y, mon, g.get("edge")), "month"
        )
    if tag == "rel_month":
        rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
        name = g["mon"]
        if not rel and not g.get("edge") and name in ("May", "March") and not month_context(m):
            return None
        if name[0].islower():
            return None
        mon = MONTH_NUMBERS[name.lower().rstrip(".")]
        if not rel and each_before(m):
            return relative_result(each_start(m), e, f"XXXX-{mon:02d}", None, "set")
        if ref is None:
            return relative_result(s, e, None, None, "month")
        y = ref.year
        if rel in ("next", "this coming"):
            y = y + 1 if mon <= ref.month else y
        elif rel == "this":
            pass
        elif rel in ("last", "this past"):
            y = y - 1 if mon >= ref.month else y
        elif future_clause(m):
            y = y + 1 if mon < ref.month else y
        elif mon > ref.month + 1:
            y -= 1
        return relative_result(
            s, e, f"{y:04d}-{mon:02d}", month_interval(y, mon, g.get("edge")), "month"
        )
    if tag == "weekday":
        if g.get("pl") or g.get("pl2") or each_before(m):
            part = PARTS.get((g.get("part") or "").lower(), "")
            s = each_start(m)
            wd = WEEKDAYS[g["wd"].lower()] + 1
            return relative_result(
                s, e, f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""), None, "set"
            )
        if ref is None:
            return day_result(s, e, None)
        rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
        if not rel and future_clause(m) and not past_verb_before(m):
            rel = "future"
        d = weekday_date(ref, WEEKDAYS[g["wd"].lower()], rel)
        pre = (g.get("pre") or "").strip().lower()
        part = None
        if g.get("part"):
            part = PARTS[g["part"].lower()]
        elif pre in ("midnight",):
            return day_result(s, e, d, "24")
        elif pre in ("noon", "midday"):
            return day_result(s, e, d, "12:00")
        return day_result(s, e, d, part)
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
            return day_result(s, e, None)
        d = ref
        if g.get("wd"):
            d = weekday_date(ref, WEEKDAYS[g["wd"].lower()], "")
        elif g.get("day"):
            d = ref + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[g["day"].lower()])
        elif g.get("md"):
            d = month_day(ref, MONTH_NUMBERS[g["mon"].lower().rstrip(".")], int(g["md"]), m)
            if d is None:
                return None
        return day_result(s, e, d, tail)
    if tag == "ago":
        return resolve_ago(m, ctx)
    if tag == "anaphor":
        q = (g.get("q") or "").lower()
        if "nine months" in q or "six months" in q:
            return absolute_result(s, e, "P9M" if "nine" in q else "P6M", None, "duration")
        if ref is None:
            return relative_result(s, e, None, None, "year")
        qm = re.match(r"(first|second|third|fourth)", q)
        if qm:
            y = ref.year - 1
            qn = ORDINALS[qm.group(1)]
            return relative_result(s, e, f"{y:04d}-Q{qn}", quarter_interval(y, qn), "quarter")
        back = anchor_year_back(ctx)
        if back is None or (q in ("quarter", "period") and "-Q" not in back[0]):
            if q in ("quarter", "period"):
                y, qn = prev_quarter(ref)
                y -= 1
                return relative_result(s, e, f"{y:04d}-Q{qn}", quarter_interval(y, qn), "quarter")
            y = ref.year - 1
            return relative_result(s, e, f"{y:04d}", year_interval(y), "year")
        return relative_result(s, e, back[0], back[1], back[2])
    if tag == "that":
        return resolve_that(m, ctx)
    if tag == "deictic":
        return resolve_deictic(m, ctx)
    if tag == "the_year_period":
        y = int(g["y"])
        unit = g["unit"].lower()
        if g.get("ord"):
            qn = ORDINALS[g["ord"].lower()]
            return absolute_result(s, e, f"{y:04d}-Q{qn}", quarter_interval(y, qn), "quarter")
        if "year" in unit:
            return absolute_result(s, e, f"{y:04d}", year_interval(y), "year")
        if ctx.anchor and re.fullmatch(r"\d{4}-Q\d", ctx.anchor):
            qn = int(ctx.anchor[-1])
        elif ref is not None:
            qn = prev_quarter(ref)[1]
        else:
            return absolute_result(s, e, f"{y:04d}", year_interval(y), "year")
        return absolute_result(s, e, f"{y:04d}-Q{qn}", quarter_interval(y, qn), "quarter")
    if tag == "period_of":
        return resolve_period_of(m, ctx)
    if tag == "day_word":
        if ref is None:
            return day_result(s, e, None)
        w = re.sub(r"\s+", " ", g["w"].lower())
        mod = (g.get("mod") or "").lower()
        part = PARTS.get((g.get("part") or "").lower())
        if w == "last night":
            return day_result(s, e, ref - timedelta(days=1), "NI")
        if w in ("tonight", "overnight"):
            return day_result(s, e, ref if w == "tonight" else ref - timedelta(days=1), "NI")
        if w == "today":
            d = ref
        else:
            parsed = dateparse(w, ref)
            d = parsed or ref + timedelta(days=-1 if w == "yesterday" else 1)
        if mod.startswith("mid"):
            part = "AF"
        return day_result(s, e, d, part)
    if tag == "part_alone":
        if ref is None:
            return None
        before = m.string[max(0, s - 12) : s].lower()
        if not re.search(r"\b(?:the|this|in\s+the)\s+$", before) and not g.get("mod"):
            return None
        if re.search(r"\bthis\s+$", before):
            return None  # "this morning" is the deictic pattern's
        return day_result(s, e, ref, PARTS[g["part"].lower()])
    if tag == "present":
        if ref is None:
            return relative_result(s, e, None, None, "present")
        return relative_result(s, e, "PRESENT_REF", (ref, ref), "present")
    if tag == "ref":
        w = low
        value = "PAST_REF" if ("recent" in w or "past" in w) else "FUTURE_REF"
        if "short term" in w or "near term" in w:
            value = "FUTURE_REF"
        if "long term" in w:
            value = "FUTURE_REF"
        return relative_result(s, e, value, None, "ref")
    if tag == "quarter":
        return resolve_quarter(m, ctx)
    if tag == "the_quarter":
        if ref is None:
            return relative_result(s, e, None, None, "quarter")
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        if g["unit"].lower() == "period" and rel in ("the", "this", "the same"):
            return None
        if rel in ("the current", "this"):
            y, q = ref.year, quarter_of(ref)
        elif rel == "next":
            y, q = ref.year + (quarter_of(ref) == 4), quarter_of(ref) % 4 + 1
        elif rel in ("the", "the same") and ctx.anchor and "-Q" in ctx.anchor:
            y, q = int(ctx.anchor[:4]), int(ctx.anchor[-1])
        else:
            y, q = prev_quarter(ref)
        return relative_result(s, e, f"{y:04d}-Q{q}", quarter_interval(y, q), "quarter")
    if tag == "season":
        return resolve_season(m, ctx)
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
        return absolute_result(s, e, value, (date(y0, 1, 1), date(y0 + 9, 12, 31)), "decade")
    if tag == "century":
        n = int(g["n"])
        if not 1 <= n <= 22:
            return None
        y0 = (n - 1) * 100
        return absolute_result(
            s, e, f"{n - 1:02d}", (date(max(1, y0), 1, 1), date(y0 + 99, 12, 31)), "century"
        )
    if tag == "year":
        y = int(g["y"])
        if not year_context(m):
            return None
        return absolute_result(s, e, f"{y:04d}", year_interval(y, g.get("edge")), "year")
    if tag == "year_words":
        if g.get("c"):
            y = 1900 + words_value(f"{g['t']} {g.get('o') or ''}")
        else:
            y = 2000 + (words_value(g["o2"]) if g.get("o2") else 0)
        return absolute_result(s, e, f"{y:04d}", year_interval(y), "year")
    if tag == "duration":
        return resolve_duration(m)
    if tag == "bare_units":
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        unit = unit_word(g["unit"])
        if rel == "in":
            if unit not in ("years", "decades", "year", "decade", "century"):
                return None
            s = m.start("unit")
        if rel in ("recent", "the recent", "past", "previous", "the last few"):
            return relative_result(s, e, "PAST_REF", None, "ref")
        if rel in ("coming", "the coming") and unit not in ("week", "day"):
            return relative_result(s, e, "FUTURE_REF", None, "ref")
        return relative_result(s, e, duration_value(None, unit), None, "duration")
    if tag == "plain_unit":
        w = re.sub(r"\s+", " ", g["w"].lower())
        det = w.split()[0]
        unit = g["unit"].lower()
        if w in _SKIP_PLAIN:
            return None
        if det in ("each", "every", "per"):
            return relative_result(s, e, duration_value(1, unit), None, "set")
        if det in ("this", "that", "the"):
            if det == "the" and unit in ("year", "week", "month"):
                return absolute_result(s, e, duration_value(1, unit), None, "duration")
            return None
        before = m.string[max(0, s - 25) : s]
        if det == "a" and RATE_BEFORE.search(before):
            return None
        if det == "a" and unit == "second":
            return None
        n = 1.5 if "half" in w else 1
        if n == 1.5 and unit == "minute":
            return absolute_result(s, e, "PT1M30S", None, "duration")
        return absolute_result(s, e, duration_value(n, unit), None, "duration")
    return None
