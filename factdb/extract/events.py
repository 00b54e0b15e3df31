"""An article's events: what happened, which one the story is about, and which sentences
(and so which figures) belong to which event.

News pages carry boilerplate and other stories around the article, roundups ("In another
shooting, ..."), and comparisons ("Katrina killed 1,833 in 2005"); a figure is only
comparable with another source's when both count the same event. So each sentence gets an
event kind from a trigger lexicon, the main event is anchored where the title's words, the
trigger words and the count figures cluster, and sentences that open another event (roundup
markers, times well before publication) start secondary events. Dates come from the event's
own time expressions; participants from names with ages or "identified as"; keywords are the
event sentences' rare words, weighted by English word frequency (no corpus statistics, so
clustering stays incremental).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from wordfreq import zipf_frequency

from factdb.extract.document import ArticleDoc
from factdb.extract.event_setting import attached_dates, attached_places, own_date, own_place
from factdb.extract.event_words import (
    CONTINUATION,
    EVENT_MEASURES,
    EVENT_VERBS,
    FOLLOW_UP_WORDS,
    KEYWORD_STOP,
    KIND_ORDER,
    NEUTRAL,
    PHRASE_FIRST_WORDS,
    SECONDARY_ANYWHERE,
    SECONDARY_OPENING,
    TRIGGER_PHRASES,
    TRIGGER_WORDS,
)
from factdb.extract.records import ClaimRecord, EventRecord, Place, PlaceMention, Sentence
from factdb.extract.times import TimeExpression
from factdb.vocabulary import (
    DISASTER_KINDS,
    LONG_RUNNING_KINDS,
    ClaimKind,
    EventKind,
    VerbClass,
)

# casualty tallies ("eight killed across Chicago since Friday") count no single shooting
TALLY_MEASURES = frozenset({"killed", "injured"})
# A story follows its own disaster up for a few years at most (anniversaries, inquiries: the
# incidents' reach is three years); a disaster date older than that is one the story recalls
# ("Nepal's worst earthquake in 1934 killed more than 8,500"), not the one it reports.
_RECALLED = timedelta(days=3 * 366)
MAX_KEYWORDS = 30
KEYWORD_SENTENCES = 30  # an event's first sentences give its keywords (later ones add little)
MIN_RARITY = 1.5  # words more common than Zipf 4.5 tell no event from another
COMMON_FACTOR = 0.5  # a lower-case word: a topic ("manslaughter", "toddler"), not a name
TITLE_BOOST = 1.5  # a word of the headline: what the story is about
PROPER_BOOST = 1.5  # a capitalised word inside a sentence: a name, a street, a venue
PAST_EVENT_DAYS = 45  # a dated event this long before publication is another event
_COUNT = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|multiple)\b"
    r"[^.;]{0,60}?\b(?:killed|dead|died|injured|wounded|shot|hurt|hospitali[sz]ed|slain)\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Za-z.'\- ]{1,30}?)(?:,\s*[A-Z][A-Za-z.\- ]{1,20}?)?\s*(?:\([^)\n]{1,40}\)\s*)?"
    r"(?:[\u2014\u2013]|--|-(?=\s))\s*"
)
_TITLE_SEPARATOR = re.compile(r"\s[-|\u2013\u2014]\s")
_TOKEN = re.compile(r"[a-z]+(?:-[a-z]+)*")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'\-]+")
_NAME = r"[A-Z][a-z'\-]+(?:\s+(?:[A-Z]\.|[A-Z][a-z'\-]+)){1,3}"
_PARTICIPANT = re.compile(
    r"\b(?:identified (?:\w+ ){0,3}as|named|victims? (?:was|were|is|are)|suspect,?|"
    r"victim,?)\s+(" + _NAME + r")|\b(" + _NAME + r"),\s+(?:\d{1,2}|age \d{1,2})\b"
)
_NOT_NAME_WORDS = frozenset(
    [
        "Police",
        "Officer",
        "Officers",
        "Sheriff",
        "County",
        "City",
        "Street",
        "Avenue",
        "Road",
        "Department",
        "Chief",
        "Sgt",
        "Lt",
        "Capt",
        "Detective",
        "Deputy",
        "Mayor",
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "He",
        "She",
        "They",
        "It",
    ]
)
# a word, but not part of an e-mail address, a handle or a web site
_KEYWORD = re.compile(r"(?<![@\w'\-])[A-Za-z][A-Za-z'\-]*+(?!\w|@|\.(?:com|org|net|gov|edu|tv)\b)")
_SENTENCE_INITIAL = re.compile(r"(?:^|[.!?\"]\s+)([A-Z][A-Za-z'\-]*+)")
_DAYLIKE = frozenset({"day"})
# Periods a follow-up names its event by ("the June 2014 shooting", "last fall"), when they
# end this many days before publication (a year is too vague to date an incident by)
_PAST_PERIODS = frozenset({"week", "month", "season"})
FOLLOW_UP_GAP = 10


@lru_cache(maxsize=65536)
def rarity(word: str) -> float:
    """How distinctive an English word is: 6 minus its Zipf frequency, floored at 0."""
    return max(0.0, 6.0 - zipf_frequency(word, "en"))


# a trigger after these words is something threatened, planned or possible, not an event
# that happened: "repeated threats to attack US forces", "would deploy", "could flood"
_UNREAL_BEFORE = frozenset({"to", "would", "could", "will", "may", "might", "should", "shall"})


_UNREAL_REACH = 4  # tokens after an unreal trigger that are its object ("deploy 300 more troops")


def sentence_kind(text: str) -> str | None:
    """The event kind a sentence's trigger words name (the first in priority order)."""
    tokens = _TOKEN.findall(text.lower())
    best = len(KIND_ORDER)
    unreal: tuple[int, int] | None = None  # (rank, last token) of an unreal trigger's object
    for i, tok in enumerate(tokens):
        if i and tokens[i - 1] in _UNREAL_BEFORE:
            rank = TRIGGER_WORDS.get(tok)
            if rank is not None:
                unreal = (rank, i + _UNREAL_REACH)
            continue
        if unreal is not None and i <= unreal[1] and TRIGGER_WORDS.get(tok) == unreal[0]:
            continue
        if tok in PHRASE_FIRST_WORDS and i + 1 < len(tokens):
            rank = TRIGGER_PHRASES.get(f"{tok} {tokens[i + 1]}")
            if rank == NEUTRAL:
                continue  # "fire department", "storm of bullets": the word names no event
            if rank is not None and rank < best:
                best = rank
        rank = TRIGGER_WORDS.get(tok)
        if rank is not None and rank < best:
            best = rank
    return KIND_ORDER[best] if best < len(KIND_ORDER) else None


