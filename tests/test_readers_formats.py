"""Readers: encodings, CSV, JSON arrays, HTML pages and RSS/Atom feeds (fixtures in tests/data)."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest

from factdb.errors import ReadError
from factdb.extract import extract
from factdb.formats.feeds import html_to_text
from factdb.readers import Document, read_inputs

DATA = Path(__file__).parent / "data"
ARTICLE = "The United States has more than 5,000 troops in Iraq, officials said.\n"


def _read(*inputs: str | Path, stdin: bytes | None = None) -> list[Document | ReadError]:
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(read_inputs([str(i) for i in inputs], stdin=stream))


def _one(path: Path) -> Document:
    [doc] = _read(path)
    assert isinstance(doc, Document), doc
    return doc


# encodings


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
        ARTICLE.encode("utf-16"),  # with BOM
        ARTICLE.encode("utf-16-be").join([b"\xfe\xff", b""]),
        ARTICLE.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "crlf"],
)
def test_unicode_encodings_and_line_ends(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert _one(path).text == ARTICLE


def test_cp1252_and_latin1_are_detected(tmp_path: Path) -> None:
    text = (
        "Le pr\u00e9sident a d\u00e9clar\u00e9 que \u201cles troupes\u201d resteront \u2014 "
        "a caf\u00e9 owner in Erbil said 1,200 soldiers had arrived.\r\n"
    )
    (tmp_path / "cp1252.md").write_bytes(("---\ntitle: T\u00e9\n---\n" + text).encode("cp1252"))
    latin = "Der Bürgermeister sagte, 300 Soldaten seien in der Stadt. Ça va.\n"
    (tmp_path / "latin1.txt").write_bytes(latin.encode("latin-1"))
    doc = _one(tmp_path / "cp1252.md")
    assert doc.text == text.replace("\r\n", "\n") and doc.title == "T\u00e9"
    assert _one(tmp_path / "latin1.txt").text == latin


def test_nbsp_and_smart_quotes_are_kept_and_spans_index_the_stored_text(tmp_path: Path) -> None:
    text = (
        "BAGHDAD:\u00a0The United States has more than\u00a05,000 troops in Iraq, "
        "the \u201cspokesman\u201d said.\n"
    )
    path = tmp_path / "nbsp.md"
    path.write_text("---\npublished: 2018-02-06\n---\n" + text, encoding="utf-8")
    doc = _one(path)
    assert doc.text == text  # stored as written: no quote or space folding
    [claim] = [c for c in extract(doc.text, doc.published).claims if c.measure == "troops"]
    assert (claim.subject, claim.location, claim.value_low) == ("United States", "Iraq", 5000)
    assert doc.text[claim.span[0] : claim.span[1]] == claim.text
    assert doc.text[claim.value_span[0] : claim.value_span[1]] == "more than\u00a05,000"


# CSV and JSON


def test_csv_rows_columns_and_errors_by_line() -> None:
    items = _read(DATA / "articles.csv")
    first, second, no_text, bad_date = items
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.title, first.url, first.outlet) == ("First", "https://csv.example/1", "CSV Times")
    assert first.published == date(2018, 2, 6) and first.authors == ("Jane Roe", "John Doe")
    assert first.meta == {"section": "world"} and first.origin.endswith("articles.csv:2")
    assert second.text == 'A text with a "quote", a comma\nand a second line.'
    # the quoted newline makes row 3 two lines long, so the next record starts on line 5
    assert str(no_text) == f"{DATA / 'articles.csv'}:5: no article text (an empty 'text' column)"
    assert isinstance(bad_date, ReadError) and bad_date.line == 6
    assert bad_date.reason == "published: not a date: 'not-a-date' (use YYYY-MM-DD)"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("title,url\nT,https://e.org\n", "no 'text' or 'content' column (columns: title, url)"),
        ("\n\n", "no header row"),
    ],
)
def test_csv_file_level_errors(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    [err] = _read(path)
    assert isinstance(err, ReadError) and err.reason == reason


def test_csv_content_column_extra_fields_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"\xef\xbb\xbfContent,Title\r\nOne.,A\r\nTwo.,B,extra\r\n")
    one, two = _read(path)
    assert isinstance(one, Document) and (one.text, one.title) == ("One.", "A")
    assert str(two) == f"{path}:3: 3 fields, the header has 2"


def test_json_array_documents_and_errors_by_index() -> None:
    one, two, no_text, not_object = _read(DATA / "articles.json")
    assert isinstance(one, Document) and isinstance(two, Document)
    assert one.authors == ("Jane Roe", "John Doe") and one.published == date(2018, 2, 6)
    assert two.text == "Second article." and two.meta == {"tags": ["x"]}
    path = DATA / "articles.json"
    assert str(no_text) == f"{path}:[2]: no article text (a 'text' or 'content' field)"
    assert str(not_object) == f"{path}:[3]: expected a JSON object"


def test_json_single_object_syntax_error_and_wrong_shape(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text('{"text": "Only one.", "title": "T"}', encoding="utf-8")
    (tmp_path / "broken.json").write_text('[\n  {"text": "x"},\n  {oops}\n]', encoding="utf-8")
    (tmp_path / "number.json").write_text("42", encoding="utf-8")
    one, broken, number = _read(*(tmp_path / n for n in ("one.json", "broken.json", "number.json")))
    assert isinstance(one, Document) and one.title == "T" and one.origin.endswith("one.json")
    assert isinstance(broken, ReadError) and broken.line == 3
    assert broken.reason.startswith("not JSON (Expecting property name")
    assert str(number).endswith("number.json: expected an article object or an array of them")


# HTML


def test_html_meta_date_wins_over_body_dates_and_boilerplate_is_dropped() -> None:
    doc = _one(DATA / "page_meta_date.html")
    assert doc.published == date(2018, 2, 6)  # not March 3, 2017 (body) nor 2015 (footer)
    assert (doc.title, doc.outlet, doc.authors) == (
        "US troop numbers in Iraq",
        "Daily Example",
        ("Jane Roe",),
    )
    assert doc.url == "https://daily.example/world/us-troops-iraq"  # canonical link
    assert doc.language == "en"
    assert "more than 5,000 troops in Iraq" in doc.text
    for boilerplate in ("Subscribe today", "Weather", "Ten recipes", "Privacy", "©"):
        assert boilerplate not in doc.text


def test_html_copyright_year_guess_is_an_unknown_date() -> None:
    doc = _one(DATA / "page_copyright_only.html")
    assert doc.published is None
    assert doc.meta == {"dropped_date": "2015-01-01", "dropped_date_reason": "copyright year"}
    assert doc.outlet == "Daily Example" and "Buy one" not in doc.text


def test_html_json_ld_and_time_element_dates() -> None:
    ld = _one(DATA / "page_jsonld_time.html")
    assert ld.published == date(2017, 7, 2) and ld.authors == ("Ali Hassan", "Mary Major")
    assert ld.outlet == "Wire Example" and ld.language == "en-GB"
    timed = _one(DATA / "page_time_element.html")
    assert timed.published == date(2019, 3, 14)  # <time>, not the © 2019 footer's Jan 1


def test_html_from_stdin_is_recognised() -> None:
    [doc] = _read("-", stdin=(DATA / "page_meta_date.html").read_bytes())
    assert isinstance(doc, Document) and doc.published == date(2018, 2, 6)


def test_html_without_main_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text(
        "<html><head><title>x</title><style>p {}</style></head>"
        "<body><script>var a = 1;</script><div></div></body></html>"
    )
    [err] = _read(path)
    assert isinstance(err, ReadError) and err.reason == "no article text found in the HTML page"


# feeds


def test_rss_entries_become_documents() -> None:
    full, summary_only, empty = _read(DATA / "feed.rss")
    assert isinstance(full, Document) and isinstance(summary_only, Document)
    assert full.text == ARTICLE + "\nThe figure has not changed & will be reviewed.\n"
    assert (full.url, full.title, full.outlet) == (
        "https://wire.example/world/us-troops",
        "US troop numbers in Iraq",
        "Wire Example: World",
    )
    assert full.published == date(2018, 2, 6) and full.authors == ("Jane Roe",)
    assert summary_only.text == "About 3,500 troops remain, a spokesman said.\n"
    assert str(empty) == f"{DATA / 'feed.rss'}:[2]: feed entry has no content or summary"


def test_atom_entry_with_two_authors() -> None:
    [entry] = _read(DATA / "feed.atom")
    assert isinstance(entry, Document)
    assert entry.authors == ("Ali Hassan", "Mary Major") and entry.published == date(2018, 2, 20)
    assert entry.url == "https://atom.example/2018/02/pentagon"
    assert entry.outlet == "Atom Example News"


def test_xml_is_read_as_a_feed_only_when_it_is_one(tmp_path: Path) -> None:
    assert len([d for d in _read(DATA / "feed_rss.xml") if isinstance(d, Document)]) == 2
    [err] = _read(DATA / "not_a_feed.xml")
    assert isinstance(err, ReadError) and err.reason == "XML that is not an RSS or Atom feed"
    shutil.copy(DATA / "not_a_feed.xml", tmp_path / "sitemap.xml")
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    assert [d.text for d in _read(tmp_path)] == ["A."]  # walked, not named: skipped quietly


def test_html_to_text_blocks_entities_and_scripts() -> None:
    html = "<p>One &amp; two.</p><script>x()</script><ul><li>Three</li><li>Four</li></ul>"
    assert html_to_text(html) == "One & two.\n\nThree\n\nFour"


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    sentence = "東京で会議が開かれ、五千人の兵士が参加したと当局者が述べた。"
    page = (
        '<html><head><meta charset="shift_jis"><title>t</title></head><body><article>'
        f"<p>{sentence * 3}</p><p>{sentence * 2}</p></article></body></html>"
    )
    path = tmp_path / "sjis.html"
    path.write_bytes(page.encode("shift_jis"))
    assert _one(path).text.startswith(sentence)


def test_html_and_feeds_are_read_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    names = ("page_meta_date.html", "page_copyright_only.html", "feed.rss", "feed.atom")
    assert all(isinstance(d, Document) for n in names for d in _read(DATA / n)[:1])
