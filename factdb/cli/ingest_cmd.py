"""``factdb ingest PATH...``"""

from __future__ import annotations

from typing import Annotated

import typer

from factdb.cli.common import (
    WindowOption,
    date_option,
    is_terminal,
    open_db,
    state,
    user_errors,
)
from factdb.config import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, detect_settings, display_url


def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt .md .jsonl .csv .json .html .rss .atom .xml), directories "
            "(recursive), http(s) URLs, or - for stdin."
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date YYYY-MM-DD for inputs without one; given for a stored text, it "
            "updates its source and re-dates its claims.",
        ),
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet for inputs without one.")] = None,
    url: Annotated[
        str | None,
        typer.Option(help="URL of the one article read (not of a feed or a file of records)."),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title for inputs without one.")] = None,
    window: WindowOption = None,
    max_bytes: Annotated[
        int, typer.Option(help="Refuse inputs larger than this many bytes.", min=1)
    ] = DEFAULT_MAX_BYTES,
    timeout: Annotated[
        float, typer.Option(help="Seconds allowed for fetching one URL.", min=0.001)
    ] = DEFAULT_TIMEOUT,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-w",
            help="Extraction processes (1: in this process). About one per CPU core.",
            min=1,
            max=64,
        ),
    ] = 1,
    batch_size: Annotated[
        int, typer.Option(help="Articles per write transaction.", min=1, max=10_000)
    ] = 64,
) -> None:
    """Read articles, store each revision, extract claims and flag contradictions.

    Example: factdb ingest seeds/ feed.rss https://example.org/news/story.html
    """
    from factdb.api import Metadata

    metadata = Metadata(title=title, url=url, outlet=outlet, published=date_option(published))
    if url and len(paths) > 1:
        raise typer.BadParameter("names one article: give a single file or -", param_hint="--url")
    with user_errors():  # a bad factdb.toml is reported before the database is opened
        detect_settings(state(ctx).url, window)
    typer.echo(f"database: {display_url(state(ctx).url)}", err=True)

    from factdb.cli.ingest_progress import IngestProgress, drawn

    progress = IngestProgress()
    try:
        with drawn(progress, is_terminal()), open_db(ctx, create=True) as db:
            report = db.ingest(
                paths,
                metadata=metadata,
                window=window,
                workers=workers,
                batch_size=batch_size,
                max_bytes=max_bytes,
                timeout=timeout,
                on_item=progress.on_item,
                on_total=progress.on_total,
            )
    except KeyboardInterrupt:  # what was reported is committed: say so, exit as SIGINT does
        typer.echo(progress.interrupted(), err=True)
        raise typer.Exit(130) from None
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(report.summary())
    if report.errors:
        raise typer.Exit(1)
