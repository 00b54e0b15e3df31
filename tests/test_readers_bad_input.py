"""Bad input, each case through the reader and through ``factdb ingest``.

Every case pins ``error: PATH[:LINE]: reason`` on stderr, exit code 1, and the good article
given after it still ingested.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Factdb

from factdb.errors import ReadError
from factdb.readers import DEFAULT_MAX_BYTES, Document, read_inputs

GOOD = "The United States has 5,000 troops in Iraq, officials said.\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _empty(d: Path) -> tuple[str, str]:
    (d / "empty.txt").write_bytes(b"")
    return str(d / "empty.txt"), "empty file"


def _binary(d: Path) -> tuple[str, str]:
    (d / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return str(d / "photo.md"), "binary file (contains NUL bytes), not article text"


def _undecodable(d: Path) -> tuple[str, str]:
    (d / "junk.txt").write_bytes(b"Troops: " + b"\x81\x8d\x8f\x90\x9d\xff" * 30)
    reason = "not text: not UTF-8 (bad byte at offset 8) and no other encoding detected"
    return str(d / "junk.txt"), reason


def _too_large(d: Path) -> tuple[str, str]:
    path = d / "huge.txt"
    with path.open("wb") as fh:  # sparse: 100 MB on paper, nothing on disk, never committed
        fh.truncate(100 * 1024 * 1024)
    return str(path), (
        f"104,857,600 bytes, larger than the {DEFAULT_MAX_BYTES:,}-byte limit "
        "(raise it with --max-bytes)"
    )


def _not_yaml(d: Path) -> tuple[str, str]:
    (d / "y.md").write_text("---\ntitle: [unclosed\n---\n" + GOOD, encoding="utf-8")
    reason = "front matter is not valid YAML (expected ',' or ']', but got '<stream end>')"
    return f"{d / 'y.md'}:2", reason


def _not_yaml_mapping(d: Path) -> tuple[str, str]:
    (d / "m.md").write_text(
        "---\nurl: https://e.org/a\ntitle: Iraq: troops\n---\n" + GOOD, encoding="utf-8"
    )
    return f"{d / 'm.md'}:3", "front matter is not valid YAML (mapping values are not allowed here)"


def _control_character_title(d: Path) -> tuple[str, str]:
    """A C1 control character (CSI, U+009B) is text to the decoder but refused by YAML."""
    (d / "c1.md").write_text(
        "---\nurl: https://e.org/b\ntitle: Troops\x9b in Iraq\n---\n" + GOOD, encoding="utf-8"
    )
    reason = (
        "front matter is not valid YAML "
        "(unacceptable character #x009b: special characters are not allowed)"
    )
    return f"{d / 'c1.md'}:3", reason


def _next_line_character_in_title(d: Path) -> tuple[str, str]:
    """YAML breaks lines at U+0085 (NEL), so ``in Iraq`` reads as a key without a colon; the
    error is found on the next line, and lines are the file's, counted at LF."""
    text = "---\nurl: https://e.org/c\ntitle: Troops\x85in Iraq\nouter: x\n---\n" + GOOD
    (d / "nel.md").write_text(text, encoding="utf-8")
    reason = (
        "front matter is not valid YAML (could not find expected ':'; "
        "YAML reads U+0085 on line 3 as a line break)"
    )
    return f"{d / 'nel.md'}:4", reason


def _bad_date(d: Path) -> tuple[str, str]:
    (d / "d.md").write_text("---\npublished: someday\n---\n" + GOOD, encoding="utf-8")
    return str(d / "d.md"), "published: not a date: 'someday' (use YYYY-MM-DD)"


def _bad_json_line(d: Path) -> tuple[str, str]:
    (d / "b.jsonl").write_text('{"text": "One."}\n{"text": oops}\n', encoding="utf-8")
    return f"{d / 'b.jsonl'}:2", "not JSON (Expecting value)"


def _csv_row_without_text(d: Path) -> tuple[str, str]:
    (d / "c.csv").write_text("title,text\nA,One.\nB,\n", encoding="utf-8")
    return f"{d / 'c.csv'}:3", "no article text (an empty 'text' column)"


def _missing(d: Path) -> tuple[str, str]:
    return str(d / "nope" / "missing.md"), "no such file or directory"


