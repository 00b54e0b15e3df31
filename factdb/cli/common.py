"""What every command shares: the database option, sessions, errors, output formats."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from factdb.config import parse_window, resolve_url
from factdb.dates import parse_date
from factdb.errors import FactdbError, UsageError
from factdb.report.output import OutputFormat

if TYPE_CHECKING:
    from factdb.api import FactDB

FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="table for people; json, jsonl or csv for programs."),
]


def _window(value: str | None) -> str | None:
    if value is not None:
        try:
            parse_window(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    return value


def date_option(value: str | None) -> date | None:
    """A date option's value (``factdb.dates.parse_date``); a bad one is a usage error."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


WindowOption = Annotated[
    str | None,
    typer.Option(
        help="As-of window for contradictions, e.g. 30d or 6w (default: factdb.toml, else 30d).",
        callback=_window,
    ),
]
# One rule for every --limit: a count of rows, 0 for all; a negative one is a usage error.
LimitOption = Annotated[int | None, typer.Option(help="At most this many (0: all).", min=0)]
SinceOption = Annotated[str | None, typer.Option(help="Only as-of dates on or after YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(help="Only as-of dates on or before YYYY-MM-DD.")]
MeasureOption = Annotated[
    str | None,
    typer.Option(help="Only this measure: troops, killed, injured... (or deaths, soldiers...)."),
]
OutletOption = Annotated[str | None, typer.Option(help="Only claims from this outlet.")]


def dates(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """Validate --since/--until as usage errors (exit 2)."""
    try:
        return date_option(since), date_option(until)
    except typer.BadParameter as exc:
        raise typer.BadParameter(str(exc), param_hint="--since/--until") from None


@dataclass
class State:
    """Settings from the root command, passed to sub-commands through ``ctx.obj``."""

    db: str | None = None

    @property
    def url(self) -> str:
        return resolve_url(self.db)


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``error: message`` on stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def user_errors(url: str | None = None) -> Iterator[None]:
    """Turn library errors into one line on stderr and exit code 1 (2 for a usage error),
    never a traceback; so is output that cannot be written (a full disk, a closed pipe), a
    write that the database at ``url`` refused as read-only, and a value out of range."""
    try:
        yield
    except UsageError as exc:
        raise fail(str(exc), code=2) from None
    except FactdbError as exc:
        raise fail(str(exc)) from None
    except OverflowError:  # SQLite: an id or count past 64 bits ("--source 9999...")
        raise fail("a number is too large: ids and counts fit in 64 bits") from None
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            raise
        _drop_stdout()
        if exc.errno == errno.EPIPE:  # the reader stopped ("| head"): nothing to report
            raise typer.Exit(1) from None
        raise fail(f"cannot write the output: {exc.strerror}") from None
    except Exception as exc:
        from sqlalchemy.exc import DataError  # imported when needed: start-up time

        from factdb.db.access import read_only_error

        refused = read_only_error(exc, url)
        if refused is not None:
            raise fail(str(refused)) from None
        if not isinstance(exc, DataError):
            raise
        # PostgreSQL: a number past 64 bits, or another value out of its column's range
        raise fail(f"a value is out of range: {str(exc.orig).splitlines()[0]}") from None


# a full disk, a file too large, a closed pipe: the output, not the database, failed
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EPIPE})


def _drop_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush of what could not be
    written does not fail again at exit (the Python docs' recipe for a closed pipe)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())


@contextmanager
def open_db(ctx: typer.Context, *, create: bool = False) -> Iterator[FactDB]:
    """The command's ``FactDB``; library errors inside the block become one line on stderr
    and exit code 1. Only a command that adds data passes ``create``: any other refuses a
    database that does not exist instead of leaving an empty one behind (a mistyped path)."""
    from factdb.api import FactDB

    url = state(ctx).url
    with user_errors(url):
        db = FactDB(url, create=create)
        try:
            yield db
        finally:
            db.close()


def is_terminal() -> bool:
    return sys.stderr.isatty()
