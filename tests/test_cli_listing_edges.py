"""Issue 15, points 11 and 12: a measure found by the nouns articles use for it, a measure no
claim has named as such, and a CSV with no rows that still has its header."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import Factdb

from factdb.report import columns

ARTICLES = {
    "a.md": (
        "---\ntitle: Flood in Nepal\noutlet: Daily One\npublished: 2024-03-04\n---\n"
        "The flood in Nepal has killed 12 people, officials said on Monday.\n"
    ),
    "b.md": (
        "---\ntitle: Nepal flood toll\noutlet: Evening Two\npublished: 2024-03-05\n---\n"
        "The flood in Nepal has killed 9 people, police said on Tuesday.\n"
    ),
}


@pytest.fixture
def flood(factdb: Factdb, tmp_path: Path) -> Factdb:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert factdb("ingest", str(folder)).stdout.strip().endswith(", 1 new contradiction")
    return factdb


def test_a_measure_is_found_by_its_synonyms(flood: Factdb) -> None:
    killed = flood.json("claims", "--measure", "killed")
    assert sorted(c["value"]["low"] for c in killed) == [9, 12]
    for word in ("deaths", "Fatalities", "dead"):
        assert flood.json("claims", "--measure", word) == killed
        [pair] = flood.json("contradictions", "--measure", word)
        assert {pair["a"]["measure"], pair["b"]["measure"]} == {"killed"}
    result = flood("timeline", "--entity", "Nepal", "--measure", "deaths")
    assert "Nepal: killed (2 values)" in result.stdout
    assert [r["id"] for r in flood.json("timeline", "--entity", "Nepal", "--measure", "dead")] == [
        c["id"] for c in killed
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("claims", "--measure", "soldiers"),
        ("contradictions", "--measure", "wounded"),
        ("timeline", "--entity", "Nepal", "--measure", "houses burned"),
    ],
)
def test_a_measure_no_claim_has_names_the_stored_ones(flood: Factdb, args: tuple[str, ...]) -> None:
    result = flood(*args, code=1)
    assert result.stderr == (
        f"error: no claims with measure {args[-1]!r}; measures stored: killed\n"
    )


def test_a_measure_on_an_empty_database_says_none_is_stored(factdb: Factdb) -> None:
    result = factdb("claims", "--measure", "deaths", code=1)
    assert result.stderr == "error: no claims with measure 'deaths'; no measures stored yet\n"


def test_a_stored_measure_with_no_match_is_an_empty_listing(flood: Factdb) -> None:
    assert flood.json("claims", "--measure", "deaths", "--outlet", "Nobody") == []


LISTINGS = [
    (("claims",), columns.CLAIM),
    (("contradictions",), columns.CONTRADICTION),
    (("sources",), columns.SOURCE_LISTING),
    (("incidents",), columns.INCIDENT),
    (("entities",), columns.ENTITY),
]


@pytest.mark.parametrize(("args", "header"), LISTINGS)
def test_an_empty_csv_has_its_header(
    factdb: Factdb, args: tuple[str, ...], header: list[str]
) -> None:
    assert factdb(*args, "--format", "csv").stdout == ",".join(header) + "\n"


def test_a_filter_matching_nothing_gives_the_header(flood: Factdb) -> None:
    result = flood("claims", "--outlet", "Nobody", "--format", "csv")
    assert result.stdout == ",".join(columns.CLAIM) + "\n"
    result = flood("contradictions", "--status", "dismissed", "--format", "csv")
    assert result.stdout == ",".join(columns.CONTRADICTION) + "\n"


def _header(factdb: Factdb, *args: str) -> list[str]:
    return next(csv.reader(io.StringIO(factdb(*args, "--format", "csv").stdout)))


@pytest.mark.parametrize(
    ("args", "header"),
    [
        *LISTINGS,
        (("timeline", "--entity", "Nepal", "--measure", "killed"), columns.TIMELINE),
    ],
)
def test_the_empty_header_names_the_columns_rows_have(
    flood: Factdb, args: tuple[str, ...], header: list[str]
) -> None:
    """Every column of a listing with rows is in the empty listing's header, or is a nested
    field null in every row (then written bare: ``date``), or an incident's measure."""
    written = _header(flood, *args)
    for column in written:
        nested_null = any(h.startswith(column + ".") for h in header)
        assert column in header or nested_null or column.startswith("figures."), column
    for column in header:
        assert column in written or column.rsplit(".", 1)[0] in written, column