def clean_title(title: str | None) -> str:
    """The headline without its outlet tail ("... - WAFF-TV: News, Weather", "... | WKYC")."""
    if not title:
        return ""
    return _TITLE_SEPARATOR.split(title, maxsplit=1)[0].strip()


def find_events(
    doc: ArticleDoc,
    title: str | None = None,
    places: Sequence[PlaceMention] = (),
    place: Place | None = None,
) -> tuple[list[EventRecord], dict[int, int]]:
    """The article's events (the main one first) and, per sentence index, its event index.

    ``places`` are the article's resolved place mentions: an event's place is the one its own
    sentences name most (a city before a county or state); the main event falls back to
    ``place``, the article's (its dateline's)."""
    sentences = doc.sentences
    if not sentences:
        return [], {}
    head = clean_title(title)
    kinds = [sentence_kind(s.text) for s in sentences]
    counts = [bool(_COUNT.search(s.text)) for s in sentences]
    start = _story_start(sentences)
    main_kind = _main_kind(head, kinds, counts, start)
    if main_kind is None:
        return [], {}
    title_words = {w.lower() for w in _WORDS.findall(head) if rarity(w.lower()) >= 1.5}
    anchor = _anchor(sentences, kinds, counts, start, main_kind, title_words)
    follow_up = _is_follow_up(head, sentences[anchor].text)
    times_by_sentence = _times_by_sentence(sentences, doc.times)
    credits = getattr(doc, "credits", None)  # bylines, wire credits, captions: no evidence
    credit_spans = credits.spans if credits is not None else ()
    published = doc.published
    # a disaster's date is the day it struck, however long after it the story was written;
    # its place, and troops', the one the story's sentences attach to the event's words
    own = None
    attached: list[Place] = []
    if main_kind in DISASTER_KINDS | LONG_RUNNING_KINDS:
        attached = [p for s in sentences[start:] for p in attached_places(s, places, main_kind)]
    if main_kind in DISASTER_KINDS:
        own = own_date(
            [
                interval
                for s in sentences[start:]
                for interval in attached_dates(
                    s, times_by_sentence.get(s.index, ()), main_kind, published
                )
                if published is None or published - interval[1] <= _RECALLED
            ]
        )

    # sentence -> event slot; slot 0 is the main event
    groups: list[list[int]] = [[]]
    group_kind: list[str] = [main_kind]
    owner: dict[int, int] = {}
    last_relevant = anchor
    current = 0
    for s in sentences[anchor:]:
        i = s.index
        relevant = kinds[i] is not None or counts[i]
        if not relevant and i - last_relevant > 6:
            break  # the story has ended: the rest is page furniture or other stories
        if relevant:
            last_relevant = i
        if i != anchor and _opens_other(
            s.text, times_by_sentence.get(i, ()), published, kinds[i], main_kind, follow_up, own
        ):
            groups.append([i])
            group_kind.append(kinds[i] or main_kind)
            current = len(groups) - 1
        elif current and CONTINUATION.match(s.text):
            groups[current].append(i)
        else:
            current = 0
            groups[0].append(i)
        owner[i] = current
    events: list[EventRecord] = []
    for slot, members in enumerate(groups):
        first = sentences[members[0]]
        # no story on the page (a sign-up wall, a video list): the headline is the evidence
        story = members if kinds[first.index] or counts[first.index] else []
        d_start, d_end = _dates(
            story, kinds, counts, times_by_sentence, published, slot == 0, follow_up and not slot
        )
        if slot == 0 and own is not None:
            d_start, d_end = own
        texts = [_without(sentences[i], credit_spans) for i in story[:KEYWORD_SENTENCES]]
        ev_place = own_place(attached, place) if slot == 0 else None
        if ev_place is None:
            ev_place = _event_place(story, sentences, places, place if slot == 0 else None)
        events.append(
            EventRecord(
                index=slot,
                kind=group_kind[slot],
                main=slot == 0,
                sentence_index=first.index,
                span=(first.start, first.end),
                place=ev_place,
                date_start=d_start,
                date_end=d_end,
                participants=_participants(texts),
                keywords=keywords(texts, head if slot == 0 else ""),
            )
        )
    return events, owner


