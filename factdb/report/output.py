"""Write rows for people (rich tables) or programs (JSON, JSON lines, CSV).

Every command imports this module to declare ``--format``, so the writers (csv, json, rich)
are imported where they are used: ``factdb --help`` pays for none of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any, TextIO

from factdb.mappings import flatten


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run: text starting with ``= + - @``, a tab or a carriage
    return gets a leading apostrophe (OWASP's advice against CSV formula injection); numbers,
    negative ones included, are written as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def _csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """Nested keys dotted (``source.title``), lists as JSON text, formula-like text defused."""
    import json

    return {
        key: csv_cell(json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value)
        for key, value in flatten(record).items()
    }


def write_records(
    records: Sequence[dict[str, Any]],
    fmt: OutputFormat,
    out: TextIO,
    header: Sequence[str] = (),
) -> None:
    """JSON array, one object a line, or CSV with nested keys flattened (``source.title``);
    a CSV with no rows is ``header`` alone (``factdb.report.columns``), so a program still
    finds its columns."""
    import csv
    import io
    import json

    if fmt is OutputFormat.json:
        json.dump(list(records), out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif fmt is OutputFormat.jsonl:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.csv:
        rows = [_csv_row(r) for r in records]
        columns: list[str] = [] if rows else list(header)
        for row in rows:
            columns.extend(k for k in row if k not in columns)
        # a nested field that is null in some rows ("place": null) flattens to a bare column
        # beside the others' "place.name"...: its empty cells belong under those columns
        nested = {c.split(".", 1)[0] for c in columns if "." in c}
        bare = [c for c in columns if c in nested and all(r.get(c) in (None, "") for r in rows)]
        columns = [c for c in columns if c not in bare]
        rows = [{k: v for k, v in r.items() if k not in bare} for r in rows]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        out.write(buffer.getvalue())
    else:
        raise ValueError(f"write_records cannot write {fmt}")


def print_table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    file: TextIO | None = None,
) -> None:
    """A rich table that wraps long text instead of truncating it."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console(file=file, soft_wrap=False).print(table)
