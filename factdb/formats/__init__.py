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

Unnamed input (stdin) and fetched bodies are sniffed: servers call feeds
``application/x-rss+xml`` or ``text/xml``, JSON lines ``application/json`` or
``application/octet-stream``, and anything at all ``text/plain``, so what the first bytes show
(a feed, an HTML page, JSON, JSON lines) wins over the declared type, which is the fallback.
"""

from __future__ import annotations

import json
import re
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
        (
            "application/x-ndjson",
            "application/jsonl",
            "application/x-jsonl",
            "application/jsonlines",
            "application/x-jsonlines",
        ),
        read_jsonl,
    ),
    Format("csv", (".csv",), ("text/csv", "application/csv"), read_csv),
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
            "application/x-rss+xml",
            "application/atom+xml",
            "application/x-atom+xml",
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
# what unnamed input is when neither its first bytes nor its media type say
FALLBACK = BY_NAME["text"]
# media types servers send for any file: the body is sniffed, else read as text
GENERIC_MEDIA_TYPES = frozenset(
    {
        "application/octet-stream",
        "binary/octet-stream",
        "application/unknown",
        "application/x-unknown",
        "unknown/unknown",
        "application/download",
        "application/force-download",
        "application/x-download",
    }
)
# XML processing instructions (<?xml ...?>, <?xml-stylesheet ...?>) and comments before the
# root element: XHTML pages and feeds both start with them
_PROLOGUE = re.compile(rb"(?:<\?[^>]*\?>\s*|<!--.*?-->\s*)+", re.DOTALL)


def readable_media_type(media_type: str) -> bool:
    """True for a media type worth downloading: a format's own, or a generic one."""
    return media_type in BY_MEDIA_TYPE or media_type in GENERIC_MEDIA_TYPES


def _structured(data: bytes) -> Format | None:
    """JSON (the whole parses) or JSON lines (the first line is an object), else None."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    try:
        whole = json.loads(text)
    except (ValueError, RecursionError):
        whole = None
    if isinstance(whole, (dict, list)):
        return BY_NAME["json"]
    first = text.lstrip().partition("\n")[0]
    try:
        line = json.loads(first)
    except (ValueError, RecursionError):
        return None
    return BY_NAME["jsonl"] if isinstance(line, dict) else None


def sniff(data: bytes, fallback: Format = FALLBACK) -> Format:
    """The format unnamed input (stdin, a fetched body) shows in its first bytes: an HTML
    page, an RSS/Atom feed, JSON or JSON lines; else ``fallback``."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    prologue = _PROLOGUE.match(head)
    root = head[prologue.end() :] if prologue else head
    for fmt in FORMATS:
        if fmt.magic and (root.startswith(fmt.magic) or head.startswith(fmt.magic)):
            return fmt
    if head.startswith((b"{", b"[")):
        return _structured(data) or fallback
    return fallback


def format_of(media_type: str | None, data: bytes) -> Format:
    """The format of a body served as ``media_type`` (None: no content type): what its
    first bytes show, else the format the media type declares, else text."""
    declared = BY_MEDIA_TYPE.get(media_type) if media_type else None
    return sniff(data, fallback=declared or FALLBACK)


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
