"""factdb: a claim-tracking and fact-check database.

The small public Python API; the CLI is a thin skin over these functions.
"""

from __future__ import annotations

__version__ = "0.1.0"
