"""Clustering events into incidents: the evidence score, incremental assignment, rebuild.

Pure functions over small sketches, so the same code serves ``ingest`` (one new event against
the candidate incidents the store fetched by its block), ``incidents rebuild`` (everything at
once) and the benchmark. Blocking: an event is only compared with incidents of its kind, in
its region (the place chain's first-level division, else its country; ``comparable``) and
within ``DATE_WINDOW`` days, or up to ``FOLLOW_UP_DAYS`` for one at the event's very place
(an arrest or a trial reported months later; ``score``). Disasters and deployments reach
further (by country, for months or years: ``factdb.incidents.reach``). Weights were tuned
on the GVA tune half (``benchmarks/gva_incidents.py``, ``benchmarks/incidents.md``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from factdb.incidents.reach import DEFAULT, Reach, reach

DATE_WINDOW = DEFAULT.window  # days between an event's dates and an incident's to compare them
JOIN_THRESHOLD = 0.3  # score at or above which an event joins its best candidate
MAX_KEYWORDS = 40  # keywords an incident sketch keeps (the heaviest)
# Evidence weights (tuned on the GVA tune half, benchmarks/incidents.md)
W_KEYWORDS = 0.6  # shared keyword weight, as a share of KEYWORD_SATURATION
KEYWORD_SATURATION = 14.0  # shared keyword weight that counts as full evidence
W_OVERLAP = 0.4  # shared keyword weight over the smaller sketch's total
W_NAMES = 0.4  # per shared participant surname, up to two
W_PLACE = 0.2  # times the place agreement (-1..1)
DAY_PENALTY = 0.04  # per day between the event and the incident (up to DATE_WINDOW)
# A follow-up (an arrest, a trial) is reported long after the event: beyond DATE_WINDOW and
# up to FOLLOW_UP_DAYS an event joins only in the same place and with this much more evidence
FOLLOW_UP_DAYS = DEFAULT.follow_up
FOLLOW_UP_PENALTY = 0.3


@dataclass(frozen=True)
class EventSketch:
    """What clustering reads about one event.

    ``places`` are place keys, most specific first (the chain of ``Place.key``); ``source``
    is the article's source id (two events of one article never join one incident).
    ``main`` is False for an article's other events (a roundup's other shootings, a
    comparison): such a passing mention joins an incident that exists but never starts one
    (on the GVA tune half, letting mentions start incidents split real ones: B-cubed F1 0.902
    against 0.907).
    """

    key: int
    source: int
    kind: str
    places: tuple[str, ...] = ()
    date_start: date | None = None
    date_end: date | None = None
    participants: frozenset[str] = frozenset()
    keywords: Mapping[str, float] = field(default_factory=dict)
    main: bool = True
    dated: bool = True  # False: only the publication date bounds it (no date of its own)


@dataclass(frozen=True)
class IncidentSketch:
    """What clustering keeps about one incident: the union of its events' evidence."""

    key: int
    kind: str
    places: tuple[str, ...] = ()
    date_start: date | None = None
    date_end: date | None = None
    participants: frozenset[str] = frozenset()
    keywords: Mapping[str, float] = field(default_factory=dict)
    sources: frozenset[int] = frozenset()

    @classmethod
    def of(cls, key: int, event: EventSketch) -> IncidentSketch:
        """A new incident holding one event."""
        return cls(
            key=key,
            kind=event.kind,
            places=event.places,
            date_start=event.date_start,
            date_end=event.date_end,
            participants=event.participants,
            keywords=dict(event.keywords),
            sources=frozenset({event.source}),
        )

    def absorb(self, event: EventSketch) -> IncidentSketch:
        """This incident with one more event: the most specific place, the union of dates
        (but for a kind reaching a whole country a follow-up beyond its window leaves them:
        a disaster's date stays the day it struck), names and the heaviest keywords."""
        merged = dict(self.keywords)
        for term, weight in event.keywords.items():
            merged[term] = max(weight, merged.get(term, 0.0))
        keep = dict(sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_KEYWORDS])
        places = event.places if len(event.places) > len(self.places) else self.places
        distance = _date_distance(event, self)
        kind = reach(self.kind)
        if kind.by_country and distance is not None and distance > kind.window:
            start, end = self.date_start, self.date_end
        else:
            start, end = _merged_dates(self, event)
        return replace(
            self,
            places=places,
            date_start=start,
            date_end=end,
            participants=self.participants | event.participants,
            keywords=keep,
            sources=self.sources | {event.source},
        )


