"""Place mentions resolved in the context of their article.

Lookup is a dictionary probe over capitalised token n-grams (``capitalised_chunks``), never a
giant regex. A candidate name is then resolved with what the article says elsewhere:
- "Forest, Miss.", "Huntsville, Alabama", "Macon, GA": the state after the comma decides;
- the dateline ("FOREST, Miss. (AP) —", "CHICAGO (AP) —") is the article's place and its state
  is context for every other mention;
- a bare name ("Springfield") takes the state in context (qualified mentions, the dateline,
  state names), the most populous namesake there; with no state in context only a large,
  unambiguous city stands alone;
- a name that is also a common English word ("Forest", "Mobile", "Reading") or that the
  article uses as a person's name ("Warren said", "Sheriff Marion Jones") needs evidence: a
  state after it, the dateline, or "in X" with its state in context;
- "the Englewood neighborhood of Chicago" and "Chicago's South Side" are Chicago;
- a non-US city needs its country named in the article (or is a very large city in an
  article with no US context): "Santiago" alone is neither Santiago nor Chile.
Country mentions come from the entity gazetteer; a place name that contains one ("New
Britain") shadows it, and demonyms or capital metonyms ("Americans", "Washington") are not
places. ``shadowed`` lists the gazetteer mentions the places overrule.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factdb.places.gazetteer import PlaceIndex, load_index, surface_key, wordiness
from factdb.places.headline import split_title
from factdb.places.outlet import domain_states
from factdb.places.records import Place, PlaceMention
from factdb.vocabulary import PlaceKind

if TYPE_CHECKING:  # a country mention from the entity gazetteer: start, end, text, entity
    from factdb.extract.records import Mention

_BIG_CITY = 100_000  # a bare US city name with no state in context must be this large
_TOWN = 10_000  # ... or be the only place of its name, this large, after "in"
_WORLD_CITY = 1_000_000  # ... and a non-US one, in an article without US context
_COMMON = 4.3  # wordfreq zipf: "forest", "mobile", "reading", "jackson" need evidence
_UNCOMMON = 3.5  # "springfield", "marion": need a state in context
_DATELINE_WINDOW = 3000
_NEAREST = 2  # extra weight of the state of the nearest evidence, among several in context
_PRIOR = 0.5  # weight of the outlet's home state: less than any state the text names
_FAMOUS = 250_000  # a place this large is what its name means, however common the word

_QUALIFIER = re.compile(r",[ \t]*(D\.C\.|[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.]*)?)")
_PREP = re.compile(
    r"\b(?:in|at|near|outside|from|to|of|between)\s+(?:the\s+)?(?:(?:city|town|village|"
    r"suburb|borough|township)\s+of\s+)?(?:nearby\s+)?$",
    re.IGNORECASE,
)
_NEIGHBOURHOOD = re.compile(
    r"\s+(?:neighborhood|neighbourhood|section|area|community|district)\s+(?:of|in)\s+$"
)
# "Indiana Avenue", "South Shore Drive", "Mount Sinai Hospital": a place name that starts a
# street's or a hospital's name is no place
_STREET_AFTER = re.compile(
    r"[ \t]+(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.?|Drive|Dr\.|Boulevard|Blvd\.?|Lane|"
    r"Ln\.|Parkway|Pkwy\.?|Highway|Hwy\.?|Court|Ct\.|Terrace|Circle|Turnpike|Pike|Trail|"
    r"Expressway|Freeway|Hospital|Medical[ \t]+Center)(?![\w'])"
)
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][\w'.]*(?:[ \t]+[A-Z][\w'.]*)*")
_NAMED_AREA = re.compile(r"\s+(?:neighbou?rhood|section|community|subdivision)\b")
_SIDE = re.compile(
    r"'s\s+(?:(?:Far|Near|Lower|Upper)\s+)?(?:North|South|East|West|Southwest|"
    r"Northwest|Southeast|Northeast)(?:\s+Side|\s+side)\b"
)
# "southeast Houston", "West Philadelphia": a part of a city named by its compass side
_COMPASS_BEFORE = re.compile(
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|downtown|central)"
    r"[ \t]+$",
    re.IGNORECASE,
)
# words that make a capitalised pair an institution or a part of town, not a person's name:
# "Memphis Police", "Fresno County", "West Philadelphia", "Houston Chronicle"
_NOT_NAME_WORDS = """
north south east west northeast northwest southeast southwest downtown central greater upper
lower metro police sheriff sheriff's county city fire department news times post herald journal
tribune gazette chronicle press daily star school schools college university hospital medical
center park township mayor council area public airport church district attorney high middle
elementary state national international regional community memorial health man woman teen boy
girl men women residents officers
"""
_NOT_NAME = frozenset(_NOT_NAME_WORDS.split())
_PERSON_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sgt|Lt|Capt|Det|Officer|Deputy|Sheriff|Chief|Judge|Mayor|Gov|Sen|"
    r"Rep|Pastor|Rev|Coach)\.?\s+(?:[A-Z][\w'-]*\s+)?$"
)
_PERSON_AFTER = re.compile(
    r"^(?:,\s+\d{1,3},|\s+(?:said|says|told|added|was\s+(?:shot|killed|arrested|charged)|"
    r"Jr\.?|Sr\.?))"
)
_DATELINE = re.compile(
    r"(?m)^[ \t]*([A-Z][A-Z.'\- ]*[A-Z.])(?:,[ \t]*([A-Z][A-Za-z.]*(?:[ \t][A-Z][A-Za-z.]*)?))?"
    r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:\u2014|\u2013|--|-)[ \t]"
)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int  # end of the name (the qualifier, if any, runs to ``qual_end``)
    ids: tuple[int, ...]
    key: str
    state: int = -1  # the state after the comma
    qual_end: int = -1
    dateline: bool = False
    evidence: bool = False  # "Chicago's South Side", "neighborhood of Chicago"


@dataclass
class PlaceResult:
    """Resolved mentions (text order), the dateline's place and the gazetteer mentions the
    places overrule (their (start, end))."""

    mentions: list[PlaceMention] = field(default_factory=list)
    dateline: Place | None = None
    shadowed: frozenset[tuple[int, int]] = frozenset()
    headline: Place | None = None  # the city or county the page title's headline names
    outlet_states: tuple[Place, ...] = ()  # the outlet's home, from its URL and title


def find_places(
    text: str,
    norm: str,
    *,
    exclude: Iterable[tuple[int, int]] = (),
    chunks: Sequence[tuple[int, int, str]] | None = None,
    countries: Sequence[Mention] = (),
    dateline_span: tuple[int, int] | None = None,
) -> list[PlaceMention]:
    """Place mentions in ``text`` (``norm`` its ``normalise_for_matching`` form)."""
    return resolve_places(
        text, norm, exclude=exclude, chunks=chunks, countries=countries, dateline_span=dateline_span
    ).mentions


def article_place(
    mentions: Sequence[PlaceMention], dateline_place: Place | None, headline: Place | None = None
) -> Place | None:
    """The article's place: its dateline's, else the city or county its headline names, else
    its most named city, else county ("Harris County deputies ... the Cypress home": counties
    are named for their sheriffs and courts, the city is where it happened), else its most
    named state, else its most named country (first mention breaks ties)."""
    if dateline_place is not None:
        return dateline_place
    if headline is not None:
        return headline
    for kind in (PlaceKind.city, PlaceKind.admin2, PlaceKind.admin1, PlaceKind.country):
        counts = Counter(m.place.key for m in mentions if m.place.kind == kind)
        if counts:
            top = max(counts.values())
            return next(
                m.place for m in mentions if m.place.kind == kind and counts[m.place.key] == top
            )
    return None


def resolve_places(
    text: str,
    norm: str,
    *,
    exclude: Iterable[tuple[int, int]] = (),
    chunks: Sequence[tuple[int, int, str]] | None = None,
    countries: Sequence[Mention] = (),
    dateline_span: tuple[int, int] | None = None,
    title: str | None = None,
    url: str | None = None,
) -> PlaceResult:
    """Everything ``find_places`` finds, with the dateline place and shadowed mentions; with
    the page ``title`` and ``url``, the headline's place and the outlet's home states (a weak
    prior for bare names)."""
    idx = load_index()
    if chunks is None:  # ArticleDoc passes its name chunks; this is for direct callers
        chunks = [(m.start(), m.end(), m.group(0)) for m in _CAPITALISED.finditer(norm)]
    blocked = sorted(exclude)
    dl = _dateline_hit(idx, norm, dateline_span)
    hits = [dl] if dl is not None else []
    taken_end = max(dl.end, dl.qual_end) if dl is not None else -1
    for hit in _chunk_hits(idx, norm, chunks):
        if hit.start < taken_end or any(s < hit.end and hit.start < e for s, e in blocked):
            continue
        hits.append(hit)
        taken_end = max(taken_end, hit.qual_end if hit.qual_end > 0 else hit.end)
    hits = _drop_qualifiers(hits)
    # "in the South Shore neighborhood": that name is a part of town all through the article,
    # its dateline ("SOUTH SHORE —") included; the city it is in is the place
    areas = {h.key for h in hits if h.state < 0 and _NAMED_AREA.match(norm, h.end)}
    if areas:
        hits = [h for h in hits if h.key not in areas]
        dl = dl if dl is not None and dl.key not in areas else None
    # context: states named or implied, countries named
    states: Counter[int] = Counter()
    near: list[tuple[int, int]] = []  # (offset, state) of each piece of state evidence
    for h in hits:
        if h.state >= 0 and idx.kinds[h.state] == PlaceKind.admin1:
            states[h.state] += 3 if h.dateline else 2
            near.append((h.start, h.state))
        elif h.key in idx.state_names and not _clashing_state(idx, h.key):
            states[idx.state_names[h.key]] += 1
            near.append((h.start, idx.state_names[h.key]))
    country_ids = {
        idx.country_of_entity[m.entity]
        for m in countries
        if m.entity in idx.country_of_entity and surface_key(m.text) not in idx.not_places
    }
    us = idx.by_key["iso:US"]
    person_names = _person_tokens(chunks)
    head, furniture = split_title(title)
    home = _outlet_states(idx, furniture, url, person_names)
    for sid in home:
        states[sid] += _PRIOR
    us_context = bool(states) or us in country_ids
    out: list[PlaceMention] = []
    shadow: set[tuple[int, int]] = set()
    dateline_place: Place | None = None
    if dl is not None and dl.state < 0:  # "CHICAGO (AP) —": Illinois is context too
        got = _resolve(idx, norm, dl, states, country_ids, us_context, person_names)
        if got is not None and idx.state_id(got) >= 0:
            states[idx.state_id(got)] += 3
            near.append((dl.start, idx.state_id(got)))
            us_context = True
    resolved: dict[_Hit, int | None] = {}

    def stage(h: _Hit) -> int:  # counties and clashing states once the cities gave context
        if h.key in idx.state_names and _clashing_state(idx, h.key):
            return 2
        return 1 if idx.kinds[h.ids[0]] == PlaceKind.admin2 and h.state < 0 else 0

    for late in (0, 1, 2):
        for h in hits:
            if stage(h) != late:
                continue
            got = _resolve(idx, norm, h, states, country_ids, us_context, person_names, near)
            resolved[h] = got
            if got is not None and idx.country_id(got) == us:
                us_context = True
                if late == 0 and h.state < 0 and idx.kinds[got] == PlaceKind.city:
                    states[idx.state_id(got)] += 1
                    near.append((h.start, idx.state_id(got)))
    for h in hits:
        for m in countries:  # "New Britain" overrules "Britain", the state "Georgia" the country
            if h.start <= m.start and m.end <= h.end and (m.end - m.start) < (h.end - h.start):
                shadow.add((m.start, m.end))
        i = resolved.get(h)
        if i is None:
            continue
        end = h.qual_end if h.qual_end > 0 else h.end
        place = idx.place(i)
        if h.dateline:
            dateline_place = place
        if idx.kinds[i] == PlaceKind.admin1 and idx.names[i] != idx.bare[i]:
            shadow.update((m.start, m.end) for m in countries if m.start == h.start)
        out.append(PlaceMention(h.start, end, text[h.start : end], place))
    for m in countries:
        if (m.start, m.end) in shadow or m.entity not in idx.country_of_entity:
            continue
        if surface_key(m.text) in idx.not_places:
            if not _named_plainly(idx, m.entity, countries):
                shadow.add((m.start, m.end))  # "Santiago" alone is not Chile
            continue
        if any(p.start <= m.start < p.end for p in out):
            continue
        out.append(PlaceMention(m.start, m.end, m.text, idx.place(idx.country_of_entity[m.entity])))
    out.sort(key=lambda p: (p.start, -p.end))
    headline = None
    for h in _chunk_hits(idx, head, _title_chunks(head)) if head else ():
        if h.key in areas:
            continue
        got = _resolve(idx, head, h, states, country_ids, us_context, person_names)
        if got is not None and idx.kinds[got] in (PlaceKind.city, PlaceKind.admin2):
            headline = idx.place(got)
            break
    home_places = tuple(idx.place(i) for i in home)
    return PlaceResult(out, dateline_place, frozenset(shadow), headline, home_places)


def _title_chunks(s: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _CAPITALISED.finditer(s)]


def _outlet_states(
    idx: PlaceIndex, furniture: str, url: str | None, person_names: frozenset[str]
) -> tuple[int, ...]:
    """States of the outlet's home: named in its domain, or by the title's furniture
    ("WTVM.com-Columbus, GA News", "KCBD NewsChannel 11 Lubbock")."""
    found = list(domain_states(url))
    for h in _chunk_hits(idx, furniture, _title_chunks(furniture)) if furniture else ():
        if h.key in idx.state_names and not _clashing_state(idx, h.key):
            found.append(idx.state_names[h.key])
            continue
        got = _resolve(idx, furniture, h, Counter(), set(), True, person_names)
        sid = idx.state_id(got) if got is not None else -1
        if sid >= 0 and idx.country_id(sid) == idx.by_key["iso:US"]:
            found.append(sid)
    return tuple(dict.fromkeys(found))


def _within(idx: PlaceIndex, i: int, ancestor: int) -> bool:
    while i >= 0:
        if i == ancestor:
            return True
        i = idx.parents[i]
    return False


def _named_plainly(idx: PlaceIndex, entity: str, countries: Sequence[Mention]) -> bool:
    return any(m.entity == entity and surface_key(m.text) not in idx.not_places for m in countries)


def _clashing_state(idx: PlaceIndex, key: str) -> bool:
    i = idx.state_names[key]
    return idx.names[i] != idx.bare[i]


def _state_after(idx: PlaceIndex, norm: str, end: int, dateline: bool = False) -> tuple[int, int]:
    """(state id, end of qualifier) for ", Miss." / ", Mississippi" / ", MS" after ``end``;
    a dateline may drop the abbreviation's dot ("JACKSON, Tenn —")."""
    m = _QUALIFIER.match(norm, end)
    if m is None:
        return -1, -1
    words = m.group(1)
    parts = words.split()
    for n in (2, 1):
        if len(parts) < n:
            continue
        cand = " ".join(parts[:n])
        if cand.endswith(".") and surface_key(cand) in idx.state_names:
            cand = cand[:-1]  # "Atlanta, Georgia." ends a sentence
        key = surface_key(cand)
        sid = idx.state_names.get(key, -1)
        if sid < 0 and (cand.endswith(".") or "." in cand or dateline):
            sid = idx.state_abbrs.get(key, -1)
        if sid < 0 and n == 1 and re.fullmatch(r"[A-Z]{2}", cand):
            sid = idx.state_postal.get(cand, -1)
        if sid < 0:  # "Lyon, France"
            c = idx.by_name.get(cand, -1)
            sid = c if c >= 0 and idx.kinds[c] == PlaceKind.country else -1
        if sid >= 0:
            stop = m.start(1) + words.index(parts[n - 1]) + len(cand.split()[-1])
            return sid, stop
    return -1, -1