_PLACE_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}


def _event_place(
    members: list[int],
    sentences: list[Sentence],
    places: Sequence[PlaceMention],
    fallback: Place | None,
) -> Place | None:
    """The place the event's sentences name most often (a city before a state on ties);
    with ``fallback`` (the article's place), only a place inside it may refine it ("Forest"
    in a Mississippi story): a passing mention of elsewhere does not move the event."""
    spans = [(sentences[i].start, sentences[i].end) for i in members]
    tally: Counter[str] = Counter()
    first: dict[str, Place] = {}
    for pm in places:
        if any(lo <= pm.start < hi for lo, hi in spans):
            tally[pm.place.key] += 1
            first.setdefault(pm.place.key, pm.place)
    if fallback is not None:
        inside = [k for k in tally if fallback.key in {p.key for p in first[k].chain()[1:]}]
        tally = Counter({k: tally[k] for k in inside})
    if not tally:
        return fallback
    best = min(tally, key=lambda k: (-tally[k], _PLACE_RANK.get(str(first[k].kind), 4), k))
    return first[best]


def _without(sent: Sentence, spans: Sequence[tuple[int, int]]) -> str:
    """The sentence's text with the credit spans inside it blanked out."""
    text = sent.text
    for lo, hi in spans:
        if lo < sent.end and sent.start < hi:
            a, b = max(lo, sent.start) - sent.start, min(hi, sent.end) - sent.start
            text = text[:a] + " " * (b - a) + text[b:]
    return text


def _story_start(sentences: list[Sentence]) -> int:
    """The sentence that opens the story: a dateline's ("TAMPA, Fla. (WFLA) - ..."), else 0."""
    for s in sentences[:60]:
        m = _DATELINE.match(s.text)
        if m and m.end() < len(s.text) - 20 and not m.group(1).strip().islower():
            return s.index
    return 0


def _main_kind(head: str, kinds: list[str | None], counts: list[bool], start: int) -> str | None:
    score: Counter[str] = Counter()
    title_kind = sentence_kind(head) if head else None
    if title_kind:
        score[title_kind] += 3.0
    seen = 0
    for i in range(start, len(kinds)):
        k = kinds[i]
        if k is None:
            continue
        seen += 1
        # the story's first trigger sentences weigh most, the very first a little more
        score[k] += (2.0 - 0.1 * seen if seen <= 3 else 0.5) + (1.0 if counts[i] else 0.0)
    if not score:
        return str(EventKind.other) if any(counts) else None
    return max(sorted(score), key=lambda k: score[k])


