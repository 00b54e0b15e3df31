"""Fuzz: no bytes and no front matter make ``read_inputs`` raise; each input yields
Documents or ReadErrors."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdb.errors import ReadError
from factdb.readers import Document, read_inputs

SUFFIXES = [".txt", ".md", ".jsonl", ".csv", ".json", ".html", ".rss", ".xml"]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# bytes that reach the parsers: markup and JSON shapes, not only noise that fails to decode
_fragments = st.sampled_from(
    [
        b"---\n",
        b"<html><body><p>",
        b"<?xml version='1.0'?><rss><channel><item><description>",
        b'{"text": "',
        b"[",
        b"text,title\n",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\r\n",
        b"\x00",
        "\u00a0\u201cquote\u201d caf\u00e9".encode(),
    ]
)
_bytes = st.lists(st.one_of(st.binary(max_size=64), _fragments), max_size=12).map(b"".join)


def _check(items: list[Document | ReadError]) -> None:
    assert items, "every input yields at least one item"
    for item in items:
        assert isinstance(item, (Document, ReadError))
        if isinstance(item, Document):
            assert item.text.strip()


@FUZZ
@given(data=_bytes, suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        _check(list(read_inputs([str(path)])))


@FUZZ
@given(data=_bytes)
def test_arbitrary_stdin_never_raises(data: bytes) -> None:
    _check(list(read_inputs(["-"], stdin=io.BytesIO(data))))


@FUZZ
@given(header=st.text(max_size=200), body=st.text(max_size=40))
def test_arbitrary_front_matter_never_raises(header: str, body: str) -> None:
    data = f"---\n{header}\n---\n{body}".encode("utf-8", "surrogatepass")
    _check(list(read_inputs(["-"], stdin=io.BytesIO(data))))


def test_yaml_aliases_are_refused_not_expanded() -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n---\nT."
    [err] = read_inputs(["-"], stdin=io.BytesIO(bomb.encode()))
    assert isinstance(err, ReadError)
    assert err.reason == "front matter is not valid YAML (aliases are not allowed)"


def test_deeply_nested_json_is_an_error() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deep.jsonl"
        path.write_text("[" * 100_000 + "\n", encoding="utf-8")
        [err] = read_inputs([str(path)])
    assert isinstance(err, ReadError) and err.reason == "not JSON (nested too deeply)"
