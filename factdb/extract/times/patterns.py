"""The candidate patterns of time expressions, one regex per tag, and the anchor words
that say where each can match (a pattern runs only on windows around its anchors).

Some patterns are long: each is one TimeML construction with the context that keeps it from
firing on numbers, ages and names; they are kept together so their competition is visible.
"""

from __future__ import annotations

import re

from factdb.extract.words import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    WEEKDAYS,
    month_names_pattern,
    number_words,
    weekday_names_pattern,
)

_MONTH_RE = month_names_pattern()
FULL_MONTH_RE = month_names_pattern(abbreviations=False)
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
_F = re.IGNORECASE


def _c(pattern: str, flags: int = _F) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# (kind tag, pattern); all candidates compete, longest first.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
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
            rf"(?P<mon>{FULL_MONTH_RE}|Sept\.|Oct\.|Nov\.|Dec\.|Jan\.|Feb\.|Aug\.)"
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
            # "2000 killed" is a count, but "in 1934 killed" and "the 1934 earthquake killed"
            # name a year
            r"(?!(?<!\bin\s\d{4})(?<!\bthe\s\d{4})\s+(?:[A-Za-z]+\s+)?(?:troops|soldiers|people|fighters|civilians|men|women"
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
WORD_PATTERNS: dict[str, tuple[int, ...]] = {}
for _i, (_tag, _) in enumerate(PATTERNS):
    for _w in set(_ANCHOR_WORDS.get(_tag, "").split()):
        WORD_PATTERNS[_w] = (*WORD_PATTERNS.get(_w, ()), _i)
DIGIT_PATTERNS = {
    kind: tuple(i for i, (tag, _) in enumerate(PATTERNS) if _DIGIT_ANCHORS.get(tag) == kind)
    for kind in ("four", "year", "tens")
}
assert all(tag in _ANCHOR_WORDS or tag in _DIGIT_ANCHORS for tag, _ in PATTERNS)