def _dateline_hit(idx: PlaceIndex, norm: str, span: tuple[int, int] | None) -> _Hit | None:
    if span is not None:
        m = _DATELINE.match(norm, span[0])
    else:
        m = _DATELINE.search(norm, 0, _DATELINE_WINDOW)
    if m is None:
        return None
    name = m.group(1)
    ids = idx.lookup(name)
    if not ids:
        return None
    sid, stop = _state_after(idx, norm, m.end(1), dateline=True) if m.group(2) else (-1, -1)
    return _Hit(m.start(1), m.end(1), ids, surface_key(name), sid, stop, dateline=True)


def _chunk_hits(
    idx: PlaceIndex, norm: str, chunks: Sequence[tuple[int, int, str]]
) -> Iterable[_Hit]:
    for c_start, _c_end, chunk in chunks:
        toks = [(c_start + t.start(), c_start + t.end()) for t in re.finditer(r"\S+", chunk)]
        i = 0
        while i < len(toks):
            found = None
            for j in range(min(len(toks), i + idx.max_words), i, -1):
                s, e = toks[i][0], toks[j - 1][1]
                surface = norm[s:e]
                if surface.endswith("'s"):
                    surface, e = surface[:-2], e - 2
                key = surface_key(surface)
                ids = idx.surfaces.get(key)
                if ids and len(key) > 2:
                    found = (s, e, ids, key, j)
                    break
            if found is None:
                i += 1
                continue
            s, e, ids, key, j = found
            if _STREET_AFTER.match(norm, e):
                i = j
                continue
            sid, stop = _state_after(idx, norm, e)
            before = norm[max(0, s - 40) : s]
            evidence = (
                bool(_SIDE.match(norm, e))
                or bool(_NEIGHBOURHOOD.search(before))
                or bool(_COMPASS_BEFORE.search(before))
            )
            yield _Hit(s, e, ids, key, sid, stop, evidence=evidence)
            i = j


