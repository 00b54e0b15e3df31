"""Where the database is and how detection is tuned.

The URL comes from ``--db`` on the root command, else ``FACTDB_DATABASE_URL``, else the
embedded default ``./factdb.sqlite``. A bare file path is taken as a SQLite file so that
``--db news.sqlite`` works; ``postgresql://`` URLs get the psycopg 3 driver.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

ENV_VAR = "FACTDB_DATABASE_URL"
DEFAULT_PATH = "factdb.sqlite"
DEFAULT_WINDOW_DAYS = 30


def normalise_url(value: str) -> str:
    """Turn what a user typed into a SQLAlchemy URL."""
    value = value.strip()
    if "://" not in value:
        return f"sqlite:///{value}"
    scheme, rest = value.split("://", 1)
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    return value


def resolve_url(cli_value: str | None = None) -> str:
    """Pick the database URL: explicit option, then environment, then the default file."""
    if cli_value:
        return normalise_url(cli_value)
    env = os.environ.get(ENV_VAR)
    if env:
        return normalise_url(env)
    return normalise_url(DEFAULT_PATH)


def display_url(url: str) -> str:
    """The URL with any password masked, safe to print."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@dataclass(frozen=True)
class DetectSettings:
    """Knobs of contradiction detection (DESIGN.md: claim semantics)."""

    window_days: int = DEFAULT_WINDOW_DAYS

    def __post_init__(self) -> None:
        if self.window_days < 0:
            raise ValueError("window_days: must be zero or more days")


def parse_window(text: str) -> int:
    """Parse ``30``, ``30d``, ``6w`` or ``90 days`` into a number of days."""
    raw = text.strip().lower().replace(" ", "")
    units = {"d": 1, "day": 1, "days": 1, "w": 7, "week": 7, "weeks": 7}
    number = raw.rstrip("abcdefghijklmnopqrstuvwxyz")
    unit = raw[len(number) :] or "d"
    if not number.isdigit() or unit not in units:
        raise ValueError(f"window {text!r}: expected days such as 30d or 6w")
    return int(number) * units[unit]
