"""Where and when a disaster or a deployment is said to have happened: the place and the date
a sentence attaches to the event's trigger word.

A report is placed by its dateline or outlet and dated by the day of its figures; but an
earthquake struck on one day in one country, which every report of it names next to the
word: "Saturday's earthquake in Nepal", "the 2010 earthquake", "the earthquake that hit
Haiti last year", "one year after the quake"; and troops are where they are sent: "troops
deployed to Afghanistan". Read this way, a toll dispute a year later or a Beijing paper's
count of the same quake dates and places its event like the first reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from factdb.extract.event_words import KIND_ORDER, TRIGGER_WORDS
from factdb.extract.records import Place, PlaceMention, Sentence
from factdb.extract.times import TimeExpression
from factdb.extract.words import SMALL_NUMBERS, number_words
from factdb.vocabulary import DISASTER_KINDS


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TOKEN = re.compile(r"[a-z]+(?:-[a-z]+)*")
_GAP_WORD = re.compile(r"[\w.,'\u2019-]+")
# a gap between a modifier and its noun: "'s", adjectives, a magnitude ("'s devastating
# 7.8-magnitude"), no clause words ("on Tuesday the quake", "Tibet due to the earthquake")
_MODIFIER_GAP = re.compile(r"^(?:['\u2019]s)?(?:\s+[\w.\-]+){0,3}\s+$")
_NOT_MODIFIER = _word_set(
    "the a an this that and or but in on at of to from by for with after before since as "
    "when while said says due than"
)
# words between a disaster's trigger and the place or date it struck: "the earthquake that
# devastated the country in January", "the quake in Nepal on Saturday"
_STRIKE_VERBS = _word_set(
    "hit hits struck strikes strike rocked rocks shook shakes jolted devastated "
    "devastates ravaged battered lashed swept flattened levelled leveled destroyed killed "
    "occurred happened"
)
_STRIKE_LINKS = _word_set(
    "that which in near off of on across the country capital neighbouring neighboring "
    "central northern southern eastern western remote parts region"
)
# words between troops and where they are: "troops are currently deployed to Afghanistan"
_DEPLOY_LINKS = _word_set(
    "to in into inside across are is were was be being been currently already now "
    "stationed deployed sent serving based there"
)
_DEPLOY_PLACES = frozenset({"to", "in", "into", "inside", "across"})
_STRIKE_PLACES = frozenset({"in", "on", "of", "near", "off"})
# besides its trigger words, what a deployment's place is named after: "the war in
# Afghanistan", "the top US commander in Afghanistan"
_DEPLOY_NOUNS = frozenset(
    {"forces", "soldiers", "war", "mission", "commander", "commanders", "presence", "military"}
)
_GAP_LIMIT = 6  # words between a trigger and what it is attached to
_NUMBER_WORDS = {"a": 1, "an": 1, **SMALL_NUMBERS}  # "a year after", "four weeks after"
# "one year after the quake", "four weeks after the 7.0 magnitude quake" (right before the
# trigger); the period is counted back from publication, give or take the slack
_SINCE = re.compile(
    rf"\b(\d{{1,2}}|an?|{number_words(1, 12)})\s+"
    r"(day|week|month|year)s?\s+(?:after|since)\s+(?:the\s+|an?\s+|its\s+|[\w-]+['\u2019]s\s+)?"
    r"(?:[\w.\-]+\s+){0,3}$",
    re.IGNORECASE,
)
# a bare year before the trigger, which time expressions leave to numbers: "its 2010 earthquake"
_YEAR_BEFORE = re.compile(r"\b(1[89]\d\d|20\d\d)\s+(?:[\w.\-]+\s+){0,2}$")
_AFTER_PREPOSITION = re.compile(r"\b(?:in|since|by|from|until|of|before|after)\s+$", re.I)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_SLACK_DAYS = {"day": 1, "week": 3, "month": 10, "year": 15}
_PERIOD_KINDS = frozenset({"day", "week", "month", "season", "quarter", "year"})


def trigger_spans(
    text: str, kind: str, extra: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """Character spans of the words that name an event of ``kind`` in ``text`` (and of the
    ``extra`` words)."""
    if kind not in KIND_ORDER:
        return []
    rank = KIND_ORDER.index(kind)
    return [
        m.span()
        for m in _TOKEN.finditer(text.lower())
        if TRIGGER_WORDS.get(m[0]) == rank or m[0] in extra
    ]


def _words(gap: str) -> list[str]:
    return _GAP_WORD.findall(gap)


def _modifies(gap: str) -> bool:
    """Whether text ending with ``gap`` before a trigger modifies it ("Nepal's", "the 2010")."""
    if not _MODIFIER_GAP.match(gap):
        return False
    return not any(w.lower() in _NOT_MODIFIER for w in _words(gap))


def _struck(gap: str, commas: bool = True) -> bool:
    """Whether ``gap`` after a disaster's trigger leads to where or when it struck (a date
    after a comma is another phrase's: "an earthquake in Kathmandu, Nepal April 26, 2015",
    a photo caption)."""
    words = _words(gap)
    if len(words) > _GAP_LIMIT or re.search(r"[.;:!?()\[\]\d]", gap):
        return False
    if not commas and "," in gap:
        return False
    lows = [w.lower() for w in words]
    if not all(w in _STRIKE_VERBS or w in _STRIKE_LINKS or w[0].isupper() for w in words):
        return False
    return not lows or any(w in _STRIKE_VERBS or w in _STRIKE_PLACES for w in lows)


def _deployed_to(gap: str) -> bool:
    """Whether ``gap`` after a deployment's trigger leads to where the troops are."""
    words = [w.lower() for w in _words(gap)]
    if len(words) > _GAP_LIMIT or re.search(r"[.;:!?()\[\]]", gap):
        return False
    return bool(words) and all(w in _DEPLOY_LINKS for w in words) and words[-1] in _DEPLOY_PLACES


