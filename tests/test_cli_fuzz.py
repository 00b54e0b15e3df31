"""Every command with random option values and hostile strings: never a traceback, and only
the documented exit codes (0 ok, 1 user error, 2 usage error), on each backend.

The commands and their options are read from the Typer app itself, so a command added later
is driven too. The database is shared by the examples of one run (the seeds, ingested once)
and commands may change it (a review, an alias, a downgrade): every state they leave must be
handled as well. Inputs never name a URL (no network here) and never hold NUL, which no
shell can pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factdb.cli.app import app

HOSTILE = [
    "</script><script>alert(1)</script>",
    '=HYPERLINK("x")',
    "+1",
    "-1",
    "@SUM(A1)",
    "'; DROP TABLE claim; --",
    "../../etc/passwd",
    "/dev/full",
    "nonexistent/dir/file.md",
    "9" * 30,
    "-99999999999999999999",
    "0",
    "1",
    "3",
    "2018-02-30",
    "1999-12-31",
    "9999-12-31",
    "30d",
    "3000000d",
    "json",
    "csv",
    "jsonl",
    "table",
    "open",
    "confirmed",
    "killed",
    "troops",
    "United States",
    "U.S.",
    "\u202e\u2028",
    "\u00e9\u00e8 \u4e2d\u6587",
    "",
    " ",
    "\n",
    "-",
]
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
).filter(lambda s: "http" not in s.lower())
VALUES = st.one_of(st.sampled_from(HOSTILE), _text, st.integers(-(10**15), 10**15).map(str))


def _commands() -> list[tuple[tuple[str, ...], list]]:
    """(command path, its parameters) for every command and group of the app."""
    root = typer.main.get_command(app)
    found: list[tuple[tuple[str, ...], list]] = []

    def walk(command, path: tuple[str, ...]) -> None:
        params = [p for p in command.params if p.name not in ("help",)]
        if path:
            found.append((path, params))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(root, ())
    return found


COMMANDS = _commands()


@st.composite
def _argv(draw) -> list[str]:
    path, params = draw(st.sampled_from(COMMANDS))
    argv = list(path)
    for param in params:
        opts = getattr(param, "opts", None) or []
        is_option = bool(opts) and opts[0].startswith("-")
        if is_option:
            if not draw(st.booleans()):
                continue
            if getattr(param, "is_flag", False):
                argv.append(opts[0])
            else:
                argv += [draw(st.sampled_from(opts)), draw(VALUES)]
        else:  # an argument: one value, or a few for a variadic one
            count = draw(st.integers(0, 2)) if param.nargs == -1 else draw(st.integers(0, 1))
            argv += [draw(VALUES) for _ in range(count)]
    return argv


@pytest.fixture
def seeded_url(db_url: str, seeds: Path) -> str:
    result = CliRunner().invoke(app, ["--db", db_url, "ingest", str(seeds)])
    assert result.exit_code == 0, result.output
    return db_url


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=_argv())
def test_every_command_with_hostile_input_exits_cleanly(seeded_url: str, argv: list[str]) -> None:
    result = CliRunner().invoke(app, ["--db", seeded_url, *argv], env={"COLUMNS": "120"})
    assert result.exit_code in (0, 1, 2), (argv, result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        argv,
        repr(result.exception),
    )
    assert "Traceback" not in result.output, (argv, result.output)
