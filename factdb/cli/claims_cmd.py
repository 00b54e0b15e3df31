"""``factdb claims``: what the sources claim, optionally about one entity."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from factdb.cli.common import (
    FormatOption,
    MeasureOption,
    OutletOption,
    SinceOption,
    UntilOption,
    dates,
    open_db,
)
from factdb.report import columns
from factdb.report.output import OutputFormat, print_table, write_records
from factdb.vocabulary import ClaimKind, ClaimStatus

TABLE_PAGE = 100


def claims(
    ctx: typer.Context,
    entity: Annotated[
        str | None, typer.Option("--entity", "-e", help="Entity name or alias (US, Washington...).")
    ] = None,
    kind: Annotated[ClaimKind | None, typer.Option(help="Only this kind of claim.")] = None,
    source: Annotated[int | None, typer.Option(help="Only claims of this source id.")] = None,
    measure: MeasureOption = None,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    status: Annotated[
        ClaimStatus,
        typer.Option(help="current claims, or those of superseded revisions, retired, all."),
    ] = ClaimStatus.current,
    fmt: FormatOption = OutputFormat.table,
    limit: Annotated[
        int | None,
        typer.Option(
            help="At most this many claims (0: all). Default: 100 in a table; json, jsonl "
            "and csv give all.",
            min=0,
        ),
    ] = None,
    offset: Annotated[int, typer.Option(help="Skip this many claims first.", min=0)] = 0,
) -> None:
    """List claims; --entity matches subject, location or speaker through aliases.

    Example: factdb claims --entity US --measure troops --format json
    """
    from factdb.report.serialize import claim_dict, value_text

    since_d, until_d = dates(since, until)
    # a table is for reading: a hot entity has a sixth of a million-claim store, so a person
    # gets the first page; programs asking for json/jsonl/csv get everything unless they say
    if limit is None:
        limit = TABLE_PAGE if fmt is OutputFormat.table else 0
    with open_db(ctx) as db:
        rows = db.claims(
            entity=entity,
            kind=kind,
            source=source,
            measure=measure,
            outlet=outlet,
            since=since_d,
            until=until_d,
            status=status.value,
            limit=limit or None,
            offset=offset,
        )
        if fmt is not OutputFormat.table:
            write_records([claim_dict(c) for c in rows], fmt, sys.stdout, columns.CLAIM)
            return
        title = f"Claims about {entity}" if entity else "Claims"
        within = db.places_within(entity) if entity else 0
        if within:
            typer.echo(
                f"note: includes claims located in the {within} "
                f"place{'s' if within != 1 else ''} within {entity}"
            )
        print_table(
            f"{title} ({len(rows)})",
            [
                "id",
                "kind",
                "subject",
                "value / date",
                "location",
                "as of",
                "speaker",
                "source",
                "sentence",
            ],
            [
                (
                    c.id,
                    c.kind + (" (hedged)" if c.hedged else ""),
                    c.subject.name if c.subject else "",
                    value_text(c),
                    c.location.name if c.location else "",
                    c.as_of,
                    c.speaker.name if c.speaker else c.speaker_name,
                    f"#{c.source_id} {c.source.outlet or c.source.title or ''}".strip(),
                    c.text,
                )
                for c in rows
            ],
        )
        if limit and len(rows) == limit:
            typer.echo(
                f"first {limit} shown (from {offset}); --offset {offset + limit} for more, "
                "--limit 0 for all",
                err=True,
            )
