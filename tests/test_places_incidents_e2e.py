"""Places, credits and incidents end to end, with the real extractor and no stand-ins, on
three short articles we wrote (tests/data/incidents/): two outlets' reports of one Chicago
shooting, one AP from Chicago and one from the Chicago Tribune through a web archive URL,
and an unrelated AP report from Forest, Mississippi. Both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Factdb

ARTICLES = Path(__file__).parent / "data" / "incidents"


@pytest.fixture
def news(factdb: Factdb) -> Factdb:
    for name in (
        "ap_chicago_nightclub.md",
        "tribune_chicago_nightclub.md",
        "ap_forest_apartment.md",
    ):
        factdb("ingest", str(ARTICLES / name))
    return factdb


def _source(claim: dict) -> int:
    return claim["source"]["id"]


def test_a_city_finds_its_own_figures_and_never_the_wires_other_stories(news: Factdb) -> None:
    chicago = news.json("claims", "--entity", "Chicago")
    assert {_source(c) for c in chicago} == {1, 2}  # not the AP story from Mississippi
    figures = {(_source(c), c["measure"], c["value"]["low"]) for c in chicago}
    # the real disagreement stays visible: three others wounded against four hurt
    assert {(1, "killed", 2), (1, "injured", 3), (2, "killed", 2), (2, "injured", 4)} <= figures
    assert all(c["place"]["name"] == "Chicago, Illinois" for c in chicago)
    every = news.json("claims")
    assert not [c for c in every if c["subject"] and "Associated Press" in c["subject"]]
    assert news("entities", "--format", "json").stdout.count('"Associated Press"') <= 1


def test_a_state_finds_figures_located_in_its_towns_and_says_so(news: Factdb) -> None:
    [killed] = [c for c in news.json("claims", "--entity", "Mississippi")]
    assert _source(killed) == 3 and killed["measure"] == "killed"
    assert killed["place"]["name"] == "Forest, Mississippi"
    assert killed["place"]["parents"] == [
        {"name": "Mississippi", "kind": "admin1"},
        {"name": "United States", "kind": "country"},
    ]
    assert killed["text"].startswith("FOREST, Miss. (AP) — A woman was killed")
    table = news("claims", "--entity", "Mississippi").stdout
    assert "includes claims located in the 1 place within Mississippi" in table


def test_two_outlets_reports_are_one_incident(news: Factdb) -> None:
    incidents = {tuple(s["id"] for s in i["sources"]): i for i in news.json("incidents")}
    assert set(incidents) == {(1, 2), (3,)}
    chicago, forest = incidents[(1, 2)], incidents[(3,)]
    assert chicago["kind"] == forest["kind"] == "shooting"
    assert chicago["place"]["name"] == "Chicago, Illinois"
    assert chicago["date"]["start"] == "2016-06-19"
    assert [f["value"]["low"] for f in chicago["figures"]["injured"]] == [3, 4]
    assert [s["outlet"] for s in chicago["sources"]] == ["example.com", "chicagotribune.com"]
    claims = news.json("claims", "--source", "2")
    assert {c["incident"] for c in claims if c["measure"] in ("killed", "injured")} == {
        chicago["id"]
    }


def test_sources_keep_their_wire_dateline_and_place(news: Factdb) -> None:
    by_id = {s["id"]: s for s in news.json("sources")}
    assert by_id[3]["wire"] == "Associated Press"
    assert by_id[3]["dateline"].startswith("FOREST, Miss. (AP)")
    assert by_id[3]["place"]["name"] == "Forest, Mississippi"
    assert by_id[2]["wire"] is None and by_id[2]["outlet"] == "chicagotribune.com"
    shown = news("sources", "show", "3").stdout
    assert "wire: Associated Press" in shown and "place: Forest, Mississippi" in shown


def test_csv_of_incidents_has_no_bare_column_for_a_null_place() -> None:
    """A nested field null in one row and an object in another gives one set of columns."""
    import io

    from factdb.report.output import OutputFormat, write_records

    out = io.StringIO()
    write_records(
        [{"id": 1, "place": None}, {"id": 2, "place": {"name": "Forest, Mississippi"}}],
        OutputFormat.csv,
        out,
    )
    assert out.getvalue().splitlines() == ["id,place.name", "1,", '2,"Forest, Mississippi"']


def test_an_incident_without_figures_says_so(factdb: Factdb, seeds) -> None:
    factdb("ingest", str(seeds))
    shown = {
        i["id"]: factdb("incidents", "show", str(i["id"])).stdout
        for i in factdb.json("incidents")
        if not i["figures"]
    }
    assert shown  # the seeds' deployments have no event counts
    assert all("No figures" in out and "Figures" not in out for out in shown.values())
