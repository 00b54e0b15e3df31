"""The root ``factdb`` command: global options and the sub-apps."""

from __future__ import annotations

from typing import Annotated

import typer

from factdb import __version__
from factdb.cli import (
    claims_cmd,
    contradictions_cmd,
    db_cmd,
    entities_cmd,
    incidents_cmd,
    ingest_cmd,
    maintain_cmd,
    report_cmd,
    sources_cmd,
)
from factdb.cli.common import State
from factdb.config import ENV_VAR

app = typer.Typer(
    name="factdb",
    help="Track checkable claims across news articles and flag contradictions.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factdb {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar=ENV_VAR,
            help="Database URL or SQLite file (default ./factdb.sqlite).",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """factdb: claims, sources and contradictions in one SQL database."""
    ctx.obj = State(db=db)


app.command("ingest")(ingest_cmd.ingest)
app.command("claims")(claims_cmd.claims)
app.command("review")(contradictions_cmd.review)
app.command("timeline")(report_cmd.timeline)
app.command("report")(report_cmd.report)
app.command("detect")(maintain_cmd.detect)
app.command("reextract")(maintain_cmd.reextract)
app.command("diff")(sources_cmd.diff)
app.add_typer(report_cmd.export_app, name="export")
app.add_typer(contradictions_cmd.app, name="contradictions")
app.add_typer(entities_cmd.app, name="entities")
app.add_typer(incidents_cmd.app, name="incidents")
app.add_typer(sources_cmd.app, name="sources")
app.add_typer(db_cmd.app, name="db")


def main() -> None:
    app()
