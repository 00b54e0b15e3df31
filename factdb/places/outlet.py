"""The outlet's home state, read from its URL: a prior for bare place names in its articles.

A local station or paper mostly reports its own area, so "Richmond police say" on a page of
``nbc12.com`` whose title ends "Richmond, VA News" is Richmond, Virginia. The registered domain
comes from ``tldextract`` (its bundled suffix list, offline); a web archive wrapper
(``web.archive.org/web/2016.../http://www.kansas.com/...``) is looked through. The domain names
the home when it contains a state name ("arkansasonline") or a large US city
("abc7chicago", "myfoxorlando"); call letters ("kcbd") say nothing, and the title's outlet
segment (``factdb.places.headline``) may then say it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factdb.outlets import outlet_from_url
from factdb.places.gazetteer import PlaceIndex, load_index, wordiness
from factdb.vocabulary import PlaceKind

_CITY = 100_000  # a city named inside a domain must be this large ("orlando", "chicago")
_FAMOUS = 250_000  # ... and, unless this large, not a common English word ("mobile")
_UNCOMMON = 3.5  # wordfreq zipf
_MIN_CHARS = 5  # shorter fragments match by chance ("ohio" is the one state this drops)


def domain_of(url: str) -> str:
    """The registered domain's name part ("kansas" for ``http://www.kansas.com/news/...``),
    through a web archive wrapper (``factdb.outlets``); "" when there is none."""
    outlet = outlet_from_url(url)
    return outlet.split(".", 1)[0] if outlet else ""


def domain_states(url: str | None) -> tuple[int, ...]:
    """Ids of the states a URL's domain names, directly or through a large city in it."""
    if not url:
        return ()
    name = re.sub(r"[^a-z]", "", domain_of(url))
    table = _domain_names()
    found: list[int] = []
    i = 0
    while i <= len(name) - _MIN_CHARS:
        for j in range(len(name), i + _MIN_CHARS - 1, -1):  # longest first: "arkansas"
            sid = table.get(name[i:j])
            if sid is not None:
                found.append(sid)
                i = j
                break
        else:
            i += 1
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1)
def _domain_names() -> dict[str, int]:
    """Spaceless state names and large, distinctive US city names -> state id."""
    idx = load_index()
    us = idx.by_key["iso:US"]
    out: dict[str, int] = {}
    for key, sid in idx.state_names.items():
        out[key.replace(" ", "")] = sid
    for key, ids in idx.surfaces.items():
        top = ids[0]
        if idx.kinds[top] != PlaceKind.city or idx.country_id(top) != us:
            continue
        pop = idx.pops[top]
        if pop < _CITY or _biggest_elsewhere(idx, ids, us) * 2 > pop:
            continue
        if pop < _FAMOUS and wordiness(key) >= _UNCOMMON:
            continue
        compact = key.replace(" ", "").replace("'", "")
        if len(compact) >= _MIN_CHARS:
            out.setdefault(compact, idx.state_id(top))
    return out


def _biggest_elsewhere(idx: PlaceIndex, ids: tuple[int, ...], us: int) -> int:
    """Population of the largest namesake outside the US (Athens, Greece beside Athens, GA)."""
    return max((idx.pops[i] for i in ids if idx.country_id(i) != us), default=0)
