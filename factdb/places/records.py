"""Place records: a gazetteer place with its parent chain, and a place mention in a text.

Re-exported by ``factdb.extract.records`` (the extraction contract); defined here so that
``factdb.places`` needs nothing from ``factdb.extract``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """A place resolved against the gazetteer, with its chain of parents up to the country.

    ``key`` is the gazetteer's stable id (``"geonames:4424606"``, ``"iso:US-MS"``,
    ``"iso:US"``); ``name`` is the unique entity name the store files it under
    ("Forest, Mississippi, United States"; a country keeps its gazetteer name, "United
    States"); ``kind`` is a ``factdb.vocabulary.PlaceKind`` value; ``aliases`` are the
    surfaces that may name it in text ("Forest, Miss.", "Forest, Mississippi").
    """

    key: str
    name: str
    kind: str  # PlaceKind
    parent: Place | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int | None = None
    aliases: tuple[str, ...] = ()

    def chain(self) -> tuple[Place, ...]:
        """This place and its parents, most specific first."""
        out: list[Place] = []
        node: Place | None = self
        while node is not None:
            out.append(node)
            node = node.parent
        return tuple(out)


@dataclass(frozen=True)
class PlaceMention:
    """A span of text resolved to a place ("Forest, Miss." -> Forest, Mississippi)."""

    start: int
    end: int
    text: str
    place: Place
