"""Where the database is and how detection is tuned.

The URL comes from ``--db`` on the root command, else ``FACTDB_DATABASE_URL``, else the
embedded default ``./factdb.sqlite``. A bare file path is taken as a SQLite file so that
``--db news.sqlite`` works; ``postgresql://`` URLs get the psycopg 3 driver.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factdb.errors import FactdbError
from factdb.mappings import flatten
from factdb.vocabulary import VerbClass

ENV_VAR = "FACTDB_DATABASE_URL"
DEFAULT_PATH = "factdb.sqlite"
DEFAULT_WINDOW_DAYS = 30
# Counts of events ("killed two people") under one key can be different incidents, so they
# are compared only when reported within a few days of each other.
DEFAULT_EVENT_WINDOW_DAYS = 3
# Tolls counted for one incident (one shooting, one earthquake) are compared however far
# apart they were reported, up to this: the incident, not the window, says they count the
# same thing, and a disputed report months later still conflicts with the official toll.
# (Levels within an incident, such as a deployment's troops, keep the stock window.)
DEFAULT_INCIDENT_WINDOW_DAYS = 730
# A claim that conflicts with many reports (one outlier against a consensus of hundreds) is
# flagged against this many of them per detection run, the largest disagreements first:
# enough for a reviewer to see the dispute, without one flag per pair of reports.
DEFAULT_MAX_FLAGS = 3
# Inputs larger than this are refused (``ingest --max-bytes``). Defined here, not in
# ``factdb.readers``, so the CLI can show it without importing the readers.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Seconds allowed for fetching one URL (``ingest --timeout``); here for the same reason.
DEFAULT_TIMEOUT = 20.0


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
    event_window_days: int = DEFAULT_EVENT_WINDOW_DAYS
    max_flags: int = DEFAULT_MAX_FLAGS
    incident_window_days: int = DEFAULT_INCIDENT_WINDOW_DAYS

    def __post_init__(self) -> None:
        if self.max_flags < 1:
            raise ValueError("max_flags: must be at least 1")
        for name in ("window_days", "event_window_days", "incident_window_days"):
            days = getattr(self, name)
            if not 0 <= days <= MAX_WINDOW_DAYS:
                raise ValueError(f"{name}: must be 0 to {MAX_WINDOW_DAYS} days")

    def window_for(self, verb_class: str | None) -> int:
        """Stock figures stand for a while; event counts only around their event."""
        return self.event_window_days if verb_class == VerbClass.event else self.window_days

    def window_for_key(self, incident: int | None, verb_class: str | None, rising: bool) -> int:
        """A toll of one incident (a cumulative measure) is compared across the incident's
        whole coverage; a level within an incident (troops of a deployment) over the stock
        window, as it may really change; figures without an incident by their verb class."""
        if incident is None:
            return self.window_for(verb_class)
        return self.incident_window_days if rising else self.window_days


MAX_WINDOW_DAYS = 36_500  # a century: dates stay within what ``datetime.date`` can hold


def parse_window(text: str) -> int:
    """Parse ``30``, ``30d``, ``6w`` or ``90 days`` into a number of days (at most a
    century: a window of millions of days would push dates past the year 9999)."""
    raw = text.strip().lower().replace(" ", "")
    units = {"d": 1, "day": 1, "days": 1, "w": 7, "week": 7, "weeks": 7}
    number = raw.rstrip("abcdefghijklmnopqrstuvwxyz")
    unit = raw[len(number) :] or "d"
    if not number.isdigit() or unit not in units:
        raise ValueError(f"window {text!r}: expected days such as 30d or 6w")
    days = int(number) * units[unit]
    if days > MAX_WINDOW_DAYS:
        raise ValueError(f"window {text!r}: at most {MAX_WINDOW_DAYS} days (a century)")
    return days


SETTINGS_FILE = "factdb.toml"
# key -> parser; every key a settings file may hold, so a typo is named, not ignored
_SETTINGS: dict[str, Any] = {
    "detect.window": lambda v: parse_window(str(v)),
    "detect.event_window": lambda v: parse_window(str(v)),
    "detect.incident_window": lambda v: parse_window(str(v)),
    "detect.max_flags": lambda v: _positive_int(v),
}


def _positive_int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"expected a whole number of at least 1, got {value!r}")
    return value


def settings_file(url: str) -> Path | None:
    """``factdb.toml`` beside a SQLite database file, else in the working directory."""
    from sqlalchemy.engine import make_url

    candidates = []
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        candidates.append(Path(parsed.database).resolve().parent / SETTINGS_FILE)
    candidates.append(Path.cwd() / SETTINGS_FILE)
    return next((p for p in candidates if p.is_file()), None)


def load_settings(path: Path | None) -> dict[str, Any]:
    """Read and validate a settings file up front; errors name the file and the key."""
    import tomllib  # only when a settings file exists: CLI start-up

    if path is None:
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FactdbError(f"{path}: not a valid TOML file ({exc})") from None
    values: dict[str, Any] = {}
    for key, value in flatten(raw).items():
        if key not in _SETTINGS:
            known = ", ".join(sorted(_SETTINGS))
            raise FactdbError(f"{path}: unknown setting {key!r} (known: {known})")
        try:
            values[key] = _SETTINGS[key](value)
        except ValueError as exc:
            raise FactdbError(f"{path}: {key}: {exc}") from None
    return values


def detect_settings(url: str, window: str | None = None) -> DetectSettings:
    """Detection settings: the command's option, else factdb.toml, else the defaults."""
    values = load_settings(settings_file(url))
    days = values.get("detect.window", DEFAULT_WINDOW_DAYS)
    if window is not None:
        try:
            days = parse_window(window)
        except ValueError as exc:
            raise FactdbError(f"--window: {exc}") from None
    return DetectSettings(
        window_days=days,
        event_window_days=values.get("detect.event_window", DEFAULT_EVENT_WINDOW_DAYS),
        incident_window_days=values.get("detect.incident_window", DEFAULT_INCIDENT_WINDOW_DAYS),
        max_flags=values.get("detect.max_flags", DEFAULT_MAX_FLAGS),
    )
