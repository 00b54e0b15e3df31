"""Turn paths, URLs and stdin into ``Document`` records, one per article.

A reader never raises for one bad article in a batch: ``read_inputs`` yields either a
``Document`` or a ``ReadError`` for each item, so the caller can report the error and go on.

Formats, chosen by suffix (a directory is walked recursively, hidden names skipped):

- ``.txt``/``.md``/``.markdown``/``.text``: the article, optional YAML front matter.
- ``.jsonl``/``.ndjson``: one article object a line. Errors are ``PATH:LINE``.
- ``.csv``: a header row, then one article a row; columns ``text`` (or ``content``),
  ``title``, ``url``, ``outlet``, ``published``, ``authors`` (``;``-separated), others kept as
  metadata. Errors are ``PATH:LINE``, the line where the record starts.
- ``.json``: one article object, or an array of them. An element's error is
  ``PATH:[INDEX]`` (0-based, as in JSON Pointer); a syntax error is ``PATH:LINE``.
- ``.html``/``.htm``: main text and metadata through trafilatura (see ``read_html``).
- ``.rss``/``.atom``/``.xml``: one article per feed entry; errors are ``PATH:[INDEX]``. An
  ``.xml`` file found while walking a directory is skipped unless it parses as a feed.
- ``http://``/``https://`` URLs: fetched (``factdb.fetch``), read by content type.
- ``-``: standard input; HTML and feeds are recognised by their first bytes, else text.

Bytes are decoded as UTF-8 (BOM or not), UTF-16/32 with a BOM, else a Western single-byte
encoding that charset-normalizer detects; line ends become ``\\n``. Heavy parsers (trafilatura,
feedparser, charset-normalizer, httpx) are imported on first use: CLI start time matters.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

from factdb.config import DEFAULT_MAX_BYTES
from factdb.errors import ReadError
from factdb.fetch import DEFAULT_TIMEOUT, is_url

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
JSON_SUFFIXES = {".json"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
KIND_BY_SUFFIX = {
    **dict.fromkeys(TEXT_SUFFIXES, "text"),
    **dict.fromkeys(JSONL_SUFFIXES, "jsonl"),
    **dict.fromkeys(CSV_SUFFIXES, "csv"),
    **dict.fromkeys(JSON_SUFFIXES, "json"),
    **dict.fromkeys(HTML_SUFFIXES, "html"),
    **dict.fromkeys(FEED_SUFFIXES, "feed"),
}
SUPPORTED_SUFFIXES = set(KIND_BY_SUFFIX)
KNOWN_KEYS = {"title", "url", "outlet", "published", "authors", "language"}
# Detected (not declared) encodings: the single-byte ones Western news archives use. Wider
# lists make charset-normalizer "detect" an encoding for random bytes.
_DETECTABLE = ["cp1252", "latin_1", "iso8859_15"]
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


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


def _authors(value: Any, sep: str = ",") -> tuple[str, ...]:
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
        published=parse_date(meta.get("published"), what="published"),
        authors=_authors(meta.get("authors")),
        language=_optional_str(meta, "language"),
        meta=json.loads(json.dumps(extra, default=str)),
        path_key=path_key,
    )


def _load_yaml(header: str) -> Any:
    """``yaml.safe_load`` without aliases (``&a``/``*a`` can expand a few bytes exponentially)
    and without YAML's own timestamps: dates stay text, so ``parse_date`` checks them and an
    error names the key (``published: not a date: '2018-13-45'``)."""
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        yaml_implicit_resolvers: ClassVar[dict[str, list[Any]]] = {
            first: [
                (tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"
            ]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(None, None, "aliases are not allowed", mark)
            return super().compose_node(parent, index)

    return yaml.load(header, Loader=NoAliasLoader)


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
        meta = _load_yaml(header) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None)
        error = LineError(
            f"front matter is not valid YAML ({problem})"
            if problem
            else "front matter is not valid YAML"
        )
        error.line = mark.line + 2 if mark is not None else None  # + the opening fence
        raise error from exc
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # the YAML parses but a value cannot be built, e.g. ``published: 2018-13-45``
        raise ValueError(f"front matter: bad value ({exc})") from exc
    if not isinstance(meta, dict):
        raise ValueError("front matter: expected key: value pairs")
    return {str(k): v for k, v in meta.items()}, raw[body_start:]


def _detect_encoding(data: bytes) -> str | None:
    """A Western single-byte decoding of mostly-ASCII bytes, else None."""
    ascii_share = sum(b < 0x80 for b in data) / len(data)
    if ascii_share < 0.7:  # real Latin-1/cp1252 prose is mostly ASCII; random bytes are not
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_DETECTABLE).best()
    return str(best) if best is not None else None


def decode(data: bytes) -> str:
    """Bytes to text with LF line ends; ``ValueError`` when they are not text.

    Order: a BOM; NUL bytes mean binary; UTF-8; a detected Western single-byte encoding.
    """
    if not data:
        raise ValueError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ValueError(f"not text: bad {encoding} at byte {exc.start}") from exc
            break
    else:
        if b"\x00" in data[:8192]:
            raise ValueError("binary file (contains NUL bytes), not article text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            detected = _detect_encoding(data)
            if detected is None:
                raise ValueError(
                    f"not text: not UTF-8 (bad byte at offset {exc.start}) "
                    "and no other encoding detected"
                ) from exc
            text = detected
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_body(text: str) -> None:
    if not text.strip():
        raise ValueError("no article text")


def read_text_document(
    data: bytes, *, origin: str, path_key: str | None, url: str | None = None
) -> Document:
    raw = decode(data)
    meta, body = split_front_matter(raw)
    _check_body(body)
    doc = document_from_mapping(meta, body, origin=origin, path_key=path_key)
    return replace(doc, url=doc.url or url)


def _from_record(obj: Any, *, origin: str, authors_sep: str = ",") -> Document:
    """One JSON object or CSV row: ``text`` (or ``content``) plus the front-matter keys."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    text = obj.get("text") or obj.get("content")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no article text (a 'text' or 'content' field)")
    meta = {str(k): v for k, v in obj.items() if k not in ("text", "content")}
    if isinstance(meta.get("authors"), str):
        meta["authors"] = list(_authors(meta["authors"], authors_sep))
    return document_from_mapping(meta, text, origin=origin, path_key=None)


