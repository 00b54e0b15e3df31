"""CLI start time: the command layer imports no heavy module until a command needs it.

Each check runs in a fresh interpreter and reads its ``sys.modules``; nothing is timed (the
timings are in benchmarks/cli_start.md).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Never needed to build the command tree or print help: extraction, readers, fetching,
# plotting, templates, and the database layer (``factdb --help`` must not pay for SQLAlchemy).
HEAVY = (
    "dateparser",
    "trafilatura",
    "feedparser",
    "httpx",
    "matplotlib",
    "lxml",
    "jinja2",
    "charset_normalizer",
    "factdb.extract",
    "factdb.readers",
    "factdb.db.models",
    "factdb.db",
    "sqlalchemy",
    "alembic",
)

# Run ``factdb ARGS`` as ``python -m factdb ARGS`` does, then report what was imported.
CHILD = """
import json, runpy, sys
sys.argv = ["factdb", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("factdb", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code
print("\\nMODULES", json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _child(code: str, *args: str) -> tuple[str, dict]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    head, _, tail = done.stdout.rpartition("MODULES ")
    return head, json.loads(tail)


def _heavy(modules: list[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_importing_the_cli_loads_no_heavy_module() -> None:
    _, report = _child(
        "import json, sys\nimport factdb.cli.app\n"
        'print("MODULES", json.dumps({"code": 0, "modules": sorted(sys.modules)}))'
    )
    assert _heavy(report["modules"]) == []
    assert "rich" not in report["modules"]  # only help and tables need it


@pytest.mark.parametrize("args", [["--help"], ["claims", "--help"], ["ingest", "--help"]])
def test_help_loads_no_heavy_module(args: list[str]) -> None:
    out, report = _child(CHILD, *args)
    assert report["code"] == 0
    assert "Usage:" in out
    assert _heavy(report["modules"]) == []
    if args[0] == "ingest":
        assert "20971520" in out  # the --max-bytes default is still shown


def test_ingest_max_bytes_default_is_the_readers_limit() -> None:
    """The CLI takes the --max-bytes default from factdb.config, so that building the command
    tree need not import the readers; the two constants must stay equal."""
    from factdb.config import DEFAULT_MAX_BYTES
    from factdb.readers import DEFAULT_MAX_BYTES as READERS_MAX_BYTES

    assert DEFAULT_MAX_BYTES == READERS_MAX_BYTES


def test_head_read_from_the_migration_files_is_alembics_head() -> None:
    from factdb.db import head_revision, head_revision_fast

    assert head_revision_fast() == head_revision()
