"""Shared fixtures: every database test runs on SQLite, and on PostgreSQL when
``FACTDB_TEST_POSTGRES_URL`` points at a server (CI sets it). Each PostgreSQL test gets a
fresh database that the fixture creates and drops, so tests never see each other's rows.
"""

from __future__ import annotations

import itertools
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from factdb.cli.app import app
from factdb.config import normalise_url

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PG_ENV = "FACTDB_TEST_POSTGRES_URL"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get(PG_ENV) else [])
_counter = itertools.count()


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch a real database or the checkout: default URL and cwd go to a temp dir;
    and no proxy, so the local test servers are reached directly."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTDB_DATABASE_URL", str(tmp_path / "default.sqlite"))
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


def _postgres_database() -> Iterator[str]:
    admin_url = make_url(normalise_url(os.environ[PG_ENV]))
    name = f"factdb_test_{os.getpid()}_{next(_counter)}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database on each backend under test: one that exists, as a
    PostgreSQL database must (read commands refuse a SQLite file that is not there)."""
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite"
        path.touch()
        yield f"sqlite:///{path}"
    else:
        yield from _postgres_database()


@pytest.fixture
def session_factory(db_url: str):
    """A migrated database and its session factory."""
    from factdb.db import open_database

    factory = open_database(db_url)
    yield factory
    factory.kw["bind"].dispose()


@pytest.fixture
def seeds() -> Path:
    return SEEDS


class Factdb:
    """Runs ``factdb --db URL ...`` and keeps the result."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, code: int = 0):
        # a wide terminal so table cells are not folded mid-phrase
        result = self.runner.invoke(
            app, ["--db", self.url, *args], input=input, env={"COLUMNS": "250"}
        )
        assert result.exit_code == code, (result.exit_code, result.output, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        assert "Traceback" not in result.output
        return result

    def json(self, *args: str):
        return json.loads(self(*args, "--format", "json").stdout)


@pytest.fixture
def factdb(db_url: str) -> Factdb:
    return Factdb(db_url)


@pytest.fixture
def ingested(factdb: Factdb, seeds: Path) -> Factdb:
    """The bundled seeds, ingested through the CLI."""
    result = factdb("ingest", str(seeds))
    assert result.stdout.strip().startswith("4 sources, 4 new revisions,")
    return factdb
