"""Whether a database is there and can be written, said in a user's terms.

Only commands that add data create a database, so a read command on a mistyped path is
refused instead of leaving an empty database behind; a database that cannot be written is
one line naming it, not a driver's traceback with the SQL statement.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from factdb.config import display_url
from factdb.errors import FactdbError

_MEMORY = ("", ":memory:")


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL opens (``sqlite:///news.sqlite`` or the URI form
    ``sqlite:///file:news.sqlite?mode=ro&uri=true``); None for another backend or memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    name = parsed.database or ""
    if parsed.query.get("uri") == "true" and name.startswith("file:"):
        name = name.removeprefix("file:").split("?", 1)[0]
        if name.startswith("//"):  # file://host/path: the path after the (empty) host
            name = "/" + name[2:].split("/", 1)[-1]
        if name == ":memory:" or parsed.query.get("mode") == "memory":
            return None
    return None if name in _MEMORY else Path(name)


def require_database(url: str) -> None:
    """Refuse a SQLite file that does not exist (connecting would create it). A server's
    missing database is the server's own error on connecting: nothing is created there."""
    path = sqlite_file(url)
    if path is not None and not path.exists():
        raise FactdbError(
            f"{path}: no such database (only `factdb ingest` and `factdb db upgrade` create one)"
        )


def database_name(url: str) -> str:
    """How messages name a database: its file for SQLite, else its URL without password."""
    path = sqlite_file(url)
    return str(path) if path is not None else display_url(url)


# SQLite's message (a read-only file or a ``mode=ro`` URI) and PostgreSQL's SQLSTATE for a
# write in a read-only transaction (``default_transaction_read_only``, a hot standby)
_SQLITE_READ_ONLY = "attempt to write a readonly database"
_PG_READ_ONLY = "25006"


def read_only_reason(exc: BaseException) -> str | None:
    """The driver's words when the database refused a write as read-only; None for any
    other failure. No later write can succeed either, so an ingest stops on it."""
    orig = getattr(exc, "orig", None)
    if orig is None:
        return None
    if getattr(orig, "sqlstate", None) != _PG_READ_ONLY and _SQLITE_READ_ONLY not in str(orig):
        return None
    return str(orig).strip().splitlines()[0]


def read_only_error(exc: BaseException, url: str | None) -> FactdbError | None:
    """The one-line error for a write the database refused as read-only, naming it."""
    reason = read_only_reason(exc)
    if reason is None:
        return None
    name = database_name(url) if url else "database"
    return FactdbError(f"{name}: the database is read-only ({reason})")
