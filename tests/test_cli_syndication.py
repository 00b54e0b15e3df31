"""Syndicated copies through the CLI (issue 15, point 8): a copy shares a story, not a
paywall stub, and ``sources show`` lists a source's copies."""

from __future__ import annotations

from pathlib import Path

from conftest import Factdb

STUB = "Subscribe to continue reading. Already a subscriber? Log in.\n"
WIRE = (
    "LAKEVIEW, Ore. (AP) — Firefighters said 240 homes were evacuated on Tuesday as a "
    "wildfire spread toward the town.\n\nThe county sheriff said 3 people were injured.\n"
)


def _article(folder: Path, name: str, url: str, title: str, outlet: str, text: str) -> Path:
    path = folder / f"{name}.md"
    path.write_text(
        f"---\nurl: {url}\ntitle: {title}\noutlet: {outlet}\npublished: 2019-08-06\n---\n{text}",
        encoding="utf-8",
    )
    return path


def test_unrelated_stories_behind_one_paywall_stub_are_not_copies(
    factdb: Factdb, tmp_path: Path
) -> None:
    ferries = _article(
        tmp_path, "ferries", "https://a.example/ferries", "Ferry fares", "Daily A", STUB
    )
    schools = _article(
        tmp_path, "schools", "https://b.example/schools", "School board", "Daily B", STUB
    )
    result = factdb("ingest", str(ferries), str(schools))
    assert result.stdout.strip() == "2 sources, 2 new revisions, 0 claims, 0 new contradictions"
    sources = factdb.json("sources")
    assert [(s["title"], s["copy_of"]) for s in sources] == [
        ("Ferry fares", None),
        ("School board", None),
    ]
    shown = factdb("sources", "show", str(sources[1]["id"])).stdout
    assert "syndicated copy" not in shown.lower()


def test_a_wire_story_under_another_url_is_a_copy_listed_by_sources_show(
    factdb: Factdb, tmp_path: Path
) -> None:
    wire = _article(tmp_path, "wire", "https://wire.example/fire", "Fire", "Wire", WIRE)
    paper = _article(tmp_path, "paper", "https://paper.example/fire", "Fire", "Paper", WIRE)
    result = factdb("ingest", str(wire), str(paper))
    assert result.stdout.startswith("2 sources, 1 new revision,")
    assert result.stdout.strip().endswith(", 1 syndicated copy")
    original, copy = factdb.json("sources")
    assert (original["copy_of"], copy["copy_of"]) == (None, original["id"])
    shown = factdb("sources", "show", str(original["id"])).stdout
    assert "Syndicated copies (1)" in shown
    [row] = [line for line in shown.splitlines() if "https://paper.example/fire" in line]
    assert row.split("│")[1].strip() == str(copy["id"]) and "Paper" in row
    of_copy = factdb("sources", "show", str(copy["id"])).stdout
    assert f"  syndicated copy of source: {original['id']}" in of_copy.splitlines()
    assert "Syndicated copies" not in of_copy
