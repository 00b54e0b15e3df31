"""Files of article records: JSON lines, CSV and JSON.

A record is an object (or a CSV row) with ``text`` (or ``content``) plus the front-matter keys
(``title``, ``url``, ``outlet``, ``published``, ``authors``, ``language``); other keys are kept
as metadata. One bad record is a ``ReadError`` for that record, the others are still read.
Errors name where the record is: ``PATH:LINE`` (JSON lines, CSV: the line where the row
starts; a JSON syntax error) or ``PATH:[INDEX]`` (an element of a JSON array, 0-based as in
JSON Pointer).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from factdb.errors import ReadError
from factdb.formats.decoding import decode, recode
from factdb.formats.document import Document, Input, authors, document_from_mapping


def _from_record(obj: Any, *, origin: str, authors_sep: str = ",") -> Document:
    """One JSON object or CSV row: ``text`` (or ``content``) plus the front-matter keys."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    text = obj.get("text") or obj.get("content")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no article text (a 'text' or 'content' field)")
    meta = {str(k): v for k, v in obj.items() if k not in ("text", "content")}
    if isinstance(meta.get("authors"), str):
        meta["authors"] = list(authors(meta["authors"], authors_sep))
    return document_from_mapping(meta, text, origin=origin, path_key=None)


def _json_loads(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("not JSON (nested too deeply)") from None


def read_jsonl(data: bytes, given: Input) -> Iterator[Document | ReadError]:
    """One article per line."""
    origin = given.origin
    raw = decode(recode(data, given.charset))  # not text: raises, one error for the file
    # split on LF only: str.splitlines also breaks at U+2028, which JSON strings may hold
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = _json_loads(line)
            yield _from_record(obj, origin=f"{origin}:{number}")
        except json.JSONDecodeError as exc:
            yield ReadError(origin, f"not JSON ({exc.msg})", line=number)
        except ValueError as exc:
            yield ReadError(origin, str(exc), line=number)


def read_json(data: bytes, given: Input) -> Iterator[Document | ReadError]:
    """One article object or an array of them."""
    origin = given.origin
    try:
        obj = _json_loads(decode(recode(data, given.charset)))
    except json.JSONDecodeError as exc:
        yield ReadError(origin, f"not JSON ({exc.msg}, column {exc.colno})", line=exc.lineno)
        return
    if isinstance(obj, dict):
        try:
            yield _from_record(obj, origin=origin)
        except ValueError as exc:
            yield ReadError(origin, str(exc))
        return
    if not isinstance(obj, list):
        yield ReadError(origin, "expected an article object or an array of them")
        return
    if not obj:
        yield ReadError(origin, "empty array, no articles")
    for index, item in enumerate(obj):
        where = f"{origin}:[{index}]"
        try:
            yield _from_record(item, origin=where)
        except ValueError as exc:
            yield ReadError(where, str(exc))


def read_csv(data: bytes, given: Input) -> Iterator[Document | ReadError]:
    """A header row, then one article a row; columns ``text`` (or ``content``), the
    front-matter keys (``authors`` ``;``-separated), others kept as metadata."""
    origin = given.origin
    raw = decode(recode(data, given.charset))  # not text: raises, one error for the file
    csv.field_size_limit(max(csv.field_size_limit(), len(raw) + 1))  # articles beat 128 KiB
    reader = csv.reader(io.StringIO(raw, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
        while not any(header):
            header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        yield ReadError(origin, "no header row")
        return
    except csv.Error as exc:
        yield ReadError(origin, f"not CSV ({exc})", line=reader.line_num)
        return
    if "text" not in header and "content" not in header:
        yield ReadError(origin, f"no 'text' or 'content' column (columns: {', '.join(header)})")
        return
    previous_end = reader.line_num
    while True:
        start = previous_end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ReadError(origin, f"not CSV ({exc})", line=start)
            return
        previous_end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            yield ReadError(origin, f"{len(row)} fields, the header has {len(header)}", line=start)
            continue
        record = {name: value for name, value in zip(header, row, strict=False) if name}
        try:
            yield _from_record(record, origin=f"{origin}:{start}", authors_sep=";")
        except ValueError as exc:
            reason = str(exc).replace("a 'text' or 'content' field", "an empty 'text' column")
            yield ReadError(origin, reason, line=start)
