"""``factdb sources``: what has been ingested."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from factdb.cli.common import FormatOption, open_db
from factdb.report import columns
from factdb.report.output import OutputFormat, print_table, write_records

app = typer.Typer()  # help: the callback docstring


@app.callback(invoke_without_command=True)
def sources(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """List sources with revision and claim counts.

    Example: factdb sources
    """
    if ctx.invoked_subcommand is not None:
        return
    from factdb.report.serialize import source_detail_dict

    with open_db(ctx) as db:
        rows = db.sources()
        if fmt is not OutputFormat.table:
            write_records(
                [{**source_detail_dict(s), "revisions": r, "claims": c} for s, r, c in rows],
                fmt,
                sys.stdout,
                columns.SOURCE_LISTING,
            )
            return
        print_table(
            f"Sources ({len(rows)})",
            ["id", "title", "outlet", "published", "revisions", "claims", "url", "copy of"],
            [
                (
                    s.id,
                    s.title,
                    s.outlet,
                    s.published_at,
                    r,
                    c,
                    s.url,
                    f"#{s.copy_of_id}" if s.copy_of_id else "",
                )
                for s, r, c in rows
            ],
        )


@app.command("show")
def show(
    ctx: typer.Context,
    source_id: Annotated[int, typer.Argument(help="Source id.")],
) -> None:
    """Show one source, its revisions and its syndicated copies.

    Example: factdb sources show 1
    """
    with open_db(ctx) as db:
        source = db.source(source_id)
        copies = db.copies(source_id)
        typer.echo(f"source {source.id}: {source.title or '(untitled)'}")
        for label, value in (
            ("outlet", source.outlet),
            ("published", source.published_at),
            ("url", source.url),
            ("key", source.key),
            ("authors", ", ".join(source.authors or [])),
            ("wire", source.wire),
            ("dateline", source.dateline),
            ("place", source.place.name if source.place is not None else None),
            ("syndicated copy of source", source.copy_of_id),
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
        if copies:
            print_table(
                f"Syndicated copies ({len(copies)})",
                ["id", "title", "outlet", "published", "url"],
                [(c.id, c.title, c.outlet, c.published_at, c.url) for c in copies],
            )


def _what(claim: Any) -> str:
    """What a diff line shows of a claim: its value or date, or a quote's words."""
    from factdb.report.serialize import value_text

    if claim is None:
        return ""
    return value_text(claim) or claim.quote or ""


def diff(
    ctx: typer.Context,
    source_id: Annotated[int, typer.Argument(metavar="SOURCE", help="Source id.")],
    old: Annotated[int | None, typer.Option("--from", help="Older revision number.")] = None,
    new: Annotated[int | None, typer.Option("--to", help="Newer revision number.")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also list unchanged claims.")] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Claims added, removed and changed between two revisions of a source.

    Example: factdb diff 3 --from 1 --to 2
    """
    from factdb.report.serialize import claim_dict, key_text

    with open_db(ctx) as db:
        before, after, lines = db.diff(source_id, old=old, new=new)
        lines = [d for d in lines if show_all or d.status != "same"]
        if fmt is not OutputFormat.table:
            write_records(
                [
                    {
                        "status": d.status,
                        "old": claim_dict(d.old) if d.old else None,
                        "new": claim_dict(d.new) if d.new else None,
                    }
                    for d in lines
                ],
                fmt,
                sys.stdout,
                columns.DIFF,
            )
            return
        print_table(
            f"Source {source_id}: revision {before.number} -> {after.number} ({len(lines)} lines)",
            ["", "kind", "about", "before", "after", "sentence"],
            [
                (
                    {"added": "+", "removed": "-", "changed": "~", "same": "="}[d.status],
                    (d.new or d.old).kind,
                    key_text(d.new or d.old) or (d.new or d.old).speaker_name,
                    _what(d.old),
                    _what(d.new),
                    (d.new or d.old).text,
                )
                for d in lines
            ],
        )