def _merged_dates(incident: IncidentSketch, event: EventSketch) -> tuple[date | None, date | None]:
    """The incident's dates with an event's: the union, except that a less precise interval
    (a follow-up dated "in June", an undated report's last days) does not widen one that
    it contains, and a period-long incident is narrowed by a report inside it. Otherwise one
    month-long follow-up would stretch its incident over the month and let it swallow the
    region's other incidents."""
    starts = [d for d in (incident.date_start, event.date_start) if d is not None]
    ends = [d for d in (incident.date_end, event.date_end) if d is not None]
    if incident.date_start is not None and event.date_start is not None:
        a = (incident.date_start, incident.date_end or incident.date_start)
        b = (event.date_start, event.date_end or event.date_start)
        if b[0] <= a[0] and a[1] <= b[1]:
            return a
        if a[0] <= b[0] and b[1] <= a[1] and (a[1] - a[0]).days > DATE_WINDOW:
            return b
    return (min(starts) if starts else None, max(ends) if ends else None)


BLOCK_KEYWORDS = 10  # an incident's heaviest rare keywords that are its block terms
BLOCK_RARITY = 3.0  # a block keyword is rarer than this in English (wordfreq zipf)


def block_terms(sketch: EventSketch | IncidentSketch, keywords: int = BLOCK_KEYWORDS) -> set[str]:
    """The terms an event without a place is blocked on: surnames ("p:reed") and the
    heaviest rare keywords ("k:bayview"); an incident files ``BLOCK_KEYWORDS`` of them, an
    event looks up as many of its own. An incident it could join almost always shares one:
    without a place, ``score`` needs shared names or keywords to reach ``JOIN_THRESHOLD``.
    Common words ("avenue", "bullet", "houston") are left out: thousands of incidents share
    them, and a block that reads thousands of sketches is no block."""
    from wordfreq import zipf_frequency

    rare = [
        (term, weight)
        for term, weight in sketch.keywords.items()
        if zipf_frequency(term, "en") < BLOCK_RARITY
    ]
    heaviest = sorted(rare, key=lambda kv: (-kv[1], kv[0]))[:keywords]
    terms = {f"p:{name}" for name in sketch.participants}
    terms.update(f"k:{term}" for term, _ in heaviest)
    return {t[:64] for t in terms}


def comparable(a: Sequence[str], b: Sequence[str], kind: str | None = None) -> bool:
    """Whether an event and an incident with these place chains are compared at all: the
    same region, or either without a place (its region unknown, so any may be its own)."""
    if not a or not b:
        return True
    return region(a, kind) == region(b, kind)


def region(places: Sequence[str], kind: str | None = None) -> str | None:
    """The blocking region of a place chain: its first-level division, else its country;
    the country for the kinds that reach a whole country (``Reach.by_country``)."""
    if not places:
        return None
    if reach(kind).by_country:
        return places[-1]
    return places[-2] if len(places) >= 2 else places[-1]


def _places_agree(a: Sequence[str], b: Sequence[str], kind: str | None = None) -> float:
    """1 when one chain contains the other's most specific place, 0.3 for a shared region,
    -1 when they name different places at one level, 0 when either is unknown."""
    if not a or not b:
        return 0.0
    if a[0] in b or b[0] in a:
        return 1.0
    if region(a, kind) == region(b, kind):
        return 0.3
    return -1.0


def _date_distance(e: EventSketch, inc: IncidentSketch) -> int | None:
    if e.date_start is None or inc.date_start is None:
        return None
    e_end = e.date_end or e.date_start
    i_end = inc.date_end or inc.date_start
    if e_end < inc.date_start:
        return (inc.date_start - e_end).days
    if i_end < e.date_start:
        return (e.date_start - i_end).days
    return 0