def _drop_qualifiers(hits: list[_Hit]) -> list[_Hit]:
    """Drop a hit that is the qualifier of the one before ("Forest, Mississippi") or the
    neighbourhood named before "neighborhood of Chicago"."""
    out: list[_Hit] = []
    for h in hits:
        if out and out[-1].qual_end > h.start >= out[-1].end:
            continue
        out.append(h)
    return out


def _resolve(
    idx: PlaceIndex,
    norm: str,
    h: _Hit,
    states: Counter[int],
    country_ids: set[int],
    us_context: bool,
    person_names: frozenset[str],
    near: Sequence[tuple[int, int]] = (),
) -> int | None:
    """The place id ``h`` names in its context, or None. Of namesakes in several states of
    the context, the state of the nearest evidence counts extra: "Cook County" beside
    "Chicago" is Illinois though "Atlanta, Georgia" (a qualified, heavier mention) is named
    further on."""
    ids = h.ids
    if h.state >= 0:
        inside = [i for i in ids if i != h.state and _within(idx, i, h.state)]
        return inside[0] if inside else None
    if h.key in idx.state_names:
        sid = idx.state_names[h.key]
        if _clashing_state(idx, h.key):
            return _clashing(idx, norm, h, sid, us_context)
        return sid
    before = norm[max(0, h.start - 40) : h.start]
    after = norm[h.end : h.end + 30]
    strength = wordiness(h.key) if idx.pops[ids[0]] < _FAMOUS else 0.0
    person = h.key in person_names or bool(
        _PERSON_BEFORE.search(before) or _PERSON_AFTER.match(after)
    )
    if _NAMED_AREA.match(after):
        return None  # "the Englewood neighborhood of Chicago": Chicago is the place
    evidence = h.dateline or h.evidence
    prep = bool(_PREP.search(before))
    in_state = [i for i in ids if idx.state_id(i) in states]
    if in_state:
        if (person or strength >= _COMMON) and not (evidence or prep):
            return None
        nearest = _nearest_state(near, h.start) if len(in_state) > 1 else -1

        def weight(i: int) -> tuple[float, int]:
            sid = idx.state_id(i)
            return states[sid] + (_NEAREST if sid == nearest else 0), idx.pops[i]

        return max(in_state, key=weight)
    if person and not evidence:
        return None
    if strength >= _UNCOMMON and not h.dateline:
        return None
    top = ids[0]
    if idx.kinds[top] == PlaceKind.admin2:
        return top if len(ids) == 1 and (evidence or prep) else None
    if idx.kinds[top] == PlaceKind.admin1:  # a non-US division: its country must be named
        return top if idx.parents[top] in country_ids else None
    us_ids = [i for i in ids if idx.country_id(i) == idx.by_key["iso:US"]]
    runner_up = idx.pops[us_ids[1]] if len(us_ids) > 1 else 0
    if (
        us_ids
        and prep
        and strength < _UNCOMMON
        and idx.pops[us_ids[0]] >= max(_TOWN, 5 * runner_up)
    ):
        return us_ids[0]  # "shot in New Britain": by far the largest place of that name
    if us_context or h.dateline:
        named = [i for i in ids if idx.country_id(i) in country_ids and i not in us_ids]
        if named and not us_ids:
            return named[0]
        if not us_ids:
            return None
        best = us_ids[0]
        second = idx.pops[us_ids[1]] if len(us_ids) > 1 else 0
        if h.dateline and idx.pops[best] >= 2 * second:
            return best
        return best if idx.pops[best] >= _BIG_CITY and second * 5 <= idx.pops[best] else None
    named = [i for i in ids if idx.country_id(i) in country_ids]
    if named:
        return named[0]
    second = idx.pops[ids[1]] if len(ids) > 1 else 0
    limit = _BIG_CITY if top in us_ids else _WORLD_CITY
    return top if idx.pops[top] >= limit and second * 5 <= idx.pops[top] else None