CASES: dict[str, Callable[[Path], tuple[str, str]]] = {
    "empty": _empty,
    "binary": _binary,
    "undecodable": _undecodable,
    "too-large": _too_large,
    "front-matter-not-yaml": _not_yaml,
    "front-matter-not-yaml-mapping": _not_yaml_mapping,
    "front-matter-control-character": _control_character_title,
    "front-matter-next-line-character": _next_line_character_in_title,
    "front-matter-bad-date": _bad_date,
    "jsonl-line-not-json": _bad_json_line,
    "csv-row-without-text": _csv_row_without_text,
    "missing": _missing,
}


def _input_of(where: str) -> str:
    """The path to pass for an error located at ``PATH:LINE``."""
    head, _, tail = where.rpartition(":")
    return head if tail.isdigit() else where


@pytest.mark.parametrize("case", CASES)
def test_reader_reports_bad_input(tmp_path: Path, case: str) -> None:
    where, reason = CASES[case](tmp_path)
    errors = [i for i in read_inputs([_input_of(where)]) if isinstance(i, ReadError)]
    assert [str(e) for e in errors] == [f"{where}: {reason}"]


@pytest.mark.parametrize("case", CASES)
def test_cli_reports_bad_input_and_ingests_the_rest(
    factdb: Factdb, tmp_path: Path, case: str
) -> None:
    where, reason = CASES[case](tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = factdb("ingest", _input_of(where), str(good), code=1)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {where}: {reason}"]
    # the jsonl and csv cases carry one good record of their own
    expected = 2 if case in ("jsonl-line-not-json", "csv-row-without-text") else 1
    assert result.stdout.startswith(f"{expected} source{'s' if expected > 1 else ''}, ")
    assert any(s["title"] is None for s in factdb.json("sources"))


def _unreadable_directory(d: Path) -> tuple[Path, list[str]]:
    """A folder with one good file and files that cannot be read.

    chmod 000 blocks reads only for a normal user; tests run as root in CI, where a dangling
    symlink and a FIFO (reading one would block) stand in for the unreadable file.
    """
    folder = d / "batch"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_link.txt").symlink_to(folder / "gone.txt")
    os.mkfifo(folder / "c_fifo.md")
    expected = [
        f"{folder / 'b_link.txt'}: broken symbolic link (to '{folder / 'gone.txt'}')",
        f"{folder / 'c_fifo.md'}: not a regular file (a FIFO, socket or device), skipped",
    ]
    if not IS_ROOT:
        locked = folder / "d_locked.txt"
        locked.write_text(GOOD, encoding="utf-8")
        locked.chmod(0)
        expected.append(f"{locked}: Permission denied")
    return folder, expected


def test_reader_reports_unreadable_files_in_a_directory(tmp_path: Path) -> None:
    folder, expected = _unreadable_directory(tmp_path)
    items = list(read_inputs([str(folder)]))
    assert [str(i) for i in items if isinstance(i, ReadError)] == expected
    assert [i.text for i in items if isinstance(i, Document)] == [GOOD]


def test_cli_reports_unreadable_files_in_a_directory(factdb: Factdb, tmp_path: Path) -> None:
    folder, expected = _unreadable_directory(tmp_path)
    result = factdb("ingest", str(folder), code=1)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {e}" for e in expected]
    assert result.stdout.startswith("1 source, 1 new revision")


def test_max_bytes_option_names_the_limit(factdb: Factdb, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    result = factdb("ingest", "--max-bytes", "10", str(article), code=1)
    assert result.stderr.splitlines()[-1] == (
        f"error: {article}: {len(GOOD)} bytes, larger than the 10-byte limit "
        "(raise it with --max-bytes)"
    )


def test_record_files_without_records_are_errors(tmp_path) -> None:
    from factdb.readers import read_inputs

    cases = (
        ("h.csv", "text,title\n", "holds no articles"),
        ("a.json", "[]", "empty array, no articles"),
        ("b.jsonl", "\n \n", "holds no articles"),
    )
    for name, body, reason in cases:
        (tmp_path / name).write_text(body, encoding="utf-8")
        [error] = list(read_inputs([str(tmp_path / name)]))
        assert str(error) == f"{tmp_path / name}: {reason}"
