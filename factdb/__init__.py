"""factdb: a claim-tracking and fact-check database.

The small public Python API; the CLI is a thin skin over these functions. Names are
imported lazily so ``import factdb`` (and ``factdb --help``) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from factdb.extract import extract, find_times

__all__ = ["__version__", "extract", "find_times"]


def __getattr__(name: str) -> Any:
    if name in ("extract", "find_times"):
        import factdb.extract

        return getattr(factdb.extract, name)
    raise AttributeError(f"module 'factdb' has no attribute {name!r}")
