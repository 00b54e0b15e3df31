"""Turn paths and stdin into ``Document`` records, one per article.

A reader never raises for one bad article in a batch: ``read_inputs`` yields either a
``Document`` or a ``ReadError`` for each item, so the caller can report the error and go on.
Formats: ``.txt`` and ``.md``/``.markdown`` with optional YAML front matter, ``.jsonl``
(one article object a line), and ``-`` for standard input.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from factdb.errors import ReadError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
KNOWN_KEYS = {"title", "url", "outlet", "published", "authors", "language"}


@dataclass(frozen=True)
class Document:
    """One article ready to store: its text plus what is known about where it came from."""

    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    path_key: str | None = None

    @property
    def key(self) -> str:
        """Natural key of the source: its url, else its file, else its text."""
        if self.url:
            return self.url
        if self.path_key:
            return self.path_key
        return "sha256:" + text_hash(self.text)


@dataclass(frozen=True)
class Overrides:
    """Metadata given on the command line for inputs that do not carry their own."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None

    def apply(self, doc: Document) -> Document:
        return replace(
            doc,
            title=doc.title or self.title,
            url=doc.url or self.url,
            outlet=doc.outlet or self.outlet,
            published=doc.published or self.published,
        )


def normalise_text(text: str) -> str:
    """Canonical form for hashing: NFC, LF line ends, no trailing spaces, no outer blank lines."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def parse_date(value: Any, *, what: str) -> date | None:
    """Accept a YAML date, an ISO date/datetime string, or nothing; anything else is an error."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        raw = value.strip()
        try:
            return date.fromisoformat(raw[:10]) if len(raw) >= 10 else date.fromisoformat(raw)
        except ValueError:
            pass
    raise ValueError(f"{what}: not a date: {value!r} (use YYYY-MM-DD)")


def _authors(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(a.strip() for a in value.split(",") if a.strip())
    if isinstance(value, list) and all(isinstance(a, str) for a in value):
        return tuple(value)
    raise ValueError(f"authors: expected a name or a list of names, got {value!r}")


def _optional_str(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value).strip() or None
    raise ValueError(f"{key}: expected text, got {type(value).__name__}")


def document_from_mapping(
    meta: dict[str, Any], text: str, *, origin: str, path_key: str | None
) -> Document:
    """Build a Document from front matter or a JSON object; raises ValueError naming the key."""
    extra = {k: v for k, v in meta.items() if k not in KNOWN_KEYS}
    return Document(
        text=text,
        origin=origin,
        title=_optional_str(meta, "title"),
        url=_optional_str(meta, "url"),
        outlet=_optional_str(meta, "outlet"),
        published=parse_date(meta.get("published"), what="published"),
        authors=_authors(meta.get("authors")),
        language=_optional_str(meta, "language"),
        meta=json.loads(json.dumps(extra, default=str)),
        path_key=path_key,
    )


def split_front_matter(raw: str) -> tuple[dict[str, Any], str]:
    """Split ``---``-fenced YAML front matter from the body; no fence means no metadata."""
    import yaml

    if not raw.startswith("---"):
        return {}, raw
    first_nl = raw.find("\n")
    if first_nl == -1 or raw[:first_nl].strip() != "---":
        return {}, raw
    end = raw.find("\n---", first_nl)
    while end != -1:
        line_end = raw.find("\n", end + 1)
        fence = raw[end + 1 : line_end if line_end != -1 else len(raw)]
        if fence.strip() == "---":
            break
        end = raw.find("\n---", end + 1)
    if end == -1:
        raise ValueError("front matter: no closing '---' line")
    header = raw[first_nl + 1 : end]
    body_start = line_end + 1 if line_end != -1 else len(raw)
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise ValueError(f"front matter is not valid YAML{where}") from exc
    if not isinstance(meta, dict):
        raise ValueError("front matter: expected key: value pairs")
    return {str(k): v for k, v in meta.items()}, raw[body_start:]


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM); refuse binary data with a clear reason."""
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes), not article text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (bad byte at offset {exc.start})") from exc


def _check_body(text: str) -> None:
    if not text.strip():
        raise ValueError("no article text")


def read_text_document(data: bytes, *, origin: str, path_key: str | None) -> Document:
    raw = decode(data)
    meta, body = split_front_matter(raw)
    _check_body(body)
    return document_from_mapping(meta, body, origin=origin, path_key=path_key)


def read_jsonl(data: bytes, *, origin: str) -> Iterator[Document | ReadError]:
    """One article per line: ``text`` (or ``content``) plus the front-matter keys."""
    try:
        raw = decode(data)
    except ValueError as exc:
        yield ReadError(origin, str(exc))
        return
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(origin, f"not JSON ({exc.msg})", line=number)
            continue
        if not isinstance(obj, dict):
            yield ReadError(origin, "expected a JSON object", line=number)
            continue
        text = obj.get("text", obj.get("content"))
        if not isinstance(text, str) or not text.strip():
            yield ReadError(origin, "no article text (a 'text' or 'content' field)", line=number)
            continue
        meta = {k: v for k, v in obj.items() if k not in ("text", "content")}
        try:
            yield document_from_mapping(meta, text, origin=f"{origin}:{number}", path_key=None)
        except ValueError as exc:
            yield ReadError(origin, str(exc), line=number)


def _read_limited(stream: BinaryIO, max_bytes: int, origin: str) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(origin, f"larger than the {max_bytes:,}-byte limit (see --max-bytes)")
    return data


def iter_files(path: Path) -> Iterator[Path]:
    """Supported files below a directory, sorted, skipping hidden files and folders."""
    for child in sorted(path.rglob("*")):
        rel = child.relative_to(path)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
            yield child


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadError]:
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        yield ReadError(origin, f"unsupported file type '{suffix or path.name}' ({supported})")
        return
    try:
        with path.open("rb") as fh:
            data = _read_limited(fh, max_bytes, origin)
    except ReadError as exc:
        yield exc
        return
    except OSError as exc:
        yield ReadError(origin, exc.strerror or str(exc))
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(data, origin=origin)
        return
    try:
        yield read_text_document(data, origin=origin, path_key=path.resolve().as_uri())
    except ValueError as exc:
        yield ReadError(origin, str(exc))


def read_inputs(
    inputs: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | ReadError]:
    """Yield a Document or a ReadError for every article named by ``inputs``."""
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = _read_limited(stream, max_bytes, "<stdin>")
                yield read_text_document(data, origin="<stdin>", path_key=None)
            except ReadError as exc:
                yield exc
            except ValueError as exc:
                yield ReadError("<stdin>", str(exc))
            continue
        path = Path(item)
        if not path.exists():
            yield ReadError(item, "no such file or directory")
        elif path.is_dir():
            try:
                files = list(iter_files(path))
            except OSError as exc:
                yield ReadError(item, exc.strerror or str(exc))
                continue
            if not files:
                yield ReadError(item, "directory holds no .txt, .md or .jsonl files")
            for file in files:
                yield from read_file(file, max_bytes=max_bytes)
        else:
            yield from read_file(path, max_bytes=max_bytes)
