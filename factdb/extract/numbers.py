"""Numbers in text with their qualifiers, as logical and likely intervals.

"more than 5,000" strictly allows (5000, inf) but a reader takes it as (5000, 6000]; both are
kept so contradiction detection can tell hard contradictions from soft discrepancies. The
constants below are the defaults the design names (tolerance, likely factor).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from factdb.extract.text import normalise_for_matching, text_windows
from factdb.extract.words import SMALL_NUMBERS, TENS

ABOUT_TOLERANCE = 0.10  # "about 2,500" = [2250, 2750]; "nearly 9,000" = [8100, 9000)
LIKELY_FACTOR = 1.2  # "more than 5,000" is likely (5000, 6000]

_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "k": 1_000,
    "dozen": 12,
    "score": 20,
}
# Vague plural amounts: logical interval [2N, 10N - 1] by analogy with "tens of thousands".
_VAGUE = {
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "tens of millions": (20_000_000, 99_999_999),
    "hundreds of millions": (200_000_000, 999_999_999),
    "dozens": (24, 143),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2_000_000, 9_999_999),
    "billions": (2_000_000_000, 9_999_999_999),
    "a handful": (2, 9),
}
_FEW = {"a few": (2, 5), "several": (3, 9), "a couple of": (2, 2), "a couple": (2, 2)}

QUALIFIER_GROUPS: dict[str, tuple[str, ...]] = {
    "about": (
        "about",
        "around",
        "roughly",
        "approximately",
        "approx.",
        "some",
        "an estimated",
        "estimated",
        "circa",
        "an approximate",
        "in the region of",
        "on the order of",
    ),
    "nearly": ("nearly", "almost", "close to", "just under", "just shy of", "not quite"),
    "more": (
        "more than",
        "over",
        "above",
        "in excess of",
        "upwards of",
        "greater than",
        "just over",
        "well over",
        "exceeding",
    ),
    "at_least": ("at least", "no fewer than", "no less than", "not less than", "a minimum of"),
    "up_to": ("up to", "as many as", "no more than", "not more than", "at most", "a maximum of"),
    "less": ("fewer than", "less than", "under", "below", "just below"),
    "between": ("between", "from"),
}
_QUAL_LOOKUP = {q: grp for grp, qs in QUALIFIER_GROUPS.items() for q in qs}
_QUAL_RE = re.compile(
    r"(?:^|(?<=[\s(\"']))(?P<q>"
    + "|".join(
        re.escape(q).replace(r"\ ", r"\s+") for q in sorted(_QUAL_LOOKUP, key=len, reverse=True)
    )
    + r")\s+$",
    re.IGNORECASE,
)

_WORD_ALT = "|".join(
    sorted(
        list(SMALL_NUMBERS)
        + list(TENS)
        + ["hundred", "thousand", "million", "billion", "trillion", "dozen"],
        key=len,
        reverse=True,
    )
)
# a no-break, narrow no-break or thin space between digit groups: one character for one,
# so offsets into the text do not move
_GROUP_SPACE = re.compile(r"(?<=\d)[\u00a0\u202f\u2009](?=\d{3}(?!\d))")
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CORE = re.compile(
    rf"""
    (?P<cur>US\$|\$|£|€)?\s?
    (?:
      (?P<digits>(?<![\w.,:/]){_DIGITS}(?![\w]|[.,:/]\d))
        (?:[\s-]?(?P<dscale>hundred|thousand|million|billion|trillion)\b
          |(?P<abbr>m|mn|bn|k)\b)?
    | (?P<vague>(?:tens|hundreds)\s+of\s+(?:thousands|millions)
        |dozens|scores|hundreds|thousands|millions|billions|a\s+handful)\b
    | (?P<few>a\s+few|several|a\s+couple(?:\s+of)?)\s+(?P<fewscale>hundred|thousand|million
        |billion|dozen)\b
    | (?P<words>(?<![\w-])(?:(?:a|an)\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?
        (?:{_WORD_ALT})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD_ALT}))*\b)
    )
    (?P<pct>\s?(?:%|percent\b|per\s+cent\b))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Every _CORE match holds a digit or one of these words; _CORE (an optional currency, then
# many alternatives) is slow to try at every position, so it runs only on windows around them.
_NUMBER_TOKENS = frozenset(
    [
        *SMALL_NUMBERS,
        *TENS,
        *["hundred", "thousand", "million", "billion", "trillion", "dozen"],
        *["tens", "hundreds", "thousands", "millions", "billions", "dozens", "scores", "handful"],
        *["few", "several", "couple"],
    ]
)
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_MARGIN = 12  # "US$ " or "a " before a token; "%", " per cent" or " bn" after it


def _number_windows(norm: str) -> list[tuple[int, int]]:
    """Merged windows around number tokens, widened to whitespace (empty: no number here)."""
    spans = [
        m.span()
        for m in _TOKEN.finditer(norm)
        if m.group()[0].isdigit() or m.group().lower() in _NUMBER_TOKENS
    ]
    return text_windows(norm, spans, _MARGIN)


_RANGE_JOIN = re.compile(r"\s*(?:and|to|-|\u2013)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class NumberExpr:
    """A number expression: ``start``/``end`` cover qualifier through unit; intervals are the
    logical (``low``..``high`` with open flags; ``None`` = unbounded) and likely readings."""

    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    low_open: bool
    high_open: bool
    likely_low: float | None
    likely_high: float | None
    qualifier: str
    unit: str | None
    num_start: int
    num_end: int
    is_word: bool = False
    is_vague: bool = False
    plain_int: bool = False  # digits only, no comma/scale/unit: may be a year


def parse_number_words(words: str) -> float | None:
    """``"twenty-three"`` -> 23, ``"two hundred and fifty"`` -> 250, ``"a dozen"`` -> 12."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower().strip()) if t and t != "and"]
    if not tokens:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for tok in tokens:
        if tok in ("a", "an"):
            current = current or 1
            seen = True
        elif tok in SMALL_NUMBERS:
            current += SMALL_NUMBERS[tok]
            seen = True
        elif tok in TENS:
            current += TENS[tok]
            seen = True
        elif tok in ("hundred", "dozen", "score"):
            current = (current or 1) * _SCALES[tok]
            seen = True
        elif tok in _SCALES:
            total += (current or 1) * _SCALES[tok]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def interval(
    group: str | None, low: float, high: float | None = None
) -> tuple[float | None, float | None, bool, bool, float | None, float | None]:
    """Logical and likely intervals for a qualifier group applied to [low, high].

    Returns ``(low, high, low_open, high_open, likely_low, likely_high)``.
    """
    hi = low if high is None else high
    if group == "about":
        lo_v, hi_v = low * (1 - ABOUT_TOLERANCE), hi * (1 + ABOUT_TOLERANCE)
        return lo_v, hi_v, False, False, lo_v, hi_v
    if group == "nearly":
        lo_v = hi * (1 - ABOUT_TOLERANCE)
        return lo_v, hi, False, True, lo_v, hi
    if group == "more":
        return hi, None, True, False, hi, hi * LIKELY_FACTOR
    if group == "at_least":
        return low, None, False, False, low, low * LIKELY_FACTOR
    if group == "up_to":
        return 0.0, hi, False, False, 0.0, hi
    if group == "less":
        return 0.0, low, False, True, low / LIKELY_FACTOR, low
    return low, hi, False, False, low, hi


def _core_value(m: re.Match[str]) -> tuple[float, float, bool, bool] | None:
    """(low, high, is_word, is_vague) for a core match."""
    g = m.groupdict()
    if g["digits"]:
        v = float(g["digits"].replace(",", ""))
        scale = g["dscale"] or g["abbr"]
        if scale:
            v *= _SCALES[scale.lower()]
        return v, v, False, False
    if g["vague"]:
        key = re.sub(r"\s+", " ", g["vague"].lower())
        lo, hi = _VAGUE[key]
        return float(lo), float(hi), True, True
    if g["few"]:
        key = re.sub(r"\s+", " ", g["few"].lower())
        lo, hi = _FEW[key]
        scale = _SCALES[g["fewscale"].lower()]
        return float(lo * scale), float(hi * scale), True, True
    if g["words"]:
        v = parse_number_words(g["words"])
        if v is None:
            return None
        return v, v, True, False
    return None


def find_numbers(text: str, exclude: list[tuple[int, int]] | None = None) -> list[NumberExpr]:
    """Numbers in ``text`` (offsets into ``text``), skipping spans in ``exclude`` (dates),
    ordinals, times of day, ages, phone numbers and decimals glued to other tokens. A
    no-break or thin space between digit groups is a thousands separator ("1\u00a0200" is
    1,200, as French and SI style write it); a plain space is not ("1 200-page report").

    A sentence's numbers are read by both the quantity reader and the figure forms, so the
    last few answers are kept (``NumberExpr`` is frozen; the list is copied)."""
    return list(_numbers(text, tuple(exclude or ())))


@lru_cache(maxsize=64)
def _numbers(text: str, exclude: tuple[tuple[int, int], ...]) -> tuple[NumberExpr, ...]:
    return tuple(_find_numbers(text, list(exclude)))


def _find_numbers(text: str, exclude: list[tuple[int, int]]) -> list[NumberExpr]:
    norm = normalise_for_matching(_GROUP_SPACE.sub(",", text))
    windows = _number_windows(norm)
    if not windows:
        return []
    exclude = list(exclude or []) + [(p.start(), p.end()) for p in _PHONE_RE.finditer(norm)]
    cores: list[tuple[re.Match[str], float, float, bool, bool]] = []
    matches = (m for a, b in windows for m in _CORE.finditer(norm, a, b))
    for m in matches:
        if not m.group(0).strip():
            continue
        s, e = m.start(), m.end()
        s += len(m.group(0)) - len(m.group(0).lstrip())
        if any(s < xe and xs < e for xs, xe in exclude):
            continue
        if _excluded_context(norm, s, e):
            continue
        val = _core_value(m)
        if val is None:
            continue
        cores.append((m, *val))
    out: list[NumberExpr] = []
    i = 0
    while i < len(cores):
        m, lo, hi, is_word, is_vague = cores[i]
        num_start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        num_end = m.end()
        cur = m.group("cur")
        pct = m.group("pct")
        qual_m = _QUAL_RE.search(norm[max(0, num_start - 30) : num_start])
        qual = re.sub(r"\s+", " ", qual_m.group("q").lower()) if qual_m else None
        start = num_start - (len(qual_m.group(0)) if qual_m else 0)
        group = _QUAL_LOOKUP.get(qual) if qual else None
        # Ranges: "between 5,000 and 6,000", "5,000 to 6,000", "5,000-6,000".
        if i + 1 < len(cores):
            m2, _lo2, hi2, _w2, _v2 = cores[i + 1]
            joiner = norm[num_end : m2.start()]
            if (
                _RANGE_JOIN.match(joiner)
                and (group == "between" or re.search(r"to|-|\u2013", joiner))
                and not (group is None and "and" in joiner.lower())
            ):
                if (
                    lo < 1000 <= hi2
                    and m.group("digits")
                    and not (m.group("dscale") or m.group("abbr"))
                ):
                    scale = m2.group("dscale") or m2.group("abbr")
                    if scale:
                        lo *= _SCALES[scale.lower()]
                if hi2 >= lo:
                    num_end = m2.end()
                    hi = hi2
                    pct = pct or m2.group("pct")
                    qual = "between"
                    group = "between"
                    i += 1
        if group == "between" and hi == lo and qual in ("from",):
            group, qual = None, None
            start = num_start
        low, high, low_open, high_open, l_low, l_high = (
            interval(group, lo, hi)
            if not is_vague or group is None
            else _vague_interval(group, lo, hi)
        )
        unit = None
        if pct:
            unit = "%"
        elif cur:
            unit = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR"}[cur]
        plain = bool(
            m.group("digits")
            and re.fullmatch(r"\d{4}", m.group("digits"))
            and not (cur or pct or m.group("dscale") or m.group("abbr") or qual)
        )
        if is_vague and group is None:
            qual = re.sub(r"\s+", " ", (m.group("vague") or m.group(0)).strip().lower())
        out.append(
            NumberExpr(
                start=start,
                end=num_end,
                text=text[start:num_end],
                low=_clean(low),
                high=_clean(high),
                low_open=low_open,
                high_open=high_open,
                likely_low=_clean(l_low),
                likely_high=_clean(l_high),
                qualifier=qual or "exact",
                unit=unit,
                num_start=num_start,
                num_end=num_end,
                is_word=is_word,
                is_vague=is_vague,
                plain_int=plain,
            )
        )
        i += 1
    return out


def _vague_interval(
    group: str, lo: float, hi: float
) -> tuple[float | None, float | None, bool, bool, float | None, float | None]:
    if group in ("more", "at_least"):
        return lo, None, group == "more", False, lo, hi
    if group in ("up_to", "less"):
        return 0.0, hi, False, group == "less", lo, hi
    return lo, hi, False, False, lo, hi


def _clean(v: float | None) -> float | None:
    if v is None or math.isinf(v):
        return None
    r = round(v, 6)
    return float(int(r)) if r == int(r) else r


_AGE_AFTER = re.compile(r"^(?:-|\s)?(?:year|month|week|day)s?[-\s]old\b", re.IGNORECASE)
# "aged 23", "ages 12 and 16", "ages 21, 32, and 49", "under the age of 10"
_AGE_BEFORE = re.compile(
    r"\b(?:aged?|ages|age\s+of)\s+(?:between\s+)?(?:\d{1,3}(?:,\s*|,?\s+and\s+|\s*(?:-|to)\s*))*$",
    re.IGNORECASE,
)
_CITATION = re.compile(r"\[\d{1,4}\]")
_TIME_AFTER = re.compile(
    r"^(?::\d|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|GMT|UTC|hrs?\b))", re.IGNORECASE
)
_PHONE = re.compile(r"^[\d\s().+-]{9,}$")
_PHONE_RE = re.compile(
    r"\+\d{1,3}(?:[\s.-]?\d{2,5}){2,5}\b|(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\b\d{3}[.-])\d{3}[.-]\d{4}\b|\b\d{3}-\d{4}\b"
)


def _excluded_context(norm: str, s: int, e: int) -> bool:
    after = norm[e : e + 14]
    before = norm[max(0, s - 8) : s]
    core = norm[s:e]
    if _AGE_AFTER.match(after) or _AGE_BEFORE.search(norm[max(0, s - 40) : s]):
        return True
    if _CITATION.fullmatch(norm[max(0, s - 1) : e + 1]):
        return True  # a citation mark, "[12][13]", or a footnote number: never a count
    if _TIME_AFTER.match(after) or re.search(r"\d:$", before):
        return True
    if re.match(r"^(?:st|nd|rd|th)\b", after):
        return True
    if re.match(r"^-\d", after) and re.search(r"\d-$|\(\d+\)\s?$", norm[max(0, s - 8) : s]):
        return True  # phone-like 555-1234-..., (01) 234-5678
    if re.match(r"^[-.\s]\d{3,}[-.\s]\d{3,}", after) or (
        re.search(r"\+\d*\s?$", before) and _PHONE.match(norm[s : s + 16])
    ):
        return True
    if core.lower() in ("one",) and re.match(r"^\s+(?:of|another|day|time|way)\b", after):
        return True
    return bool(re.match(r"^\s*(?:years?\s+old|yr|y/o|yo)\b", after, re.IGNORECASE))
