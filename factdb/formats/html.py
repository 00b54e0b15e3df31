"""Web pages: main text and metadata through trafilatura, offline.

Title, author(s) (``;``-separated), site name as outlet, canonical url unless the page was
fetched (then its final URL), ``<html lang>``, and the page's date (see ``_html_date``).
trafilatura and htmldate are imported on first use: CLI start time matters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from factdb.dates import parse_date
from factdb.formats.decoding import decode, meta_charset, recode
from factdb.formats.document import Document, Input, authors


def _copyright_years(text: str) -> set[int]:
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
        return parse_date(declared), {}
    if not found:
        return None, {}
    guessed = parse_date(found)
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


def read_html(data: bytes, given: Input) -> Iterator[Document]:
    """The page's main text, paragraphs blank-line apart, and its metadata.

    The charset a server declared wins over the page's own ``<meta charset>``.
    """
    url = given.url
    raw = decode(recode(data, given.charset or meta_charset(data)))
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
    yield Document(
        text="\n\n".join(paragraphs) + "\n",
        origin=given.origin,
        title=getattr(result, "title", None) or None,
        url=url or page_url or None,
        outlet=getattr(result, "sitename", None) or None,
        published=published,
        authors=authors(getattr(result, "author", None), ";"),
        language=language,
        meta=meta,
        path_key=given.path_key,
    )
