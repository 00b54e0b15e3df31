"""``factdb detect`` and ``factdb reextract``: re-run the pipeline's later stages."""

from __future__ import annotations

from typing import Annotated

import typer

from factdb.cli.common import WindowOption, session_for, state, user_errors
from factdb.config import detect_settings


def detect(ctx: typer.Context, window: WindowOption = None) -> None:
    """Compare every current claim with the store again (e.g. with a wider window).

    Existing contradictions and their reviews are kept; only new pairs are added.
    Example: factdb detect --window 90d
    """
    from factdb.db import lock_writers
    from factdb.detect import detect as run_detect

    with user_errors():
        settings = detect_settings(state(ctx).url, window)
    with session_for(ctx, commit=True) as session, user_errors():
        lock_writers(session)  # a concurrent ingest would otherwise flag the same pair again
        new = run_detect(session, None, settings)
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
    from factdb.reextract import reextract as run_reextract

    if (source is None) == (not all_sources):
        raise typer.BadParameter("give --source ID or --all", param_hint="--source/--all")
    with user_errors():
        settings = detect_settings(state(ctx).url, window)
    with session_for(ctx, commit=True) as session, user_errors():
        report = run_reextract(session, source, settings)
        typer.echo(report.summary())
