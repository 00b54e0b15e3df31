"""``factdb incidents``: real-world events across sources (list, show, rebuild, merge, split)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from factdb.cli.common import (
    FormatOption,
    LimitOption,
    SinceOption,
    UntilOption,
    dates,
    open_db,
)
from factdb.report import columns
from factdb.report.output import OutputFormat, print_table, write_records

if TYPE_CHECKING:
    from factdb.queries_incidents import IncidentView

app = typer.Typer()  # help: the callback docstring

ReviewerOption = Annotated[str | None, typer.Option(help="Who decided (default: the OS user).")]
NoteOption = Annotated[str | None, typer.Option(help="Why, for the correction log.")]


def _place(view: IncidentView) -> str:
    place = view.incident.place
    return place.name if place is not None else ""


def _dates(view: IncidentView) -> str:
    start, end = view.incident.date_start, view.incident.date_end
    if start is None:
        return ""
    return str(start) if end in (None, start) else f"{start}..{end}"


@app.callback(invoke_without_command=True)
def incidents(
    ctx: typer.Context,
    entity: Annotated[
        str | None,
        typer.Option("--entity", "-e", help="Only incidents in this place or within it."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List incidents: kind, place, dates, sources and each source's figure per measure.

    Example: factdb incidents --entity Mississippi --since 2024-01-01 --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    from factdb.report.serialize import figures_text, incident_dict

    since_d, until_d = dates(since, until)
    with open_db(ctx) as db:
        views = db.incidents(entity=entity, since=since_d, until=until_d, limit=limit or None)
        if fmt is not OutputFormat.table:
            write_records([incident_dict(v) for v in views], fmt, sys.stdout, columns.INCIDENT)
            return
        print_table(
            f"Incidents ({len(views)})",
            ["id", "kind", "place", "dates", "sources", "figures"],
            [
                (
                    v.incident.id,
                    v.incident.kind,
                    _place(v),
                    _dates(v),
                    len(v.sources),
                    figures_text(v),
                )
                for v in views
            ],
        )


@app.command("show")
def show(
    ctx: typer.Context,
    incident_id: Annotated[int, typer.Argument(metavar="ID", help="Incident id.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Show one incident: its sources, their main sentences and figures.

    Example: factdb incidents show 12
    """
    from factdb.report.evolution import marks
    from factdb.report.serialize import incident_dict, value_text

    with open_db(ctx) as db:
        view = db.incident(incident_id)
        if fmt is not OutputFormat.table:
            write_records([incident_dict(view, with_sentences=True)], fmt, sys.stdout)
            return
        typer.echo(
            f"Incident {view.incident.id}: {view.incident.kind}, {_place(view) or 'no place'}, "
            f"{_dates(view) or 'no date'}"
        )
        print_table(
            f"Sources ({len(view.sources)})",
            ["id", "outlet", "published", "title", "main sentence"],
            [
                (
                    s.id,
                    s.outlet,
                    s.published_at,
                    s.title,
                    view.sentences.get(s.id)
                    or (f"copy of #{s.copy_of_id}" if s.copy_of_id else ""),
                )
                for s in view.sources
            ],
        )
        if not view.figures:
            typer.echo("No figures: no source gives a count for this incident.")
            return
        print_table(
            "Figures, each measure in time order",
            ["measure", "as of", "source", "value", "marks", "claim", "sentence"],
            [
                (
                    measure,
                    c.as_of,
                    f"#{c.source_id}",
                    value_text(c),
                    "; ".join(marked[c.id]),
                    c.id,
                    c.text,
                )
                for measure, claims in view.figures.items()
                for marked in [marks(claims, view.flags)]
                for c in claims
            ],
        )


@app.command("rebuild")
def rebuild(ctx: typer.Context) -> None:
    """Re-cluster every event into incidents, keeping people's merges and splits.

    Example: factdb incidents rebuild
    """
    with open_db(ctx) as db:
        count = db.rebuild_incidents()
        typer.echo(f"{count} incident{'s' if count != 1 else ''}")


@app.command("merge")
def merge(
    ctx: typer.Context,
    a: Annotated[int, typer.Argument(metavar="A", help="The incident that stays.")],
    b: Annotated[int, typer.Argument(metavar="B", help="The incident merged into A.")],
    reviewer: ReviewerOption = None,
    note: NoteOption = None,
) -> None:
    """Merge incident B into A; their sources stay together through rebuilds.

    Example: factdb incidents merge 12 15 --note "same shooting, two spellings"
    """
    with open_db(ctx) as db:
        kept = db.merge_incidents(a, b, reviewer=reviewer, note=note)
        typer.echo(f"incident {b} merged into {kept}")


@app.command("split")
def split(
    ctx: typer.Context,
    incident_id: Annotated[int, typer.Argument(metavar="ID", help="Incident id.")],
    source: Annotated[int, typer.Option("--source", "-s", help="The source to move out.")],
    reviewer: ReviewerOption = None,
    note: NoteOption = None,
) -> None:
    """Move a source out of an incident; it stays apart from the others through rebuilds.

    Example: factdb incidents split 12 --source 40
    """
    with open_db(ctx) as db:
        new = db.split_incident(incident_id, source, reviewer=reviewer, note=note)
        typer.echo(f"source {source} moved from incident {incident_id} to incident {new}")
