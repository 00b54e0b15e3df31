"""Engines and sessions: SQLite pragmas and ``open_database``."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from factdb.db.access import require_database
from factdb.db.migrate import ensure_schema
from factdb.errors import FactdbError

SQLITE_BUSY_TIMEOUT_MS = 30_000


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # SQLAlchemy emits BEGIN itself (see _sqlite_begin); the driver must not.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite connections get foreign keys, WAL and a busy timeout."""
    try:
        engine = create_engine(url)
    except ModuleNotFoundError as exc:
        raise FactdbError(
            f"database driver missing ({exc.name}); for PostgreSQL install factdb[postgres]"
        ) from exc
    except Exception as exc:
        raise FactdbError(f"bad database URL: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_begin(conn: Connection) -> None:
    """Take the write lock when a transaction starts. A deferred transaction that reads and
    then writes can fail at once with "database is locked" when another process writes,
    without waiting for the busy timeout; BEGIN IMMEDIATE waits instead."""
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def open_database(url: str, *, create: bool = True) -> sessionmaker[Session]:
    """Engine + schema check + session factory: what every command starts with. Without
    ``create`` a SQLite file that does not exist is refused rather than made."""
    if not create:
        require_database(url)
    engine = make_engine(url)
    ensure_schema(engine)
    return sessionmaker(engine, expire_on_commit=False)
