"""``factdb contradictions`` (list, show) and ``factdb review``."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from factdb.cli.common import (
    FormatOption,
    LimitOption,
    MeasureOption,
    OutletOption,
    SinceOption,
    UntilOption,
    dates,
    open_db,
)
from factdb.report import columns
from factdb.report.output import OutputFormat, print_table, write_records
from factdb.vocabulary import ContradictionStatus, ReviewStatus, Scope

app = typer.Typer(no_args_is_help=False)  # help: the callback docstring


@app.callback(invoke_without_command=True)
def contradictions(
    ctx: typer.Context,
    status: Annotated[ContradictionStatus | None, typer.Option(help="Only this status.")] = None,
    entity: Annotated[str | None, typer.Option(help="Only about this entity (any alias).")] = None,
    measure: MeasureOption = None,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    scope: Annotated[
        Scope | None, typer.Option(help="cross: sources disagree; intra: one article does.")
    ] = None,
    limit: LimitOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List contradictions, most severe first.

    Example: factdb contradictions --status open --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    from factdb.report.serialize import brief, contradiction_dict, key_text

    since_d, until_d = dates(since, until)
    with open_db(ctx) as db:
        rows = db.contradictions(
            status=status,
            entity=entity,
            measure=measure,
            outlet=outlet,
            since=since_d,
            until=until_d,
            scope=scope,
            limit=limit or None,
        )
        if fmt is not OutputFormat.table:
            write_records(
                [contradiction_dict(r) for r in rows], fmt, sys.stdout, columns.CONTRADICTION
            )
            return
        print_table(
            f"Contradictions ({len(rows)})",
            ["id", "severity", "kind", "status", "claim key", "claim A", "claim B"],
            [
                (
                    r.id,
                    f"{r.severity:.2f}",
                    f"{r.hardness} {r.kind}" + (" (same source)" if r.scope == Scope.intra else ""),
                    r.status,
                    key_text(r.claim_a),
                    brief(r.claim_a),
                    brief(r.claim_b),
                )
                for r in rows
            ],
        )


@app.command("show")
def show(
    ctx: typer.Context,
    contradiction_id: Annotated[int, typer.Argument(help="Contradiction id.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Show both claims side by side with their sources, dates, speakers and review history.

    Example: factdb contradictions show 1
    """
    from factdb.report.serialize import contradiction_dict, value_text

    with open_db(ctx) as db:
        row = db.contradiction(contradiction_id)
        if fmt is not OutputFormat.table:
            write_records([contradiction_dict(row, with_reviews=True)], fmt, sys.stdout)
            return
        a, b = row.claim_a, row.claim_b

        def side(c):
            return [
                c.text,
                value_text(c),
                c.as_of,
                c.speaker.name if c.speaker else c.speaker_name,
                f"#{c.source_id} {c.source.title or ''}".strip(),
                c.source.outlet,
                c.source.published_at,
                c.source.url,
                f"claim {c.id}, revision {c.revision.number}, chars {c.span_start}-{c.span_end}",
            ]

        labels = [
            "sentence",
            "value",
            "as of",
            "speaker",
            "source",
            "outlet",
            "published",
            "url",
            "where",
        ]
        print_table(
            f"Contradiction {row.id}: {row.hardness} {row.kind}, severity {row.severity:.2f}, "
            f"status {row.status}",
            ["", "claim A", "claim B"],
            [(label, x, y) for label, x, y in zip(labels, side(a), side(b), strict=True)],
        )
        if row.reviews:
            print_table(
                "Review history",
                ["when", "reviewer", "change", "note"],
                [
                    (r.created_at, r.reviewer, f"{r.old_status} -> {r.new_status}", r.note)
                    for r in row.reviews
                ],
            )
        else:
            decisions = "|".join(s for s in ReviewStatus if s is not ReviewStatus.open)
            typer.echo(f"No reviews yet: factdb review ID --status {decisions}")


def review(
    ctx: typer.Context,
    contradiction_id: Annotated[int, typer.Argument(help="Contradiction id.")],
    status: Annotated[ReviewStatus, typer.Option(help="Your decision.")],
    note: Annotated[str | None, typer.Option(help="Why; kept in the review log.")] = None,
    reviewer: Annotated[
        str | None, typer.Option(help="Who decided (default: the OS user).")
    ] = None,
) -> None:
    """Record a decision on a contradiction; the review log is append-only.

    Example: factdb review 1 --status confirmed --note "Pentagon figure is 5,200"
    """
    with open_db(ctx) as db:
        entry = db.review(contradiction_id, status, note=note, reviewer=reviewer)
        typer.echo(
            f"contradiction {contradiction_id}: {entry.old_status} -> {entry.new_status} "
            f"(by {entry.reviewer})"
        )
