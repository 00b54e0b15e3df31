"""``factdb entities``: list entities, add aliases."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from factdb.cli.common import FormatOption, open_db
from factdb.report import columns
from factdb.report.output import OutputFormat, print_table, write_records

app = typer.Typer()  # help: the callback docstring


@app.callback(invoke_without_command=True)
def entities(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """List the entities claims are about, with their aliases.

    Example: factdb entities --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_db(ctx) as db:
        rows = db.entities()
        if fmt is not OutputFormat.table:
            write_records(
                [
                    {
                        "id": e.id,
                        "name": e.name,
                        "kind": e.kind,
                        "wikidata": e.wikidata_id,
                        "aliases": aliases,
                        "claims": count,
                    }
                    for e, aliases, count in rows
                ],
                fmt,
                sys.stdout,
                columns.ENTITY,
            )
            return
        print_table(
            f"Entities ({len(rows)})",
            ["id", "name", "kind", "claims", "aliases"],
            [(e.id, e.name, e.kind, count, ", ".join(aliases)) for e, aliases, count in rows],
        )


@app.command("alias")
def alias(
    ctx: typer.Context,
    alias_name: Annotated[str, typer.Argument(metavar="ALIAS", help="The new name.")],
    entity: Annotated[str, typer.Argument(metavar="ENTITY", help="The entity it names.")],
) -> None:
    """Make ALIAS resolve to ENTITY (moves the alias if another entity had it).

    Example: factdb entities alias "the Pentagon" "United States Department of Defense"
    """
    with open_db(ctx) as db:
        row = db.alias(alias_name, entity)
        typer.echo(f"alias {alias_name!r} -> {row.entity.name}")