def _json_loads(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("not JSON (nested too deeply)") from None


def read_jsonl(data: bytes, *, origin: str) -> Iterator[Document | ReadError]:
    """One article per line: ``text`` (or ``content``) plus the front-matter keys."""
    try:
        raw = decode(data)
    except ValueError as exc:
        yield ReadError(origin, str(exc))
        return
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


def read_json(data: bytes, *, origin: str) -> Iterator[Document | ReadError]:
    """One article object or an array of them; element errors are ``PATH:[INDEX]``."""
    try:
        obj = _json_loads(decode(data))
    except json.JSONDecodeError as exc:
        yield ReadError(origin, f"not JSON ({exc.msg}, column {exc.colno})", line=exc.lineno)
        return
    except ValueError as exc:
        yield ReadError(origin, str(exc))
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


def read_csv(data: bytes, *, origin: str) -> Iterator[Document | ReadError]:
    """A header row, then one article a row; errors name the line where the row starts."""
    try:
        raw = decode(data)
    except ValueError as exc:
        yield ReadError(origin, str(exc))
        return
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


class _TextExtractor(HTMLParser):
    """HTML fragment to plain text: block elements become paragraph breaks."""

    BLOCKS = frozenset(
        [
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "pre",
            "tr",
            "table",
            "section",
            "article",
        ]
    )
    SKIP = frozenset(["script", "style", "template"])

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry), one paragraph per block, blank-line apart."""
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _copyright_years(text: str) -> set[int]:
    import re

    years: set[int] = set()
    for line in text.splitlines():
        if re.search(r"©|&copy;|\(c\)|copyright", line, re.IGNORECASE):
            years.update(int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", line))
    return years


def _html_date(tree: Any, found: str | None, url: str | None) -> tuple[date | None, dict[str, Any]]:
    """The page's declared date wins; a guess from body text that is Jan 1 of a year in a
    copyright line is trafilatura's footer fallback ("© 2015"), so the date is unknown."""
    from htmldate import find_date

    declared = find_date(tree, extensive_search=False, original_date=True, url=url)
    if declared:
        return date.fromisoformat(declared), {}
    if not found:
        return None, {}
    guessed = date.fromisoformat(found)
    page_text = "\n".join(tree.itertext())
    if (guessed.month, guessed.day) == (1, 1) and guessed.year in _copyright_years(page_text):
        return None, {"dropped_date": found, "dropped_date_reason": "copyright year"}
    return guessed, {"date_from": "page text"}


