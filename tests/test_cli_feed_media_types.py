"""Feeds and records under the media types servers really send (issue 15, points 7 and 12d).

A local http.server in a thread serves each body under a careless content type; nothing here
touches the internet. ``ingest URL`` must read what the body is, and ``--url`` must refuse an
input that holds several articles.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import Factdb

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet type="text/xsl" href="/feed.xsl"?>
<rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Ferries</title><link>https://harbour.example/ferries</link>
<pubDate>Tue, 06 Mar 2018 09:00:00 GMT</pubDate>
<description>The port authority said 14 ferries were taken out of service.</description></item>
<item><title>Cranes</title><link>https://harbour.example/cranes</link>
<pubDate>Wed, 07 Mar 2018 09:00:00 GMT</pubDate>
<description>The port authority said 9 new cranes were ordered.</description></item>
</channel></rss>
"""
RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://valley.example/"><title>Valley Post</title></channel>
<item rdf:about="https://valley.example/dam"><title>Dam</title>
<link>https://valley.example/dam</link>
<description>Engineers said 3 sluice gates were repaired.</description></item>
<item rdf:about="https://valley.example/bridge"><title>Bridge</title>
<link>https://valley.example/bridge</link>
<description>Engineers said 2 bridge spans were replaced.</description></item>
</rdf:RDF>
"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ridge Times</title>
<entry><title>Trails</title><link href="https://ridge.example/trails"/>
<updated>2018-03-06T09:00:00Z</updated>
<summary>Rangers said 21 trails were closed after the storm.</summary></entry>
<entry><title>Huts</title><link href="https://ridge.example/huts"/>
<updated>2018-03-07T09:00:00Z</updated>
<summary>Rangers said 5 mountain huts were reopened.</summary></entry>
</feed>
"""
JSONL = b"".join(
    json.dumps(record).encode() + b"\n"
    for record in (
        {
            "url": "https://mill.example/looms",
            "title": "Looms",
            "text": "The mill's owner said 30 looms were restarted.",
        },
        {
            "url": "https://mill.example/shifts",
            "title": "Shifts",
            "text": "The mill's owner said 2 night shifts were added.",
        },
    )
)
FEED_URLS = {
    "rss": ["https://harbour.example/ferries", "https://harbour.example/cranes"],
    "rdf": ["https://valley.example/dam", "https://valley.example/bridge"],
    "atom": ["https://ridge.example/trails", "https://ridge.example/huts"],
    "jsonl": ["https://mill.example/looms", "https://mill.example/shifts"],
}


class Handler(BaseHTTPRequestHandler):
    # path -> (content type, body, the article urls it holds)
    ROUTES: ClassVar[dict[str, tuple[str, bytes, list[str]]]] = {
        "/x-rss": ("application/x-rss+xml; charset=utf-8", RSS, FEED_URLS["rss"]),
        "/rdf": ("application/rdf+xml", RDF, FEED_URLS["rdf"]),
        "/text-xml": ("text/xml", ATOM, FEED_URLS["atom"]),
        "/app-xml": ("application/xml", RSS, FEED_URLS["rss"]),
        "/x-atom": ("application/x-atom+xml", ATOM, FEED_URLS["atom"]),
        "/rss-as-plain": ("text/plain; charset=utf-8", RSS, FEED_URLS["rss"]),
        "/rss-as-html": ("text/html", RSS, FEED_URLS["rss"]),
        "/jsonl-octet": ("application/octet-stream", JSONL, FEED_URLS["jsonl"]),
        "/jsonl-binary": ("binary/octet-stream", JSONL, FEED_URLS["jsonl"]),
        "/jsonl-json": ("application/json", JSONL, FEED_URLS["jsonl"]),
        "/jsonl-plain": ("text/plain", JSONL, FEED_URLS["jsonl"]),
    }
    OTHER: ClassVar[dict[str, tuple[str, bytes]]] = {
        "/text-octet": (
            "application/octet-stream",
            b"The harbour master said 4 tugs were sold.\n",
        ),
        "/binary-octet": ("application/octet-stream", b"\x00\x01\x02 not text at all"),
        "/pdf": ("application/pdf", b"%PDF-1.4 a document"),
    }

    def do_GET(self) -> None:
        if self.path in self.ROUTES:
            content_type, body, _ = self.ROUTES[self.path]
        elif self.path in self.OTHER:
            content_type, body = self.OTHER[self.path]
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("path", sorted(Handler.ROUTES))
def test_a_feed_or_json_lines_under_an_alias_or_generic_type_is_read(
    factdb: Factdb, server: str, path: str
) -> None:
    result = factdb("ingest", server + path)
    assert result.stdout.startswith("2 sources, 2 new revisions,"), result.output
    assert "error" not in result.stderr
    assert [s["url"] for s in factdb.json("sources")] == Handler.ROUTES[path][2]


def test_text_served_as_octet_stream_is_one_article(factdb: Factdb, server: str) -> None:
    result = factdb("ingest", f"{server}/text-octet")
    assert result.stdout.startswith("1 source, 1 new revision,")
    [source] = factdb.json("sources")
    assert source["url"] == f"{server}/text-octet"


def test_binary_or_unknown_bodies_are_still_refused_in_one_line(
    factdb: Factdb, server: str
) -> None:
    binary = factdb("ingest", f"{server}/binary-octet", code=1)
    assert binary.stderr.splitlines()[-1] == (
        f"error: {server}/binary-octet: binary file (contains NUL bytes), not article text"
    )
    pdf = factdb("ingest", f"{server}/pdf", code=1)
    assert pdf.stderr.splitlines()[-1] == (
        f"error: {server}/pdf: unsupported content type 'application/pdf' "
        "(expected HTML, an RSS/Atom feed, text, JSON or CSV)"
    )


def test_json_lines_on_stdin_are_records_not_one_text(factdb: Factdb) -> None:
    result = factdb("ingest", "-", input=JSONL.decode())
    assert result.stdout.startswith("2 sources, 2 new revisions,")
    assert [s["title"] for s in factdb.json("sources")] == ["Looms", "Shifts"]


def test_url_option_with_a_feed_is_a_usage_error_and_stores_nothing(
    factdb: Factdb, server: str, tmp_path: Path
) -> None:
    feed = tmp_path / "harbour.rss"
    feed.write_bytes(RSS)
    given = "https://harbour.example/all"
    result = factdb("ingest", "--url", given, str(feed), code=2)
    assert result.stderr.splitlines()[-1] == (
        f"error: --url applies to one article; {feed} holds 2"
    )
    fetched = factdb("ingest", "--url", given, f"{server}/jsonl-octet", code=2)
    assert fetched.stderr.splitlines()[-1] == (
        f"error: --url applies to one article; {server}/jsonl-octet holds 2"
    )
    assert factdb.json("sources") == []


def test_url_option_names_a_single_article(factdb: Factdb, tmp_path: Path) -> None:
    story = tmp_path / "tugs.txt"
    story.write_text("The harbour master said 4 tugs were sold.\n", encoding="utf-8")
    factdb("ingest", "--url", "https://harbour.example/tugs", str(story))
    [source] = factdb.json("sources")
    assert source["url"] == "https://harbour.example/tugs"