def _shared_weight(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The weight two keyword sets share (the lighter of each shared term's weights)."""
    if len(b) < len(a):
        a, b = b, a
    return sum(min(w, b[t]) for t, w in a.items() if t in b)


def _keyword_overlap(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Weighted overlap of two keyword sets, 0..1 (shared weight over the smaller total)."""
    if not a or not b:
        return 0.0
    shared = sum(min(w, b[t]) for t, w in a.items() if t in b)
    return shared / min(sum(a.values()), sum(b.values()))


def score(event: EventSketch, incident: IncidentSketch) -> float:
    """Evidence that an event reports this incident; ``JOIN_THRESHOLD`` and above joins."""
    if event.kind != incident.kind or event.source in incident.sources:
        return float("-inf")
    kind = reach(event.kind)
    if not comparable(event.places, incident.places, event.kind):
        return float("-inf")  # the store's block never shows it either
    place = _places_agree(event.places, incident.places, event.kind)
    distance = _date_distance(event, incident)
    late = distance is not None and distance > kind.window
    if late and not _follows_up(event, place, distance, kind):  # type: ignore[arg-type]
        return float("-inf")
    names = len(event.participants & incident.participants)
    shared = _shared_weight(event.keywords, incident.keywords)
    total = W_KEYWORDS * min(shared / KEYWORD_SATURATION, 1.0)
    if W_OVERLAP:
        total += W_OVERLAP * _keyword_overlap(event.keywords, incident.keywords)
    total += W_NAMES * min(names, 2) / 2 + W_PLACE * place
    if distance is not None:  # the same penalty at the edge of every kind's window
        total -= DAY_PENALTY * min(distance, kind.window) * DATE_WINDOW / kind.window
        if distance == 0 and event.dated and place >= 1.0:
            total += kind.same_day
    if late:
        total -= FOLLOW_UP_PENALTY
    return total


def _follows_up(event: EventSketch, place: float, distance: int, kind: Reach) -> bool:
    """Whether an event this late may still report the incident: at its very place within
    ``FOLLOW_UP_DAYS`` (an arrest, a trial); for a kind reaching a whole country, anywhere
    in it within the kind's ``follow_up`` days, when the report gives no date of its own."""
    if kind.by_country:
        return distance <= kind.follow_up and place > 0 and not event.dated
    return distance <= kind.follow_up and place >= 1.0


def choose(
    event: EventSketch,
    candidates: Iterable[IncidentSketch],
    apart: frozenset[tuple[int, int]] = frozenset(),
) -> IncidentSketch | None:
    """The candidate incident this event joins, or None to start a new one. ``apart`` holds
    (source, source) pairs people said report different incidents (either order)."""
    best: tuple[float, int] | None = None
    chosen: IncidentSketch | None = None
    for inc in candidates:
        if any((event.source, s) in apart or (s, event.source) in apart for s in inc.sources):
            continue
        s = score(event, inc)
        if s >= JOIN_THRESHOLD and (best is None or (s, -inc.key) > best):
            best, chosen = (s, -inc.key), inc
    return chosen


def cluster(
    events: Sequence[EventSketch],
    together: Iterable[tuple[int, int]] = (),
    apart: Iterable[tuple[int, int]] = (),
) -> list[list[int]]:
    """Every event's incident, from scratch: groups of event keys.

    Main events are taken in date order and assigned incrementally, as ingest would; then
    the other events (``main=False``) join the incident they match, if any (one that joins
    none is in no group); then the groups people said belong together (``together``: pairs
    of source ids) are merged and the sources people split off (``apart``) are moved out.
    Deterministic for the same input.
    """
    apart_set = frozenset(apart)
    incidents: dict[int, IncidentSketch] = {}
    members: dict[int, list[int]] = {}
    for e in sorted(events, key=lambda e: (not e.main, e.date_start or date.min, e.key)):
        inc = choose(e, incidents.values(), apart_set)
        if inc is not None:
            incidents[inc.key] = join(inc, e)
            members[inc.key].append(e.key)
        elif e.main:
            incidents[e.key] = IncidentSketch.of(e.key, e)
            members[e.key] = [e.key]
    groups = list(members.values())
    return apply_corrections(groups, {e.key: e.source for e in events}, together, apart_set)


def join(incident: IncidentSketch, event: EventSketch) -> IncidentSketch:
    """The incident with the event in it: a main event's evidence is absorbed; a passing
    mention only adds its source (its few words would blur the incident's sketch)."""
    if event.main:
        return incident.absorb(event)
    return replace(incident, sources=incident.sources | {event.source})


def apply_corrections(
    groups: list[list[int]],
    source_of: Mapping[int, int],
    together: Iterable[tuple[int, int]],
    apart: frozenset[tuple[int, int]],
) -> list[list[int]]:
    """Merge the groups whose sources people put together; move split-off sources out.

    A later ``together`` wins over an earlier ``apart`` only when the store dropped that
    ``apart`` (the store keeps the log and passes the corrections still in force).
    """
    by_source: dict[int, list[int]] = {}
    for key, source in source_of.items():
        by_source.setdefault(source, []).append(key)
    parent = list(range(len(groups)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    group_of = {key: i for i, g in enumerate(groups) for key in g}
    for a, b in together:
        for ka in by_source.get(a, ()):
            for kb in by_source.get(b, ()):
                ra, rb = find(group_of[ka]), find(group_of[kb])
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    merged: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        merged.setdefault(find(i), []).extend(g)
    out: list[list[int]] = []
    for g in merged.values():
        g.sort()
        sources_in = {source_of[k] for k in g}
        moved: set[int] = set()
        for a, b in apart:
            if a in sources_in and b in sources_in:
                moved.add(b)
        if moved:
            out.append([k for k in g if source_of[k] not in moved])
            for s in sorted(moved):
                out.append([k for k in g if source_of[k] == s])
        else:
            out.append(g)
    return [g for g in out if g]