def _extract_html(raw: str, url: str | None) -> tuple[str | None, Any, Any] | None:
    """(``<html lang>``, an unpruned tree for dates, trafilatura's result), or None."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    tree = load_html(raw)
    if tree is None:
        return None
    language = (tree.get("lang") or "").strip() or None
    date_tree = load_html(raw)  # extraction prunes its tree in place; dates need the whole page
    result = bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": True, "original_date": True},
    )
    return language, date_tree, result


def read_html(
    data: bytes, *, origin: str, path_key: str | None, url: str | None = None
) -> Document:
    """Main text and metadata of a web page through trafilatura, offline.

    Title, author(s) (``;``-separated), site name as outlet, canonical url unless ``url`` (the
    fetched, final one) is given, ``<html lang>``. Paragraphs are kept blank-line apart.
    """
    raw = decode(data)
    try:
        extracted = _extract_html(raw, url)
    except Exception as exc:  # a parser bug on one page must not abort the batch
        raise ValueError(f"could not parse the HTML page ({exc.__class__.__name__})") from exc
    if extracted is None:
        raise ValueError("not an HTML page")
    language, date_tree, result = extracted
    text = getattr(result, "text", None) or ""
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if not paragraphs:
        raise ValueError("no article text found in the HTML page")
    try:
        published, meta = _html_date(date_tree, getattr(result, "date", None), url)
    except Exception:  # a date we cannot read is an unknown date, not a lost article
        published, meta = None, {}
    page_url = getattr(result, "url", None)
    return Document(
        text="\n\n".join(paragraphs) + "\n",
        origin=origin,
        title=getattr(result, "title", None) or None,
        url=url or page_url or None,
        outlet=getattr(result, "sitename", None) or None,
        published=published,
        authors=_authors(getattr(result, "author", None), ";"),
        language=language,
        meta=meta,
        path_key=path_key,
    )


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
    return None


def _entry_text(entry: Any) -> str:
    for item in [*(entry.get("content") or []), entry.get("summary_detail") or {}]:
        value = item.get("value") or ""
        kind = item.get("type") or "text/html"
        text = html_to_text(value) if "html" in kind else value.strip()
        if text.strip():
            return text + "\n"
    return ""


def parse_feed(data: bytes) -> Any | None:
    """The feedparser result when ``data`` is an RSS or Atom feed, else None."""
    import feedparser

    try:
        # a stream, never a str: feedparser fetches a str that looks like a URL
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception:  # a parser bug on one file must not abort the batch
        return None
    if not parsed.get("version") and not parsed.entries:
        return None
    return parsed


def read_feed(
    data: bytes, *, origin: str, parsed: Any | None = None
) -> Iterator[Document | ReadError]:
    """One Document per entry: content (else summary) as text, link, title, date, authors,
    the feed's title as outlet. Entry errors are ``PATH:[INDEX]``."""
    if not data:
        yield ReadError(origin, "empty file")
        return
    parsed = parsed if parsed is not None else parse_feed(data)
    if parsed is None:
        yield ReadError(origin, "not an RSS or Atom feed")
        return
    if not parsed.entries:
        yield ReadError(origin, "feed has no entries")
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    language = parsed.feed.get("language") or None
    for index, entry in enumerate(parsed.entries):
        where = f"{origin}:[{index}]"
        text = _entry_text(entry)
        if not text.strip():
            yield ReadError(where, "feed entry has no content or summary")
            continue
        names = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
        if not names and entry.get("author"):
            names = [entry["author"]]
        yield Document(
            text=text,
            origin=where,
            title=(entry.get("title") or "").strip() or None,
            url=entry.get("link") or None,
            outlet=outlet,
            published=_entry_date(entry),
            authors=tuple(n.strip() for n in names if n.strip()),
            language=language,
            path_key=None,
        )


def sniff(data: bytes) -> str:
    """Guess the kind of unnamed input (stdin, a URL without a content type) from its start."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        return "feed"
    return "text"


def parse_bytes(
    data: bytes,
    kind: str,
    *,
    origin: str,
    path_key: str | None = None,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Document | ReadError]:
    """Read ``data`` as ``kind`` (text, jsonl, csv, json, html, feed)."""
    if kind in ("jsonl", "csv", "json"):
        data = _recode(data, charset)
    try:
        if kind == "jsonl":
            yield from _some(read_jsonl(data, origin=origin), origin)
        elif kind == "csv":
            yield from _some(read_csv(data, origin=origin), origin)
        elif kind == "json":
            yield from _some(read_json(data, origin=origin), origin)
        elif kind == "feed":
            yield from _some(read_feed(data, origin=origin), origin)
        elif kind == "html":
            data = _recode(data, charset or _meta_charset(data))
            yield read_html(data, origin=origin, path_key=path_key, url=url)
        else:
            data = _recode(data, charset)
            yield read_text_document(data, origin=origin, path_key=path_key, url=url)
    except ValueError as exc:
        yield ReadError(origin, str(exc), line=getattr(exc, "line", None))


def _some(items: Iterator[Document | ReadError], origin: str) -> Iterator[Document | ReadError]:
    """A file of records that holds none (a CSV header alone, an empty array) is an error,
    not a silent success."""
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        yield ReadError(origin, "holds no articles")


def _meta_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` an HTML page declares in its first 4 KiB, if any."""
    import re

    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:4096], re.I)
    return m.group(1).decode("ascii") if m else None