def _anchor(
    sentences: list[Sentence],
    kinds: list[str | None],
    counts: list[bool],
    start: int,
    main_kind: str,
    title_words: set[str],
) -> int:
    """The sentence that introduces the main event: of the main kind, where its trigger words,
    count figures and the title's words are densest (earliest on ties)."""
    best, best_score = start, -1.0
    n = len(sentences)
    for i in range(start, n):
        if kinds[i] != main_kind and not counts[i]:
            continue
        window = range(i, min(n, i + 6))
        dense = sum((kinds[j] == main_kind) + counts[j] for j in window)
        shared = {w.lower() for w in _WORDS.findall(sentences[i].text)} & title_words
        s = dense + 2.0 * len(shared) - 0.02 * (i - start)
        if s > best_score:
            best, best_score = i, s
    return best


def _times_by_sentence(
    sentences: list[Sentence], times: list[TimeExpression]
) -> dict[int, list[TimeExpression]]:
    out: dict[int, list[TimeExpression]] = {}
    si = 0
    for t in times:
        while si < len(sentences) and sentences[si].end <= t.start:
            si += 1
        if si < len(sentences) and sentences[si].start <= t.start:
            out.setdefault(si, []).append(t)
    return out


def _opens_other(
    text: str,
    times: list[TimeExpression] | tuple[()],
    published: date | None,
    kind: str | None,
    main_kind: str,
    follow_up: bool = False,
    own: tuple[date, date] | None = None,
) -> bool:
    """A roundup marker, or an event dated well before publication (a comparison: "Katrina
    killed 1,833 in 2005"). A past day of the story's own kind ("in the May 25 shooting") is
    how a follow-up names its event, not another one; so is a past week, month or season
    in a follow-up ("convicted for the June 2014 shootout"), and the date the story gives
    its disaster (``own``: "the earthquake that hit Haiti last year")."""
    if SECONDARY_OPENING.match(text) or SECONDARY_ANYWHERE.search(text):
        return True
    if published is None or kind is None:
        return False
    limit = published - timedelta(days=PAST_EVENT_DAYS)
    return any(
        t.interval is not None
        and t.interval[1] < limit
        and not (own is not None and t.interval[0] <= own[1] and own[0] <= t.interval[1])
        and (
            kind != main_kind or not (t.kind in _DAYLIKE or (follow_up and t.kind in _PAST_PERIODS))
        )
        for t in times
    )


def _dates(
    members: list[int],
    kinds: list[str | None],
    counts: list[bool],
    times_by_sentence: dict[int, list[TimeExpression]],
    published: date | None,
    main: bool,
    follow_up: bool = False,
) -> tuple[date | None, date | None]:
    """The event's interval: the earliest day its first trigger sentences name (a follow-up's
    "charged Thursday in the May 25 shooting" is dated May 25), else a week or other period,
    else any sentence's; without one, the publication date as an upper bound only. A
    follow-up (an arrest, a trial) that names a past week, month or season before any day
    ("sentenced Thursday for the June 2014 shootout") is dated by that period: the day is
    the court's, not the event's."""
    triggered = [i for i in members if kinds[i] or counts[i]][:12]
    rest = [i for i in members if not (kinds[i] or counts[i])][:12]
    past = published - timedelta(days=FOLLOW_UP_GAP) if published is not None else None
    for group in (triggered, rest):
        days = []
        periods = []
        fallback: tuple[date, date] | None = None
        for i in group:
            for t in times_by_sentence.get(i, ()):
                if t.interval is None or (published is not None and t.interval[0] > published):
                    continue
                if t.kind in _DAYLIKE:
                    days.append(t.interval)
                    continue
                if past is not None and t.kind in _PAST_PERIODS and t.interval[1] < past:
                    periods.append(t.interval)
                if fallback is None and (not main or t.kind == "week"):
                    fallback = t.interval
        if periods and follow_up and group is triggered:
            # a follow-up: "sentenced Thursday for the June 2014 shootout", "shot last June"
            earliest = min(periods)
            if not days or earliest[1] < min(days)[0]:
                return earliest
        if days:
            return min(days)
        if fallback is not None:
            return fallback
    return None, published


