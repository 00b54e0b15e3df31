"""``factdb timeline``, ``factdb report`` and ``factdb export``."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from factdb.cli.common import FormatOption, fail, open_db
from factdb.report import columns
from factdb.report.output import OutputFormat, print_table, write_records

export_app = typer.Typer(help="Export reviewed work for other tools.", no_args_is_help=True)


def timeline(
    ctx: typer.Context,
    entity: Annotated[str, typer.Option("--entity", "-e", help="Whose figure (any alias).")],
    measure: Annotated[
        str, typer.Option(help="Which figure: troops, killed (or deaths), injured...")
    ],
    location: Annotated[str | None, typer.Option(help="Only claims located here.")] = None,
    plot: Annotated[
        Path | None, typer.Option(help="Also draw it to FILE.png or FILE.svg (needs matplotlib).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Every value of one figure by as-of date, with source, speaker, qualifier and flags.

    Example: factdb timeline --entity "United States" --measure troops --location Iraq
    """
    from factdb.report.timeline import TIMELINE_COLUMNS, timeline_records, timeline_rows
    from factdb.report.timeline_plot import plot_timeline

    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise typer.BadParameter("must end in .png or .svg", param_hint="--plot")
    with open_db(ctx) as db:
        tl = db.timeline(entity, measure, location=location)
        if plot is not None:
            plot_timeline(tl, plot)
            typer.echo(f"plot written to {plot}", err=True)
        if fmt is not OutputFormat.table:
            write_records(timeline_records(tl), fmt, sys.stdout, columns.TIMELINE)
            return
        where = f" in {tl.location.name}" if tl.location else ""
        print_table(
            f"{tl.entity.name}: {tl.measure}{where} ({len(tl.claims)} values)",
            TIMELINE_COLUMNS,
            timeline_rows(tl),
        )


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    json = "json"


def report(
    ctx: typer.Context,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="markdown, html or json.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (- for stdout).")],
    entity: Annotated[str | None, typer.Option(help="Only about this entity.")] = None,
    title: Annotated[str, typer.Option(help="Report title.")] = "Open contradictions",
) -> None:
    """Every open contradiction with both sentences, sources, dates, speakers and severity.

    Example: factdb report --format html -o report.html
    """
    with open_db(ctx) as db:
        done = db.report(fmt.value, entity=entity, title=title)
    _write(output, done.text)
    if str(output) != "-":
        noun = "contradiction" if done.contradictions == 1 else "contradictions"
        typer.echo(f"{done.contradictions} open {noun} written to {output}")


@export_app.command("claimreview")
def claimreview(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (- for stdout).")],
    organisation: Annotated[
        str, typer.Option(help="Who publishes the reviews (ClaimReview author).")
    ] = "factdb",
    base_url: Annotated[
        str | None, typer.Option(help="Where the reviews are published, for their url.")
    ] = None,
) -> None:
    """Reviewed contradictions as schema.org ClaimReview JSON-LD (Google Fact Check Tools).

    Example: factdb export claimreview -o reviews.jsonld --organisation "Desk" --base-url https://e.org
    """
    from factdb.report.claimreview import to_json_ld

    with open_db(ctx) as db:
        reviews = db.claim_reviews(organisation=organisation, base_url=base_url)
    _write(output, to_json_ld(reviews))
    if str(output) != "-":
        typer.echo(f"{len(reviews)} ClaimReview objects written to {output}")


def _write(output: Path, text: str) -> None:
    if str(output) == "-":
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"{output}: {exc.strerror or exc}") from None
