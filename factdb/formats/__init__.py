"""Input formats, declared once: the registry ``factdb.readers`` (paths, stdin) and
``factdb.fetch`` (URLs) look formats up in.

Each ``Format`` names its file suffixes, the media types servers send for it (aliases
included), the first bytes that give it away in unnamed input, and its reader. A reader takes
the bytes and their ``Input`` (where they came from) and yields a ``Document`` or a
``ReadError`` per article, or raises ``ValueError`` when the whole input is bad (not text, its
one article bad). To add a format, write its reader and add a record to ``FORMATS``. This
package imports neither the readers nor the fetcher.

Formats (a directory is walked recursively, hidden names skipped):

- text, ``.txt``/``.md``/``.markdown``/``.text``: the article, optional YAML front matter.
- jsonl, ``.jsonl``/``.ndjson``: one article object a line.
- csv, ``.csv``: a header row, then one article a row.
- json, ``.json``: one article object, or an array of them.
- html, ``.html``/``.htm``: main text and metadata through trafilatura.
- feed, ``.rss``/``.atom``/``.xml``: RSS or Atom, one article per entry. An ``.xml`` file
  found while walking a directory is skipped unless it parses as a feed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from factdb.errors import ReadError
from factdb.formats.document import Document, Input
from factdb.formats.feeds import read_feed
from factdb.formats.html import read_html
from factdb.formats.records import read_csv, read_json, read_jsonl
from factdb.formats.text import read_text

Reader = Callable[[bytes, Input], Iterable[Document | ReadError]]


@dataclass(frozen=True)
class Format:
    """One input format: how to recognise it and how to read it."""

    name: str
    suffixes: tuple[str, ...]
    media_types: tuple[str, ...]
    read: Reader
    # how unnamed input (stdin, a URL without a content type) starts, after any BOM and
    # white space, lower-cased
    magic: tuple[bytes, ...] = ()


FORMATS = (
    Format(
        "text",
        (".txt", ".md", ".markdown", ".text"),
        ("text/plain", "text/markdown", "text/x-markdown"),
        read_text,
    ),
    Format(
        "jsonl",
        (".jsonl", ".ndjson"),
        ("application/x-ndjson", "application/jsonl", "application/x-jsonlines"),
        read_jsonl,
    ),
    Format("csv", (".csv",), ("text/csv",), read_csv),
    Format("json", (".json",), ("application/json",), read_json),
    Format(
        "html",
        (".html", ".htm"),
        ("text/html", "application/xhtml+xml"),
        read_html,
        magic=(b"<!doctype html", b"<html"),
    ),
    Format(
        "feed",
        (".rss", ".atom", ".xml"),
        (
            "application/rss+xml",
            "application/atom+xml",
            "application/rdf+xml",
            "application/feed+xml",
            "application/xml",
            "text/xml",
        ),
        read_feed,
        magic=(b"<?xml", b"<rss", b"<feed", b"<rdf"),
    ),
)
BY_NAME = {f.name: f for f in FORMATS}
BY_SUFFIX = {suffix: f for f in FORMATS for suffix in f.suffixes}
BY_MEDIA_TYPE = {media_type: f for f in FORMATS for media_type in f.media_types}
SUPPORTED_SUFFIXES = ", ".join(sorted(BY_SUFFIX))
# what unnamed input is when no format's magic matches
FALLBACK = BY_NAME["text"]


def sniff(data: bytes) -> Format:
    """The format of unnamed input (stdin, a URL without a content type) from its start."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return next((f for f in FORMATS if f.magic and head.startswith(f.magic)), FALLBACK)


def read_bytes(data: bytes, fmt: Format, given: Input) -> Iterator[Document | ReadError]:
    """Read ``data`` as ``fmt``: a Document or a ReadError per article, never an exception.

    A file of records that holds none (a CSV header alone) is an error, not a silent success.
    """
    empty = True
    try:
        for item in fmt.read(data, given):
            empty = False
            yield item
    except ValueError as exc:
        yield ReadError(given.origin, str(exc), line=getattr(exc, "line", None))
        return
    if empty:
        yield ReadError(given.origin, "holds no articles")


def too_large(max_bytes: int, size: int | None = None) -> str:
    """The size-limit message: it names the limit and the option that raises it."""
    actual = f"{size:,} bytes, " if size is not None else ""
    return f"{actual}larger than the {max_bytes:,}-byte limit (raise it with --max-bytes)"