def _is_follow_up(head: str, anchor_text: str) -> bool:
    """Whether the headline or the main event's first sentence reports an arrest, charges or
    a trial: news about an earlier event (on the GVA tune half, a past month named in other
    stories was as often another incident as the story's own)."""
    for text in (head, anchor_text):
        if any(tok in FOLLOW_UP_WORDS for tok in _TOKEN.findall(text.lower())):
            return True
    return False


def _participants(texts: list[str]) -> tuple[str, ...]:
    """Named people: "identified as John Smith", "John Smith, 24", "suspect Jane Doe"."""
    seen: dict[str, None] = {}
    for text in texts:
        for m in _PARTICIPANT.finditer(text):
            name = (m.group(1) or m.group(2) or "").strip()
            parts = name.split()
            if len(parts) < 2 or parts[0] in _NOT_NAME_WORDS or parts[-1] in _NOT_NAME_WORDS:
                continue
            seen.setdefault(name, None)
    return tuple(seen)


def keywords(texts: list[str], title: str = "") -> tuple[tuple[str, float], ...]:
    """The texts' distinctive words with their weight, heaviest first: rarity, more for a
    name written capitalised inside a sentence (streets, venues, people), a little more when
    repeated. Common words, news furniture and all-capital tokens (call signs, agencies:
    "WFLA", "GBI") are left out."""
    raw: Counter[str] = Counter()
    caps: Counter[str] = Counter()
    for text in texts:
        words = [w for w in _KEYWORD.findall(text) if not w.isupper()]
        raw.update(w.lower() for w in words)
        caps.update(w.lower() for w in words if w[0].isupper())
        caps.subtract(w.lower() for w in _SENTENCE_INITIAL.findall(text))
    tally: Counter[str] = Counter()
    proper: Counter[str] = Counter()
    for w, n in raw.items():
        low = w.strip("'-")
        if low.endswith("'s"):
            low = low[:-2]
        if len(low) >= 3 and low not in KEYWORD_STOP:
            tally[low] += n
            proper[low] += max(caps[w], 0)
    in_title = {w.lower() for w in _WORDS.findall(title) if len(w) >= 3 and not w.isupper()}
    for w in in_title - KEYWORD_STOP:
        tally[w] += 1
    scored = []
    for word, n in tally.items():
        r = rarity(word)
        if r < MIN_RARITY:
            continue
        boost = PROPER_BOOST if proper[word] * 2 >= n else COMMON_FACTOR
        if word in in_title:
            boost *= TITLE_BOOST
        scored.append((word, round(r * boost * (1.0 + 0.25 * min(n - 1, 4)), 3)))
    scored.sort(key=lambda kv: (-kv[1], kv[0]))
    return tuple(scored[:MAX_KEYWORDS])


def attach_events(
    claims: list[ClaimRecord], events: list[EventRecord], event_of: dict[int, int]
) -> list[ClaimRecord]:
    """Every event-count figure (killed, injured, arrested...) with the event it counts: its
    sentence's event, else the main one; and that event's place when the claim has none."""
    if not events:
        return claims
    out = []
    for c in claims:
        if c.kind == ClaimKind.quantity and (
            c.measure in EVENT_MEASURES
            or (c.verb_class == VerbClass.event and c.verb in EVENT_VERBS)
        ):
            ev = events[event_of.get(c.sentence_index, 0)]
            if (
                c.verb_class == VerbClass.stock
                and c.measure in TALLY_MEASURES
                and ev.kind not in DISASTER_KINDS
            ):
                out.append(c)  # a tally over a city or a weekend counts no one shooting
                continue
            c = replace(
                c,
                event=ev.index,
                place=c.place or ev.place,
                place_inherited=c.place_inherited or c.place is None,
                counted_place=counted_place(c, ev),
            )
        out.append(c)
    return out


def counted_place(claim: ClaimRecord, event: EventRecord) -> Place | None:
    """The place a figure counts within its event: None for the whole event, else the
    place its sentence names when that is not the event's place or one enclosing it (a
    district of the quake zone, the other country a quake also struck). A disaster's place
    is its country: reports place it at their dateline city, and "three killed in Yangon"
    is then that city's toll, not the quake's."""
    if claim.place is None or claim.place_inherited or event.place is None:
        return None
    chain = event.place.chain()
    if event.kind in DISASTER_KINDS:
        chain = chain[-1:]  # a quake or a storm strikes a country, not its dateline city
    if claim.place.key in {p.key for p in chain}:
        return None
    return claim.place
