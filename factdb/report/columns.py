"""The CSV header of each listing when it has no rows.

A CSV's columns come from its rows (nested fields dotted: ``source.title``), so an empty
result would be an empty file and a program reading it could not tell which columns it
has. These lists are what the serializers in ``factdb.report.serialize`` write for a row
with every nested field present; a test keeps the two equal.
"""

from __future__ import annotations

from collections.abc import Sequence


def _under(prefix: str, names: Sequence[str]) -> list[str]:
    return [f"{prefix}.{name}" for name in names]


SOURCE = ["id", "title", "url", "outlet", "published", "copy_of"]
PLACE = ["name", "kind", "latitude", "longitude", "parents"]
SOURCE_LISTING = [*SOURCE, "wire", "dateline", *_under("place", PLACE), "revisions", "claims"]

_VALUE = ["low", "high", "low_open", "high_open", "likely_low", "likely_high"]
_VALUE += ["qualifier", "unit", "text"]
_FRAME = ["portion", "status", "cumulative", "revises", "revision_kind", "counted_place"]
CLAIM = [
    *["id", "kind", "text", "span", "subject", "measure", "verb", "verb_class", "location"],
    *_under("place", PLACE),
    "incident",
    *_under("value", _VALUE),
    *_under("date", ["start", "end", "text"]),
    *["as_of", "speaker", "reporting_verb", "quote", "hedged"],
    *_under("frame", _FRAME),
    *["superseded", "revision", "revision_id", "extractor_version"],
    *_under("source", SOURCE),
]
CONTRADICTION = [
    *["id", "kind", "scope", "hardness", "severity", "status", "detector_version"],
    *_under("a", CLAIM),
    *_under("b", CLAIM),
]
TIMELINE = [*CLAIM, "marks", "flags", "copies"]
# an incident's figures are keyed by measure ("figures.killed"): with no rows, no measures
INCIDENT = ["id", "kind", *_under("place", PLACE), "date.start", "date.end", "sources"]
ENTITY = ["id", "name", "kind", "wikidata", "aliases", "claims"]
DIFF = ["status", *_under("old", CLAIM), *_under("new", CLAIM)]
