"""``factdb sources``: what has been ingested."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from factdb.cli.common import FormatOption, session_for, user_errors
from factdb.report.output import OutputFormat, print_table, write_records

app = typer.Typer()  # help: the callback docstring


@app.callback(invoke_without_command=True)
def sources(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """List sources with revision and claim counts.

    Example: factdb sources
    """
    if ctx.invoked_subcommand is not None:
        return
    from factdb.queries import list_sources
    from factdb.report.serialize import source_dict

    with session_for(ctx) as session, user_errors():
        rows = list_sources(session)
        if fmt is not OutputFormat.table:
            write_records(
                [{**source_dict(s), "revisions": r, "claims": c} for s, r, c in rows],
                fmt,
                sys.stdout,
            )
            return
        print_table(
            f"Sources ({len(rows)})",
            ["id", "title", "outlet", "published", "revisions", "claims", "url"],
            [(s.id, s.title, s.outlet, s.published_at, r, c, s.url) for s, r, c in rows],
        )


@app.command("show")
def show(
    ctx: typer.Context,
    source_id: Annotated[int, typer.Argument(help="Source id.")],
) -> None:
    """Show one source and its revisions.

    Example: factdb sources show 1
    """
    from factdb.queries import get_source

    with session_for(ctx) as session, user_errors():
        source = get_source(session, source_id)
        typer.echo(f"source {source.id}: {source.title or '(untitled)'}")
        for label, value in (
            ("outlet", source.outlet),
            ("published", source.published_at),
            ("url", source.url),
            ("key", source.key),
            ("authors", ", ".join(source.authors or [])),
        ):
            if value:
                typer.echo(f"  {label}: {value}")
        print_table(
            "Revisions",
            ["number", "ingested", "sha256", "extractor", "characters"],
            [
                (r.number, r.ingested_at, r.sha256[:12], r.extractor_version, len(r.text))
                for r in source.revisions
            ],
        )
