"""RSS and Atom feeds: one article per entry, through feedparser (imported on first use).

An entry's content (else its summary) is its text, HTML reduced to paragraphs by
``html_to_text``; its link, title, date and authors are kept, the feed's title is the outlet.
Entry errors are ``PATH:[INDEX]``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from typing import Any

from factdb.errors import ReadError
from factdb.formats.document import Document, Input


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
    data: bytes, given: Input, parsed: Any | None = None
) -> Iterator[Document | ReadError]:
    """One Document per entry: content (else summary) as text, link, title, date, authors,
    the feed's title as outlet. ``parsed``: the feed when the caller has parsed it already."""
    origin = given.origin
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
