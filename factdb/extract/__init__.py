"""Pure text extraction: ``extract(text, published)`` turns an article into claim records.

Importing this package is cheap: dateparser is only imported when a date needs normalising.
"""

from factdb.extract.entities import Gazetteer, load_gazetteer, normalise_alias
from factdb.extract.pipeline import EXTRACTOR_VERSION, extract
from factdb.extract.times import TimeExpression, find_times

__all__ = [
    "EXTRACTOR_VERSION",
    "Gazetteer",
    "TimeExpression",
    "extract",
    "find_times",
    "load_gazetteer",
    "normalise_alias",
]
