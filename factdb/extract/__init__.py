"""Pure text extraction: ``extract(text, published)`` turns an article into claim records.

Importing this package is cheap: the pipeline and its compiled patterns load on first use of
``extract``/``find_times`` (read-only commands never need them), and dateparser only when a
date needs normalising.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factdb.extract.entities import Gazetteer, load_gazetteer, normalise_alias

if TYPE_CHECKING:
    from factdb.extract.pipeline import EXTRACTOR_VERSION, extract
    from factdb.extract.times import TimeExpression, find_times

_LAZY = {
    "EXTRACTOR_VERSION": "factdb.extract.pipeline",
    "extract": "factdb.extract.pipeline",
    "TimeExpression": "factdb.extract.times",
    "find_times": "factdb.extract.times",
}

__all__ = [
    "EXTRACTOR_VERSION",
    "Gazetteer",
    "TimeExpression",
    "extract",
    "find_times",
    "load_gazetteer",
    "normalise_alias",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