def _nearest_state(near: Sequence[tuple[int, int]], at: int) -> int:
    """The state of the evidence closest to offset ``at`` (not at it), or -1."""
    best = min((abs(pos - at), sid) for pos, sid in near if pos != at) if near else None
    return best[1] if best is not None else -1


def _clashing(idx: PlaceIndex, norm: str, h: _Hit, sid: int, us_context: bool) -> int | None:
    """A state whose name is another entity's: "Georgia" (the country), "Washington" (the US
    capital metonym), "New York" (a city too)."""
    after = norm[h.end : h.end + 8].lower()
    if after.startswith((" state", " State")) or after.startswith(" state"):
        return sid
    if h.key == "new york":
        city = idx.by_name.get("New York City, New York")
        before = norm[max(0, h.start - 10) : h.start].lower()
        return sid if "upstate" in before else city
    if h.key == "washington":
        return idx.by_name.get("Washington, District of Columbia") if h.dateline else None
    return sid if us_context else None


def _person_tokens(chunks: Sequence[tuple[int, int, str]]) -> frozenset[str]:
    """Name keys the article uses as part of a two- or three-word person-like chunk ("Andrew
    Jackson", "Warren Smith"): such a name needs evidence to be a place in this article."""
    out: set[str] = set()
    idx = load_index()
    for _s, _e, chunk in chunks:
        words = chunk.split()
        if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w[1:].islower() for w in words):
            continue
        if idx.surfaces.get(surface_key(chunk)):
            continue  # "Rock Falls", "New Britain": a place name itself
        if any(w.casefold() in _NOT_NAME for w in words):
            continue
        for w in (words[0], words[-1]):
            key = surface_key(w)
            if key in idx.surfaces and key not in idx.state_names:
                out.add(key)
    return frozenset(out)
