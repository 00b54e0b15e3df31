"""factdb: a claim-tracking and fact-check database.

The public Python API: ``FactDB(url)``, the front door whose methods are what the CLI does
(``factdb.api``), ``find_times``, and the pure extractor ``factdb.extract.extract`` (not
offered as ``factdb.extract``: that name is the subpackage, and a lazily imported function
of the same name would be replaced by the module the first time the package is imported).
Names are imported lazily so ``import factdb`` (and ``factdb --help``) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from factdb.api import FactDB, Metadata
    from factdb.extract import find_times

__all__ = ["FactDB", "Metadata", "__version__", "find_times"]


def __getattr__(name: str) -> Any:
    if name in ("FactDB", "Metadata"):
        import factdb.api

        return getattr(factdb.api, name)
    if name == "find_times":
        import factdb.extract

        return getattr(factdb.extract, name)
    raise AttributeError(f"module 'factdb' has no attribute {name!r}")
