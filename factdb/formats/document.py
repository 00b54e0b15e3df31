"""``Document``, the one record every input format is read into, and how it is built.

Every reader (text with front matter, JSON/CSV records, HTML pages, feed entries) yields
``Document`` records; ``document_from_mapping`` turns front matter or a JSON object into one,
so all formats share the same keys, checks and error messages (each names the key).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from factdb.dates import date_field

KNOWN_KEYS = {"title", "url", "outlet", "published", "authors", "language"}


class LineError(ValueError):
    """A ValueError that knows the line of the input it is about."""

    line: int | None = None


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
class Input:
    """Where bytes being read came from: ``origin`` names them in errors; ``path_key`` (a
    file's URI), ``url`` (a fetched page's final URL) and ``charset`` (declared by a server)
    when known. Formats that hold many articles use only ``origin`` and ``charset``."""

    origin: str
    path_key: str | None = None
    url: str | None = None
    charset: str | None = None


def normalise_text(text: str) -> str:
    """Canonical form for hashing: NFC, LF line ends, no trailing spaces, no outer blank lines."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def authors(value: Any, sep: str = ",") -> tuple[str, ...]:
    """Author names from a ``sep``-separated string or a list of strings."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(a.strip() for a in value.split(sep) if a.strip())
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
        published=date_field(meta.get("published"), what="published"),
        authors=authors(meta.get("authors")),
        language=_optional_str(meta, "language"),
        meta=json.loads(json.dumps(extra, default=str)),
        path_key=path_key,
    )
