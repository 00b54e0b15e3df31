"""Readers: front matter, JSON lines, stdin and every way an input can be bad."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from factdb.errors import ReadError
from factdb.formats.text import split_front_matter
from factdb.readers import Document, read_inputs, text_hash


def _read(*inputs: str, stdin: bytes | None = None, **kw) -> list[Document | ReadError]:
    return list(read_inputs(inputs, stdin=io.BytesIO(stdin) if stdin is not None else None, **kw))


def test_front_matter_fields_and_body(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: T\nurl: https://e.org/a\noutlet: O\npublished: 2018-02-06\n"
        "authors: [A, B]\nsample: true\n---\nBody text.\n",
        encoding="utf-8",
    )
    [doc] = _read(str(path))
    assert isinstance(doc, Document)
    assert (doc.title, doc.url, doc.outlet) == ("T", "https://e.org/a", "O")
    assert doc.published == date(2018, 2, 6)
    assert doc.authors == ("A", "B")
    assert doc.meta == {"sample": True}
    assert doc.text == "Body text.\n"
    assert doc.key == "https://e.org/a"


def test_seed_body_is_the_users_article_unchanged(seeds: Path) -> None:
    # shared/ lies beside the checkout, here and in CI
    original = seeds.parent.parent / "shared" / "seeds" / "000_e471be84d75de5da.txt"
    [doc] = _read(str(seeds / "000_e471be84d75de5da.md"))
    assert isinstance(doc, Document)
    if original.exists():
        assert doc.text == original.read_text(encoding="utf-8")
    assert doc.published == date(2018, 2, 6)
    assert doc.text.startswith("BAGHDAD:")


def test_plain_text_without_front_matter_keys_by_path(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Just text.", encoding="utf-8")
    [doc] = _read(str(path))
    assert doc.title is None and doc.published is None
    assert doc.key == path.resolve().as_uri()


def test_stdin_document_keys_by_text_hash() -> None:
    [doc] = _read("-", stdin=b"From a pipe.\n")
    assert isinstance(doc, Document)
    assert doc.origin == "<stdin>"
    assert doc.key == "sha256:" + text_hash("From a pipe.")


def test_hash_ignores_line_endings_and_trailing_space() -> None:
    assert text_hash("a  \r\nb\r\n") == text_hash("a\nb")
    assert text_hash("a\nb") != text_hash("a\nc")


def test_directory_is_read_recursively_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B.", encoding="utf-8")
    (tmp_path / "a.md").write_text("A.", encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("H.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    docs = _read(str(tmp_path))
    assert [d.text for d in docs] == ["A.", "B."]


def test_missing_path_is_an_error_naming_it() -> None:
    [err] = _read("nope/missing.txt")
    assert isinstance(err, ReadError)
    assert str(err) == "nope/missing.txt: no such file or directory"


def test_bad_yaml_and_bad_date_are_errors(tmp_path: Path) -> None:
    bad_yaml = tmp_path / "y.md"
    bad_yaml.write_text("---\ntitle: [unclosed\n---\nText.", encoding="utf-8")
    bad_date = tmp_path / "d.md"
    bad_date.write_text("---\npublished: next tuesday\n---\nText.", encoding="utf-8")
    errors = _read(str(bad_yaml), str(bad_date))
    assert all(isinstance(e, ReadError) for e in errors)
    assert "front matter is not valid YAML" in str(errors[0])
    assert str(errors[1]).endswith("published: not a date: 'next tuesday' (use YYYY-MM-DD)")


def test_unclosed_front_matter_is_an_error() -> None:
    try:
        split_front_matter("---\ntitle: x\nno closing fence")
    except ValueError as exc:
        assert "no closing '---'" in str(exc)
    else:
        raise AssertionError("expected ValueError")


def test_empty_binary_and_undecodable_files_are_errors(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"abc\x00def")
    (tmp_path / "junk.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 20)
    names = ("blank.txt", "empty.txt", "bin.txt", "junk.txt")
    reasons = [e.reason for e in _read(*(str(tmp_path / n) for n in names))]
    assert reasons == [
        "no article text",
        "empty file",
        "binary file (contains NUL bytes), not article text",
        "not text: not UTF-8 (bad byte at offset 0) and no other encoding detected",
    ]


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 100, encoding="utf-8")
    [err] = _read(str(path), max_bytes=10)
    assert isinstance(err, ReadError)
    assert err.reason == "100 bytes, larger than the 10-byte limit (raise it with --max-bytes)"


def test_jsonl_bad_line_names_line_number_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"text": "One.", "url": "https://e.org/1", "published": "2018-02-06"}\n'
        "not json\n"
        '{"content": "Three.", "title": "T3"}\n'
        '{"title": "no text"}\n',
        encoding="utf-8",
    )
    items = _read(str(path))
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "Document", "ReadError"]
    assert items[1].line == 2 and str(items[1]).startswith(f"{path}:2: not JSON")
    assert items[3].line == 4
    assert items[0].published == date(2018, 2, 6) and items[2].title == "T3"


def test_unsupported_file_type(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_bytes(b"%PDF")
    [err] = _read(str(path))
    assert isinstance(err, ReadError) and err.reason.startswith("unsupported file type '.pdf'")
