"""``factdb claims``: what the sources claim, optionally about one entity."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from factdb.cli.common import FormatOption, session_for, user_errors
from factdb.report.output import OutputFormat, print_table, write_records


def claims(
    ctx: typer.Context,
    entity: Annotated[
        str | None, typer.Option("--entity", "-e", help="Entity name or alias (US, Washington...).")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="quantity, event, quote or role.")] = None,
    source: Annotated[int | None, typer.Option(help="Only claims of this source id.")] = None,
    all_revisions: Annotated[
        bool, typer.Option("--all-revisions", help="Include claims of superseded revisions.")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List claims; --entity matches subject, location or speaker through aliases.

    Example: factdb claims --entity US --format json
    """
    from factdb.queries import list_claims
    from factdb.report.serialize import claim_dict, value_text

    if kind is not None and kind not in ("quantity", "event", "quote", "role"):
        raise typer.BadParameter(
            f"{kind!r}: expected quantity, event, quote or role", param_hint="--kind"
        )
    with session_for(ctx) as session, user_errors():
        rows = list_claims(
            session, entity=entity, kind=kind, source_id=source, include_superseded=all_revisions
        )
        if fmt is not OutputFormat.table:
            write_records([claim_dict(c) for c in rows], fmt, sys.stdout)
            return
        title = f"Claims about {entity}" if entity else "Claims"
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
