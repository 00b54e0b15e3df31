"""What ``factdb ingest`` shows while it runs, and what it says when stopped with Ctrl-C.

The library reports through two callbacks (``on_total``: articles expected; ``on_item``:
one article committed); this keeps the count, prints each article's error, and draws
"n/N, articles/s, ETA" when stderr is a terminal. Imported only when ingest runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Articles per second, as rich measures it over the last half minute."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text(f"{speed:.1f} articles/s" if speed is not None else "? articles/s")


class IngestProgress:
    """Counts what was stored and, while ``drawn``, draws it."""

    def __init__(self) -> None:
        self.display: Progress | None = None
        self.task: TaskID | None = None
        self.total: int | None = None
        self.done = 0
        self.stored = 0

    def on_total(self, total: int) -> None:
        self.total = total
        if self.display is not None and self.task is not None:
            self.display.update(self.task, total=total)

    def on_item(self, origin: str, stored: object, error: Exception | None) -> None:
        if error is not None:
            typer.echo(f"error: {error}", err=True)
        self.done += 1
        self.stored += stored is not None
        if self.display is not None and self.task is not None:
            self.display.advance(self.task)

    def interrupted(self) -> str:
        """The line for Ctrl-C: how far it got (what was reported is committed) and what
        to do about the rest."""
        total = max(self.total or 0, self.done)
        counted = f"{self.stored} of {total}" if total else str(self.stored)
        noun = "article" if (total or self.stored) == 1 else "articles"
        return f"interrupted: {counted} {noun} stored; run the same command again to finish"


@contextmanager
def drawn(progress: IngestProgress, draw: bool, console: Console | None = None) -> Iterator[None]:
    """Draw ``progress`` on stderr, or ``console`` (and clear it at the end), only when
    ``draw``."""
    if not draw:
        yield
        return
    columns = (
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    console = console or Console(stderr=True)  # stdout is for the summary (and pipes)
    with Progress(*columns, transient=True, console=console) as display:
        progress.display = display
        progress.task = display.add_task("ingesting", total=progress.total)
        try:
            yield
        finally:
            progress.display = progress.task = None
