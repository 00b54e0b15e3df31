"""Issue 15, points 3 and 12: which commands may create a database, a database that cannot
be written, and how long a locked SQLite database is waited for. Messages pinned."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from conftest import Factdb
from sqlalchemy import text
from sqlalchemy.engine import make_url

import factdb.db.engine as engine_module
from factdb.config import display_url, normalise_url
from factdb.db import make_engine

ARTICLE = (
    "---\ntitle: Flood in Ruritania\npublished: 2024-03-04\n---\n"
    "Officials said 12 people were killed in the flood in Ruritania on Monday.\n"
)
NO_SUCH = "no such database (only `factdb ingest` and `factdb db upgrade` create one)"

# Every command that does not add data, with arguments it accepts.
NOT_CREATING = [
    ("claims",),
    ("claims", "--format", "csv"),
    ("contradictions",),
    ("contradictions", "show", "1"),
    ("sources",),
    ("sources", "show", "1"),
    ("diff", "1"),
    ("entities",),
    ("incidents",),
    ("incidents", "show", "1"),
    ("timeline", "--entity", "Ruritania", "--measure", "killed"),
    ("report", "--format", "markdown", "--output", "-"),
    ("export", "claimreview", "--output", "-"),
    ("db", "current"),
    ("db", "downgrade", "base"),
    ("detect",),
    ("reextract", "--all"),
    ("review", "1", "--status", "confirmed"),
    ("entities", "alias", "Ruritania's capital", "Ruritania"),
    ("incidents", "rebuild"),
    ("incidents", "merge", "1", "2"),
    ("incidents", "split", "1", "--source", "1"),
]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "flood.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("args", NOT_CREATING, ids=lambda a: " ".join(a[:2]))
def test_a_mistyped_sqlite_path_is_refused_and_not_created(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    missing = tmp_path / "typo.sqlite"
    result = Factdb(str(missing))(*args, code=1)
    assert result.stderr == f"error: {missing}: {NO_SUCH}\n"
    assert not missing.exists()


def test_the_uri_form_of_a_missing_file_is_refused_too(tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite"
    result = Factdb(f"sqlite:///file:{missing}?uri=true")("claims", code=1)
    assert result.stderr == f"error: {missing}: {NO_SUCH}\n"
    assert not missing.exists()


def test_ingest_and_db_upgrade_create_a_database(tmp_path: Path, article: Path) -> None:
    by_ingest, by_upgrade = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    Factdb(str(by_ingest))("ingest", str(article))
    assert Factdb(str(by_ingest)).json("claims")[0]["value"]["low"] == 12
    result = Factdb(str(by_upgrade))("db", "upgrade")
    assert result.stdout.startswith("database at revision ")
    assert Factdb(str(by_upgrade)).json("claims") == []


def test_a_missing_postgresql_database_is_the_servers_one_line(db_url: str, article: Path) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("a server's database; the SQLite file is tested above")
    name = make_url(db_url).database + "_missing"
    missing = make_url(normalise_url(db_url)).set(database=name)
    for args in (("claims",), ("ingest", str(article))):
        result = Factdb(missing.render_as_string(hide_password=False))(*args, code=1)
        last = result.stderr.splitlines()[-1]
        assert last.startswith("error: cannot open database: connection failed: ")
        assert last.endswith(f'database "{name}" does not exist')


def test_a_locked_sqlite_database_is_waited_for_once(
    tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.sqlite"
    Factdb(str(path))("ingest", str(article))
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:  # the README's 30 s
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30_000
    engine.dispose()
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 1000)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        result = Factdb(str(path))("claims", code=1)
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert result.stderr == "error: cannot open database: database is locked\n"
    assert 1.0 <= waited < 1.9  # one busy timeout, not two


def _read_only(db_url: str) -> tuple[str, str]:
    """A URL opening the database read-only for real (file modes do not bind root), and the
    name messages give it."""
    if db_url.startswith("sqlite"):
        path = make_url(db_url).database
        return f"sqlite:///file:{path}?mode=ro&uri=true", str(path)
    url = db_url + "?options=-c%20default_transaction_read_only%3Don"
    return url, display_url(normalise_url(url))


def test_a_read_only_database_is_one_line_for_every_write(
    ingested: Factdb, db_url: str, article: Path
) -> None:
    url, name = _read_only(db_url)
    readonly = Factdb(url)
    claims = readonly.json("claims")  # reading works
    [pair] = readonly.json("contradictions")
    sqlite = db_url.startswith("sqlite")

    def refused(verb: str) -> str:
        reason = (
            "attempt to write a readonly database"
            if sqlite
            else f"cannot execute {verb} in a read-only transaction"
        )
        return f"error: {name}: the database is read-only ({reason})"

    result = readonly("review", str(pair["id"]), "--status", "confirmed", code=1)
    assert result.stderr == refused("UPDATE") + "\n"
    result = readonly("entities", "alias", "the Yankee republic", "United States", code=1)
    assert result.stderr == refused("INSERT") + "\n"
    result = readonly("ingest", str(article), code=1)
    assert result.stderr.splitlines() == [f"database: {display_url(url)}", refused("INSERT")]
    assert result.stdout == ""  # neither the SQL statement nor a summary
    # nothing was written
    assert ingested.json("contradictions")[0]["status"] == "open"
    assert ingested.json("claims") == claims
    ingested("entities", "alias", "the Yankee republic", "United States")
