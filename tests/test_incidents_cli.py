"""``factdb incidents`` and the new claim fields through the CLI, on each backend: the JSON
contract, ``claims --entity`` through the place hierarchy, corrections surviving
``reextract`` and re-ingest, and the error exits."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import Factdb
from incident_articles import STORIES, extract_with_events

import factdb.extract  # noqa: F401  (loaded for the stand-in below)


def _write(tmp_path: Path, name: str, text: str | None = None) -> str:
    story = STORIES[name]
    path = tmp_path / f"{name}.md"
    path.write_text(
        f"---\ntitle: {name}\nurl: {story.url}\npublished: {story.published}\n---\n"
        f"{text or story.text}\n",
        encoding="utf-8",
    )
    return str(path)


@pytest.fixture
def stories(factdb: Factdb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Factdb:
    """Stories a to e ingested through the CLI (sources 1 to 5)."""
    module = sys.modules["factdb.extract"]  # the fixture named factdb hides the package
    monkeypatch.setattr(module, "extract", extract_with_events(module.extract))
    for name in "abcde":
        factdb("ingest", _write(tmp_path, name))
    return factdb


def _incident_of(db: Factdb, source: int) -> int:
    for incident in db.json("incidents"):
        if source in [s["id"] for s in incident["sources"]]:
            return incident["id"]
    raise AssertionError(f"source {source} is in no incident")


def test_incidents_json_contract(stories: Factdb) -> None:
    rows = stories.json("incidents")
    assert len(rows) == 4
    [forest] = [r for r in rows if len(r["sources"]) == 2 and "Forest" in r["place"]["name"]]
    assert set(forest) >= {"id", "kind", "place", "date", "sources", "figures"}
    assert forest["kind"] == "shooting"
    assert forest["place"]["name"] == "Forest, Mississippi"
    assert forest["place"]["kind"] == "city"
    assert forest["place"]["parents"] == [
        {"name": "Mississippi", "kind": "admin1"},
        {"name": "United States", "kind": "country"},
    ]
    assert forest["date"] == {"start": "2024-03-02", "end": "2024-03-02"}
    assert [s["id"] for s in forest["sources"]] == [1, 2]
    assert set(forest["sources"][0]) >= {"id", "url", "title", "outlet", "published"}
    assert forest["sources"][0]["url"] == STORIES["a"].url
    # each source's figure for the measure, side by side
    assert [(f["source"], f["value"]["low"]) for f in forest["figures"]["killed"]] == [
        (1, 2),
        (2, 3),
    ]
    table = stories("incidents").stdout
    assert "killed: 2 people (#1), 3 people (#2)" in table


def test_incidents_filters(stories: Factdb) -> None:
    assert {r["place"]["name"] for r in stories.json("incidents", "--entity", "Texas")} == {
        "Austin, Texas"
    }
    assert len(stories.json("incidents", "--entity", "Mississippi")) == 3
    later = stories.json("incidents", "--since", "2024-04-01")
    assert [r["date"]["start"] for r in later] == ["2024-04-04"]
    assert len(stories.json("incidents", "--until", "2024-03-31")) == 3
    lines = stories("incidents", "--format", "jsonl").stdout.strip().splitlines()
    assert len(lines) == 4
    assert stories("incidents", "--format", "csv").stdout.startswith("id,kind,")


def test_show_lists_sources_sentences_and_figures(stories: Factdb) -> None:
    incident = _incident_of(stories, 1)
    [data] = stories.json("incidents", "show", str(incident))
    assert data["sources"][1]["sentence"].startswith("Police said three people died")
    out = stories("incidents", "show", str(incident)).stdout
    assert "Forest, Mississippi" in out and "Police said three people died" in out


def test_claims_carry_incident_and_place(stories: Factdb) -> None:
    claims = stories.json("claims", "--source", "3")
    by_value = {c["value"]["low"]: c for c in claims if c["measure"] == "killed"}
    assert by_value[4]["place"]["name"] == "Austin, Texas"
    assert by_value[4]["place"]["parents"][0] == {"name": "Texas", "kind": "admin1"}
    assert by_value[4]["incident"] != by_value[1]["incident"]
    assert by_value[1]["incident"] == _incident_of(stories, 3)
    table = stories("claims", "--entity", "Mississippi").stdout
    assert "note: includes claims located in the 2 places within Mississippi" in table
    located = {c["location"] for c in stories.json("claims", "--entity", "Mississippi")}
    assert located == {"Forest, Mississippi", "Jackson, Mississippi"}
    assert "note:" not in stories("claims", "--entity", "Forest, Miss.").stdout


def test_merge_split_rebuild_and_their_survival(stories: Factdb, tmp_path: Path) -> None:
    forest, later = _incident_of(stories, 1), _incident_of(stories, 4)
    assert "merged" in stories("incidents", "merge", str(forest), str(later)).stdout
    assert _incident_of(stories, 4) == _incident_of(stories, 1)
    out = stories("incidents", "split", str(_incident_of(stories, 1)), "--source", "2").stdout
    assert out.startswith("source 2 moved from incident")
    assert stories("incidents", "rebuild").stdout.strip() == "4 incidents"
    stories("reextract", "--all")
    revised = STORIES["b"].text + " The gunman was arrested."
    stories("ingest", _write(tmp_path, "b", revised))
    stories("incidents", "rebuild")
    assert _incident_of(stories, 4) == _incident_of(stories, 1)
    assert _incident_of(stories, 2) != _incident_of(stories, 1)


def test_error_exits(stories: Factdb) -> None:
    assert "no incident with id 99" in stories("incidents", "show", "99", code=1).stderr
    assert stories("incidents", "merge", "1", "99", code=1).stderr.startswith("error:")
    jackson = _incident_of(stories, 3)
    err = stories("incidents", "split", str(jackson), "--source", "1", code=1).stderr
    assert f"source 1 is not in incident {jackson}" in err
    assert stories("incidents", "split", "99", "--source", "1", code=1).stderr