def attached_places(sentence: Sentence, places: Iterable[PlaceMention], kind: str) -> list[Place]:
    """Places the sentence names as where its ``kind`` event struck (a disaster: "Nepal's
    earthquake", "the quake that hit Haiti") or where troops are ("troops in Afghanistan");
    the sender of troops ("US troops") is not their place."""
    text, base = sentence.text, sentence.start
    disaster = kind in DISASTER_KINDS
    spans = trigger_spans(text, kind, frozenset() if disaster else _DEPLOY_NOUNS)
    if not spans:
        return []
    out: list[Place] = []
    for pm in places:
        lo, hi = pm.start - base, pm.end - base
        if lo < 0 or hi > len(text):
            continue
        for t_lo, t_hi in spans:
            if disaster and hi <= t_lo and _modifies(text[hi:t_lo]):
                out.append(pm.place)
                break
            if lo >= t_hi and (_struck if disaster else _deployed_to)(text[t_hi:lo]):
                out.append(pm.place)
                break
    return out


def attached_dates(
    sentence: Sentence, times: Sequence[TimeExpression], kind: str, published: date | None
) -> list[tuple[date, date]]:
    """Intervals the sentence gives as when its disaster struck: a modifier ("Saturday's
    earthquake", "the 2010 earthquake", "last year's Haiti earthquake"), a clause after it
    ("the earthquake that devastated Nepal on April 25"), or a time since it ("one year after
    the quake", counted back from ``published``), in the order they are written."""
    text, base = sentence.text, sentence.start
    spans = trigger_spans(text, kind)
    if not spans:
        return []
    found: list[tuple[int, tuple[date, date]]] = []
    for t in times:
        if t.interval is None or t.kind not in _PERIOD_KINDS:
            continue
        if published is not None and t.interval[0] > published:
            continue
        lo, hi = t.start - base, t.end - base
        for t_lo, t_hi in spans:
            if (hi <= t_lo and _modifies(text[hi:t_lo])) or (
                lo >= t_hi and _struck(text[t_hi:lo], commas=False)
            ):
                found.append((lo, t.interval))
                break
    for t_lo, _ in spans:
        m = _YEAR_BEFORE.search(text[:t_lo])
        if (
            m is not None
            and _modifies(text[m.end(1) : t_lo])
            and not _AFTER_PREPOSITION.search(text[: m.start()])
        ):
            year = int(m[1])
            if published is None or year <= published.year:
                found.append((m.start(), (date(year, 1, 1), date(year, 12, 31))))
    if published is not None:
        for t_lo, _ in spans:
            m = _SINCE.search(text[:t_lo])
            if m is None:
                continue
            count = m[1].lower()
            n = int(count) if count.isdigit() else _NUMBER_WORDS[count]
            unit = m[2].lower()
            day = published - timedelta(days=n * _UNIT_DAYS[unit])
            slack = timedelta(days=_SLACK_DAYS[unit])
            found.append((m.start(), (day - slack, min(day + slack, published))))
    return [interval for _, interval in sorted(found, key=lambda f: f[0])]


def own_date(candidates: Sequence[tuple[date, date]]) -> tuple[date, date] | None:
    """The date a story gives its disaster, of the dates attached to its triggers (in text
    order): the most precise, the first of those ("the January 12 earthquake" over "last
    month's quake"; the story names its own disaster before any earlier one)."""
    if not candidates:
        return None
    return min(candidates, key=lambda iv: (iv[1] - iv[0]).days)


def own_place(found: Sequence[Place], fallback: Place | None) -> Place | None:
    """The place a story's sentences attach to its event most often, or ``fallback`` (the
    article's place) when it lies inside that place (Port-au-Prince for Haiti's quake)."""
    if not found:
        return None
    tally: dict[str, int] = {}
    first: dict[str, Place] = {}
    for p in found:
        tally[p.key] = tally.get(p.key, 0) + 1
        first.setdefault(p.key, p)
    best = first[max(tally, key=lambda k: tally[k])]  # the first of the most named
    if fallback is not None and best.key in {p.key for p in fallback.chain()}:
        return fallback
    return best
