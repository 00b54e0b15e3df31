"""The format registry: each format declared once, looked up by suffix, media type or its
first bytes, and no import cycle between the readers, the fetcher and the registry."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from factdb.errors import ReadError
from factdb.formats import (
    BY_MEDIA_TYPE,
    BY_NAME,
    BY_SUFFIX,
    FORMATS,
    SUPPORTED_SUFFIXES,
    format_of,
    read_bytes,
    sniff,
)
from factdb.formats.document import Input
from factdb.readers import read_inputs


def test_every_suffix_and_media_type_names_one_format() -> None:
    suffixes = [s for f in FORMATS for s in f.suffixes]
    media_types = [m for f in FORMATS for m in f.media_types]
    assert len(suffixes) == len(set(suffixes)) and len(media_types) == len(set(media_types))
    assert SUPPORTED_SUFFIXES == (
        ".atom, .csv, .htm, .html, .json, .jsonl, .markdown, .md, .ndjson, .rss, .text, .txt, .xml"
    )


@pytest.mark.parametrize(
    ("media_type", "name"),
    [
        ("application/xhtml+xml", "html"),
        ("text/xml", "feed"),
        ("application/rdf+xml", "feed"),
        ("text/x-markdown", "text"),
        ("application/x-jsonlines", "jsonl"),
        ("text/csv", "csv"),
    ],
)
def test_media_type_aliases(media_type: str, name: str) -> None:
    assert BY_MEDIA_TYPE[media_type] is BY_NAME[name]


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (b"\xef\xbb\xbf\n  <!DOCTYPE html><html>", "html"),
        (b"<HTML lang=en>", "html"),
        (b'<?xml version="1.0"?><rss>', "feed"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        (b"---\ntitle: x\n---\n<html>", "text"),
        (b'{"text": "one record"}', "json"),
        (b'[{"text": "a list of records"}]', "json"),
        (b'{"text": "first line"}\n{"text": "second line"}\n', "jsonl"),
        (b"[Updated 5 p.m.] The count rose to 12.", "text"),
        (b"{braces} open this text", "text"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE html><html>', "html"),
        (b'<?xml version="1.0"?><?xml-stylesheet href="f.xsl"?><!-- c --><rss>', "feed"),
    ],
)
def test_unnamed_input_is_sniffed_from_its_first_bytes(head: bytes, name: str) -> None:
    assert sniff(head) is BY_NAME[name]


@pytest.mark.parametrize(
    ("media_type", "body", "name"),
    [
        ("text/csv", b"text,title\nThe count rose.,A\n", "csv"),
        ("application/octet-stream", b"The count rose.", "text"),
        (None, b"The count rose.", "text"),
        ("application/json", b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ("text/plain", b"<rss version='2.0'>", "feed"),
    ],
)
def test_a_served_body_is_what_it_shows_else_what_it_is_called(
    media_type: str | None, body: bytes, name: str
) -> None:
    assert format_of(media_type, body) is BY_NAME[name]


def test_a_record_file_without_records_is_an_error() -> None:
    [error] = read_bytes(b"text,title\n", BY_SUFFIX[".csv"], Input("a.csv"))
    assert isinstance(error, ReadError) and str(error) == "a.csv: holds no articles"


def test_a_one_article_format_reports_its_error_with_the_line() -> None:
    data = b"---\ntitle: [unclosed\n---\nText."
    [error] = read_bytes(data, BY_NAME["text"], Input("<stdin>"))
    assert isinstance(error, ReadError) and error.line == 2


def test_stdin_html_is_read_as_html() -> None:
    page = b"<html><body><article><p>The U.S. has 10 troops there, officials said.</p>"
    [doc] = read_inputs(["-"], stdin=io.BytesIO(page + b"</article></body></html>"))
    assert not isinstance(doc, ReadError) and doc.text.startswith("The U.S. has 10 troops")


def _imported_after(module: str) -> list[str]:
    code = f"import json, sys\nimport {module}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("module", "must_not_import"),
    [
        ("factdb.formats", ["factdb.readers", "factdb.fetch"]),
        ("factdb.fetch", ["factdb.readers", "httpx"]),
        ("factdb.readers", ["httpx", "trafilatura", "feedparser", "yaml"]),
        ("factdb.dates", ["factdb.formats", "factdb.readers"]),
    ],
)
def test_no_import_cycle_and_heavy_parsers_load_on_first_use(
    module: str, must_not_import: list[str]
) -> None:
    """Imported alone, in a fresh interpreter, each module loads without the others it must
    not depend on (an import cycle would fail or drag them in)."""
    modules = _imported_after(module)
    assert module in modules
    assert [m for m in must_not_import if m in modules] == []
