"""The one parser for dates a user gives: CLI options and the dates inside input files.

Everywhere factdb takes a date from outside (``--since``, ``--until``, ``--published``, front
matter, JSON/CSV records, a web page's metadata) it accepts the same thing: an ISO 8601 date,
or an ISO date-time whose first ten characters are a date (``2018-02-06T09:30:00Z``), with
surrounding spaces ignored. One parser means one rule and one hint (``use YYYY-MM-DD``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

HINT = "use YYYY-MM-DD"


def parse_date(text: str) -> date:
    """``text`` as a date; ``ValueError("'x' is not a date (use YYYY-MM-DD)")`` otherwise."""
    raw = text.strip()
    try:
        return date.fromisoformat(raw[:10] if len(raw) >= 10 else raw)
    except ValueError:
        raise ValueError(f"{text!r} is not a date ({HINT})") from None


def date_field(value: Any, *, what: str) -> date | None:
    """A record's date field: a YAML date, an ISO string, or nothing (None or empty).

    Anything else raises ``ValueError`` naming the field, e.g.
    ``published: not a date: 'someday' (use YYYY-MM-DD)``.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError:
            pass
    raise ValueError(f"{what}: not a date: {value!r} ({HINT})")
