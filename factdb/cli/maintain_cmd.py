"""``factdb detect`` and ``factdb reextract``: re-run the pipeline's later stages."""

from __future__ import annotations

from typing import Annotated

import typer

from factdb.cli.common import WindowOption, open_db, state, user_errors
from factdb.config import detect_settings


def detect(ctx: typer.Context, window: WindowOption = None) -> None:
    """Compare every current claim with the store again (e.g. with a wider window).

    Existing contradictions and their reviews are kept; only new pairs are added.
    Example: factdb detect --window 90d
    """
    with user_errors():  # a bad factdb.toml is reported before the database is opened
        settings = detect_settings(state(ctx).url, window)
    with open_db(ctx) as db:
        new = db.detect(window=window)
        typer.echo(
            f"{len(new)} new contradiction{'s' if len(new) != 1 else ''} "
            f"(window {settings.window_days} days)"
        )


def reextract(
    ctx: typer.Context,
    source: Annotated[int | None, typer.Option(help="Only this source id.")] = None,
    all_sources: Annotated[bool, typer.Option("--all", help="Every source.")] = False,
    window: WindowOption = None,
) -> None:
    """Re-run extraction over stored texts; claims keep their ids (and reviews) when unchanged.

    Example: factdb reextract --all
    """
    if (source is None) == (not all_sources):
        raise typer.BadParameter("give --source ID or --all", param_hint="--source/--all")
    with user_errors():
        detect_settings(state(ctx).url, window)
    with open_db(ctx) as db:
        report = db.reextract(source, window=window)
        typer.echo(report.summary())
