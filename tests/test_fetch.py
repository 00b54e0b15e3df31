"""URLs: fetched from a local HTTP server that the test starts (127.0.0.1, a free port).

Nothing here touches the internet.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import Factdb

from factdb.errors import ReadError
from factdb.fetch import fetch
from factdb.readers import Document, read_inputs

DATA = Path(__file__).parent / "data"
RELEASE = threading.Event()  # set at teardown so a sleeping handler lets go at once


class Handler(BaseHTTPRequestHandler):
    ROUTES: ClassVar[dict[str, tuple[str, bytes]]] = {
        "/article.html": ("text/html; charset=utf-8", (DATA / "page_meta_date.html").read_bytes()),
        "/feed": ("application/rss+xml", (DATA / "feed.rss").read_bytes()),
        "/plain.txt": (
            "text/plain; charset=iso-8859-1",
            "Le pr\u00e9sident a dit que 300 soldats sont arriv\u00e9s.\n".encode("latin-1"),
        ),
        "/articles.json": ("application/json", (DATA / "articles.json").read_bytes()),
        "/image.png": ("image/png", b"\x89PNG\r\n\x1a\n"),
        "/untyped": ("", b"The U.S. has 10 troops there.\n"),
    }

    def do_GET(self) -> None:
        path = self.path
        if path == "/redirect":
            self._redirect("/hop")
        elif path == "/hop":
            self._redirect("/article.html")
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/slow":
            RELEASE.wait(5)
            self._send("text/plain", b"late")
        elif path == "/big":
            self._send("text/plain", b"x" * 5000)
        elif path == "/big-chunked":  # no Content-Length: the limit must hold while streaming
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"y" * 100)
            self.close_connection = True
        elif path in self.ROUTES:
            self._send(*self.ROUTES[path])
        else:
            self.send_error(404)

    def _redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, content_type: str, body: bytes) -> None:
        self.send_response(200)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (timeout, size limit) breaks the pipe: expected here


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    RELEASE.clear()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        RELEASE.set()
        httpd.shutdown()
        httpd.server_close()


def _read(url: str, **kw: object) -> list[Document | ReadError]:
    return list(read_inputs([url], **kw))  # type: ignore[arg-type]


def test_html_page_keeps_the_final_url_after_redirects(server: str) -> None:
    [doc] = _read(f"{server}/redirect")
    assert isinstance(doc, Document)
    assert doc.url == f"{server}/article.html"  # not the canonical link, not the one asked for
    assert doc.published == date(2018, 2, 6) and doc.outlet == "Daily Example"
    assert doc.origin == f"{server}/redirect"


def test_feed_text_and_json_by_content_type(server: str) -> None:
    feed = _read(f"{server}/feed")
    assert [d.url for d in feed if isinstance(d, Document)] == [
        "https://wire.example/world/us-troops",
        "https://wire.example/world/summary-only",
    ]
    [plain] = _read(f"{server}/plain.txt")
    assert isinstance(plain, Document) and plain.url == f"{server}/plain.txt"
    assert plain.text == "Le pr\u00e9sident a dit que 300 soldats sont arriv\u00e9s.\n"
    items = _read(f"{server}/articles.json")
    assert [type(i).__name__ for i in items] == ["Document", "Document", "ReadError", "ReadError"]
    assert str(items[2]).startswith(f"{server}/articles.json:[2]: ")
    [untyped] = _read(f"{server}/untyped")  # no content type: sniffed, plain text
    assert isinstance(untyped, Document) and untyped.text.startswith("The U.S.")


@pytest.mark.parametrize(
    ("path", "kw", "reason"),
    [
        ("/missing", {}, "HTTP 404"),
        ("/slow", {"timeout": 0.3}, "timed out after 0.3 s (raise it with --timeout)"),
        (
            "/big",
            {"max_bytes": 1000},
            "5,000 bytes, larger than the 1,000-byte limit (raise it with --max-bytes)",
        ),
        (
            "/big-chunked",
            {"max_bytes": 1000},
            "larger than the 1,000-byte limit (raise it with --max-bytes)",
        ),
        (
            "/image.png",
            {},
            "unsupported content type 'image/png' "
            "(expected HTML, an RSS/Atom feed, text, JSON or CSV)",
        ),
        ("/loop", {}, "more than 5 redirects"),
    ],
    ids=["404", "timeout", "too-large", "too-large-streamed", "not-text", "redirect-loop"],
)
def test_fetch_errors_name_the_url(server: str, path: str, kw: dict, reason: str) -> None:
    [err] = _read(server + path, **kw)
    assert isinstance(err, ReadError)
    assert str(err) == f"{server}{path}: {reason}"


def test_unreachable_host_is_a_clean_error() -> None:
    with pytest.raises(ReadError) as info:
        fetch("http://127.0.0.1:9/", max_bytes=100, timeout=1)  # the discard port: refused
    assert info.value.reason.startswith("could not fetch (ConnectError")


def test_cli_ingests_a_url_under_its_final_address(factdb: Factdb, server: str) -> None:
    result = factdb("ingest", f"{server}/redirect")
    assert result.stdout.startswith("1 source, 1 new revision")
    [source] = factdb.json("sources")
    assert source["url"] == f"{server}/article.html"
    assert source["published"] == "2018-02-06"


def test_cli_url_errors_exit_1_and_the_rest_lands(
    factdb: Factdb, server: str, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The United States has 5,000 troops in Iraq.\n", encoding="utf-8")
    missing, slow = f"{server}/missing", f"{server}/slow"
    result = factdb("ingest", "--timeout", "0.3", missing, slow, str(good), code=1)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {missing}: HTTP 404",
        f"error: {slow}: timed out after 0.3 s (raise it with --timeout)",
    ]
    assert result.stdout.startswith("1 source, 1 new revision")
