"""Metadata given later for a stored text (issue 15, point 5): a re-ingest with a date, url,
outlet or authors the source lacked updates it, and a date re-dates its claims; a re-ingest
that gives no metadata changes nothing."""

from __future__ import annotations

from pathlib import Path

from conftest import Factdb

LOW = "A fire at an apartment building in Dallas killed 12 people, officials said.\n"
HIGH = "A fire at an apartment building in Dallas killed 19 people, the fire chief said.\n"


def _write(path: Path, body: str, front: str = "") -> str:
    path.write_text(f"---\n{front}---\n{body}" if front else body, encoding="utf-8")
    return str(path)


def test_a_date_given_later_dates_the_source_and_its_claims(factdb: Factdb, tmp_path: Path) -> None:
    low = _write(tmp_path / "low.txt", LOW)
    high = _write(tmp_path / "high.txt", HIGH)
    factdb("ingest", low)
    factdb("ingest", high, "--published", "2024-03-05")
    undated = factdb.json("claims", "--source", "1")
    assert [c["as_of"] for c in undated] == [None, None]
    assert factdb.json("contradictions") == []

    again = factdb("ingest", low, "--published", "2024-03-05")
    assert again.stdout.strip() == (
        "1 source, 0 new revisions, 0 claims, 1 new contradiction, 1 source's metadata updated"
    )
    [source] = [s for s in factdb.json("sources") if s["id"] == 1]
    assert source["published"] == "2024-03-05"
    dated = factdb.json("claims", "--source", "1")
    assert [c["id"] for c in dated] == [c["id"] for c in undated]  # same fingerprints, same ids
    assert [c["as_of"] for c in dated] == ["2024-03-05", "2024-03-05"]
    [pair] = factdb.json("contradictions")
    figures = {pair["a"]["value"]["low"], pair["b"]["value"]["low"]}
    assert figures == {12, 19}

    same = factdb("ingest", low, "--published", "2024-03-05")
    assert same.stdout.strip() == (
        "1 source, 0 new revisions, 0 claims, 0 new contradictions, 1 unchanged"
    )
    bare = factdb("ingest", low)  # no date given: the stored one stays
    assert bare.stdout.strip() == same.stdout.strip()
    assert [s["published"] for s in factdb.json("sources")] == ["2024-03-05", "2024-03-05"]
    assert len(factdb.json("contradictions")) == 1


def test_front_matter_given_later_updates_only_what_it_gives(
    factdb: Factdb, tmp_path: Path
) -> None:
    path = tmp_path / "fire.md"
    factdb("ingest", _write(path, LOW, "title: Dallas fire\npublished: 2024-03-05\n"))
    front = "outlet: Dallas Courier\nauthors: [Ana Ruiz, Bo Li]\n"
    result = factdb("ingest", _write(path, LOW, front))
    assert result.stdout.strip() == (
        "1 source, 0 new revisions, 0 claims, 0 new contradictions, 1 source's metadata updated"
    )
    [source] = factdb.json("sources")
    assert (source["title"], source["outlet"], source["published"]) == (
        "Dallas fire",
        "Dallas Courier",
        "2024-03-05",
    )
    shown = factdb("sources", "show", "1").stdout
    assert "authors: Ana Ruiz, Bo Li" in shown
    unchanged = factdb("ingest", _write(path, LOW))  # no front matter: nothing to change
    assert unchanged.stdout.strip().endswith("0 new contradictions, 1 unchanged")
    assert factdb.json("sources") == [source]


def test_a_url_given_later_is_the_same_source_not_a_copy(factdb: Factdb, tmp_path: Path) -> None:
    path = _write(tmp_path / "fire.txt", LOW)
    factdb("ingest", path)
    result = factdb("ingest", path, "--url", "https://www.example.org/news/fire")
    assert result.stdout.strip() == (
        "1 source, 0 new revisions, 0 claims, 0 new contradictions, 1 source's metadata updated"
    )
    [source] = factdb.json("sources")
    assert (source["url"], source["outlet"], source["copy_of"]) == (
        "https://www.example.org/news/fire",
        "example.org",
        None,
    )
    again = factdb("ingest", path, "--url", "https://www.example.org/news/fire")
    assert again.stdout.strip().endswith("1 unchanged")


def test_a_syndicated_copy_given_a_date_dates_only_the_copy(factdb: Factdb) -> None:
    factdb("ingest", "-", "--url", "https://wire.example/fire", input=LOW)
    factdb("ingest", "-", "--url", "https://paper.example/fire", input=LOW)
    result = factdb(
        "ingest",
        "-",
        "--url",
        "https://paper.example/fire",
        "--published",
        "2024-03-06",
        input=LOW,
    )
    assert result.stdout.strip() == (
        "1 source, 0 new revisions, 0 claims, 0 new contradictions, 1 source's metadata updated"
    )
    original, copy = factdb.json("sources")
    assert (original["published"], copy["published"], copy["copy_of"]) == (
        None,
        "2024-03-06",
        original["id"],
    )
    assert [c["as_of"] for c in factdb.json("claims")] == [None, None]