def _recode(data: bytes, charset: str | None) -> bytes:
    """Bytes in a declared (HTTP) charset as UTF-8, unless they are UTF-8 already: servers
    that declare ISO-8859-1 by default often send UTF-8."""
    if not charset or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return data


def _read_limited(stream: BinaryIO, max_bytes: int, origin: str) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(origin, too_large(max_bytes))
    return data


def too_large(max_bytes: int, size: int | None = None) -> str:
    """The size-limit message: it names the limit and the option that raises it."""
    actual = f"{size:,} bytes, " if size is not None else ""
    return f"{actual}larger than the {max_bytes:,}-byte limit (raise it with --max-bytes)"


def iter_files(path: Path) -> Iterator[Path]:
    """Candidate files below a directory, sorted, skipping hidden files and folders.

    Broken links and other non-regular files with a supported suffix are yielded too, so
    ``read_file`` reports them instead of skipping them silently.
    """
    for child in sorted(path.rglob("*")):
        rel = child.relative_to(path)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if child.suffix.lower() in SUPPORTED_SUFFIXES and not child.is_dir():
            yield child


def read_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, in_directory: bool = False
) -> Iterator[Document | ReadError]:
    """Read one file; ``in_directory`` refuses FIFOs (reading one would block) and skips
    ``.xml`` that is not a feed."""
    origin = str(path)
    suffix = path.suffix.lower()
    kind = KIND_BY_SUFFIX.get(suffix)
    if kind is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        yield ReadError(origin, f"unsupported file type '{suffix or path.name}' ({supported})")
        return
    try:
        info = path.stat()
        if in_directory and not stat.S_ISREG(info.st_mode):
            yield ReadError(origin, "not a regular file (a FIFO, socket or device), skipped")
            return
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            yield ReadError(origin, too_large(max_bytes, info.st_size))
            return
        with path.open("rb") as fh:
            data = _read_limited(fh, max_bytes, origin)
    except ReadError as exc:
        yield exc
        return
    except FileNotFoundError:
        if path.is_symlink():
            yield ReadError(origin, f"broken symbolic link (to '{os.readlink(path)}')")
        else:
            yield ReadError(origin, "no such file or directory")
        return
    except OSError as exc:
        yield ReadError(origin, exc.strerror or str(exc))
        return
    if kind == "feed" and suffix == ".xml" and data:
        parsed = parse_feed(data)
        if parsed is None:
            if not in_directory:
                yield ReadError(origin, "XML that is not an RSS or Atom feed")
            return
        yield from read_feed(data, origin=origin, parsed=parsed)
        return
    yield from parse_bytes(data, kind, origin=origin, path_key=path.resolve().as_uri())


def read_url(url: str, *, max_bytes: int, timeout: float) -> Iterator[Document | ReadError]:
    """Fetch ``url`` and read it by content type; documents carry the final (redirected) URL."""
    from factdb.fetch import fetch

    try:
        page = fetch(url, max_bytes=max_bytes, timeout=timeout)
    except ReadError as exc:
        yield exc
        return
    kind = page.kind or sniff(page.data)
    single_url = page.url if kind in ("text", "html") else None
    yield from parse_bytes(
        page.data, kind, origin=url, url=single_url, charset=page.charset, path_key=None
    )


def read_inputs(
    inputs: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Document | ReadError]:
    """Yield a Document or a ReadError for every article named by ``inputs``."""
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = _read_limited(stream, max_bytes, "<stdin>")
            except ReadError as exc:
                yield exc
                continue
            yield from parse_bytes(data, sniff(data), origin="<stdin>")
            continue
        if is_url(item):
            yield from read_url(item, max_bytes=max_bytes, timeout=timeout)
            continue
        path = Path(item)
        if path.is_symlink() and not path.exists():
            yield ReadError(item, f"broken symbolic link (to '{os.readlink(path)}')")
        elif not path.exists():
            yield ReadError(item, "no such file or directory")
        elif path.is_dir():
            try:
                files = list(iter_files(path))
            except OSError as exc:
                yield ReadError(item, exc.strerror or str(exc))
                continue
            if not files:
                kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
                yield ReadError(item, f"directory holds no article files ({kinds})")
            for file in files:
                yield from read_file(file, max_bytes=max_bytes, in_directory=True)
        else:
            yield from read_file(path, max_bytes=max_bytes)
