"""Schema migrations: Alembic run in-process, and the schema check every command starts with.

A new database is created at the head revision automatically; an existing one that is
behind is refused with a message naming both revisions (migrating user data silently on a
read command would surprise people). ``migrate`` runs Alembic in-process on a shared
connection (Alembic cookbook, "Sharing a Connection").
"""

from __future__ import annotations

import importlib.util
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect

from factdb.errors import FactdbError, SchemaOutOfDate


def migrations_dir() -> Path:
    """The Alembic script folder, in a source checkout or inside the installed wheel."""
    spec = importlib.util.find_spec("factdb.migrations")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(url: str | None = None):  # -> alembic.config.Config
    """An Alembic config that needs no alembic.ini in the working directory."""
    from alembic.config import Config

    # Alembic's own messages go to a buffer: the CLI prints its own, and the default
    # stream (bound at import time) may be a closed capture under test runners.
    cfg = Config(stdout=io.StringIO())
    cfg.set_main_option("script_location", str(migrations_dir()))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction, safe for schema changes.

    SQLite batch migrations copy a table and drop the old one; with foreign keys on, that
    drop would cascade and delete every dependent row (contradictions, reviews). So foreign
    keys are off while migrating (the pragma only works outside a transaction) and checked
    with ``PRAGMA foreign_key_check`` before the commit.
    """
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:  # on the raw connection: outside any transaction, or it has no effect
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                yield conn
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise FactdbError(
                            f"migration left {len(broken)} rows with broken foreign keys "
                            f"(first: {tuple(broken[0])}); nothing was changed"
                        )
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def migrate(engine: Engine, revision: str = "head", *, downgrade: bool = False) -> None:
    """Upgrade (or downgrade) the schema in-process, sharing one connection with Alembic."""
    from alembic import command
    from alembic.util.exc import CommandError

    verb = "downgrade" if downgrade else "upgrade"
    if not revision.strip():
        raise FactdbError(f"db {verb}: give a revision (head, base, +1, -1 or an id)")
    cfg = alembic_config()
    with migration_connection(engine) as conn:
        cfg.attributes["connection"] = conn
        try:
            if downgrade:
                command.downgrade(cfg, revision)
            else:
                command.upgrade(cfg, revision)
        except CommandError as exc:  # an unknown revision, a step past head or base
            raise FactdbError(f"db {verb} {revision}: {_first_line(exc)}") from None


_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=]*=\s*['\"]?([\w]+)", re.MULTILINE)


def _revision_files() -> tuple[set[str], set[str]]:
    """Every revision id in the migration files, and those that are some revision's parent."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (migrations_dir() / "versions").glob("*.py"):
        found = dict((k, v) for k, v in _REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            if found.get("down_revision", "None") != "None":
                parents.add(found["down_revision"])
    return revisions, parents


def head_revision_fast() -> str:
    """The head revision read from the migration files themselves, without importing Alembic
    (about a sixth of a command's start-up time); ``head_revision`` is the reference and a
    test keeps the two equal."""
    revisions, parents = _revision_files()
    heads = sorted(revisions - parents)
    if len(heads) != 1:
        return head_revision()  # something unusual: let Alembic decide
    return heads[0]


def _current_revision_fast(engine: Engine) -> str | None:
    """``alembic_version`` read with one query; ``None`` when the table is not there.

    Any other failure (a locked database) is raised: taken for a missing table, it sent a
    locked SQLite database through a second busy wait, 60 s instead of 30."""
    from sqlalchemy.exc import DBAPIError

    with engine.connect() as conn:
        try:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
        except DBAPIError as exc:
            if not _missing_table(exc):
                raise
            return None
    return rows[0][0] if len(rows) == 1 else current_revision(engine)


def _missing_table(exc: Exception) -> bool:
    """SQLite's "no such table", PostgreSQL's undefined_table (SQLSTATE 42P01)."""
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) == "42P01" or "no such table" in str(orig)


def ensure_schema(engine: Engine) -> None:
    """Create an empty database at head; refuse one whose schema is not at head.

    The common case (a database at head) costs one query and no Alembic import.
    """
    try:
        current = _current_revision_fast(engine)
        has_tables = current is not None or bool(inspect(engine).get_table_names())
    except Exception as exc:
        raise FactdbError(f"cannot open database: {_first_line(exc)}") from exc
    head = head_revision_fast()
    if current is None and not has_tables:
        try:
            migrate(engine)
        except Exception:
            # several processes opening one new database: another one created it first
            if current_revision(engine) != head:
                raise
        return
    if current != head:
        # another process may have created the schema between our two looks (its migration
        # commits tables and version together): look once more before refusing
        current = current_revision(engine)
        if current == head:
            return
        if current is None:
            tables = ", ".join(sorted(inspect(engine).get_table_names())[:5])
            raise FactdbError(
                f"not a factdb database: it has tables ({tables}) but no factdb schema "
                "version; give --db a new or a factdb database"
            )
        if current not in _revision_files()[0]:
            raise FactdbError(
                f"the database was made by a newer factdb (schema revision {current}; this "
                f"factdb knows up to {head}): upgrade factdb to use it"
            )
        raise SchemaOutOfDate(current, head)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__
