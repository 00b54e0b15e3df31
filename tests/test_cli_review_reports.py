"""Timeline, reports, ClaimReview export, filters and settings through the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import Factdb

SCRIPT = "<script>alert('x')</script>"


def test_timeline_lists_values_in_as_of_order_with_flags(ingested: Factdb) -> None:
    rows = ingested.json(
        "timeline", "--entity", "Washington", "--measure", "troops", "--location", "Iraq"
    )
    assert [r["as_of"] for r in rows] == sorted(r["as_of"] for r in rows)
    assert len(rows) == 4
    flagged = {r["value"]["text"]: r["flags"] for r in rows}
    assert [f["hardness"] for f in flagged["more than 5,000"]] == ["hard"]
    assert flagged["roughly 5,200"] == []
    table = ingested("timeline", "--entity", "US", "--measure", "troops").stdout
    assert "United States: troops (4 values)" in table and "#1 hard with claim" in table


def test_timeline_csv_and_plots(ingested: Factdb, tmp_path: Path) -> None:
    out = ingested("timeline", "-e", "US", "--measure", "troops", "--format", "csv").stdout
    assert out.splitlines()[0].startswith("id,kind,text,span")
    png, svg = tmp_path / "t.png", tmp_path / "t.svg"
    ingested("timeline", "-e", "US", "--measure", "troops", "--plot", str(png))
    ingested("timeline", "-e", "US", "--measure", "troops", "--plot", str(svg))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in svg.read_text()[:500]
    ingested("timeline", "-e", "US", "--measure", "troops", "--plot", "t.pdf", code=2)
    missing = tmp_path / "no" / "such" / "dir" / "t.png"
    result = ingested("timeline", "-e", "US", "--measure", "troops", "--plot", str(missing), code=1)
    assert result.stderr.strip() == f"error: {missing}: No such file or directory"


def test_timeline_for_an_unknown_figure(ingested: Factdb) -> None:
    result = ingested("timeline", "-e", "France", "--measure", "troops", code=1)
    assert result.stderr.strip() == "error: no claims about 'France' yet"


def test_syndicated_copy_folds_into_the_timeline(factdb: Factdb, tmp_path: Path) -> None:
    body = "The United States has 5,000 troops in Iraq, officials said."
    for n, extra in enumerate(("", " Other text here.")):
        (tmp_path / f"w{n}.md").write_text(
            f"---\nurl: https://e.org/w{n}\npublished: 2018-02-06\noutlet: O{n}\n---\n"
            f"{body}{extra}\n"
        )
    factdb("ingest", str(tmp_path / "w0.md"), str(tmp_path / "w1.md"))
    [row] = factdb.json("timeline", "-e", "US", "--measure", "troops")
    assert len(row["copies"]) == 1


def test_html_report_is_self_contained_and_escapes_article_text(
    factdb: Factdb, tmp_path: Path
) -> None:
    evil = tmp_path / "evil.md"
    evil.write_text(
        '---\nurl: javascript:alert(1)\ntitle: "<b>bold</b>"\npublished: 2018-02-07\n---\n'
        f"The United States has 1,000 troops in Iraq. {SCRIPT}\n"
    )
    good = tmp_path / "good.md"
    good.write_text(
        "---\nurl: https://e.org/good\npublished: 2018-02-06\n---\n"
        "The United States has 9,000 troops in Iraq.\n"
    )
    factdb("ingest", str(evil), str(good))
    out = tmp_path / "r.html"
    result = factdb("report", "--format", "html", "-o", str(out))
    assert result.stdout.strip() == f"1 open contradiction written to {out}"
    html = out.read_text()
    assert html.startswith("<!doctype html>")
    assert "<script" not in html.lower()
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert 'href="javascript:' not in html and 'href="https://e.org/good"' in html
    assert "@media print" in html and 'name="viewport"' in html
    assert "<link" not in html and "src=" not in html  # nothing fetched: one file


def test_markdown_and_json_reports(ingested: Factdb, tmp_path: Path) -> None:
    md = ingested("report", "--format", "markdown", "-o", "-").stdout
    assert md.startswith("# Open contradictions")
    assert "> The United States has more than 5,000 troops in Iraq." in md
    assert "severity 0." in md
    data = json.loads(ingested("report", "--format", "json", "-o", "-").stdout)
    assert data["count"] == 1
    [item] = data["contradictions"]
    assert {item["a"]["source"]["id"], item["b"]["source"]["id"]} == {1, 2}
    assert item["status"] == "open" and item["reviews"] == []


def test_claimreview_export_shape(ingested: Factdb, tmp_path: Path) -> None:
    out = tmp_path / "reviews.jsonld"
    assert "0 ClaimReview" in ingested("export", "claimreview", "-o", str(out)).stdout
    ingested("review", "1", "--status", "confirmed", "--note", "Pentagon figure is 5,200")
    result = ingested(
        "export",
        "claimreview",
        "-o",
        str(out),
        "--organisation",
        "Desk",
        "--base-url",
        "https://desk.example/checks",
    )
    assert result.stdout.strip() == f"2 ClaimReview objects written to {out}"
    reviews = json.loads(out.read_text())
    texts = {r["claimReviewed"] for r in reviews}
    assert "The United States has more than 5,000 troops in Iraq." in texts
    for review in reviews:
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["author"] == {"@type": "Organization", "name": "Desk"}
        assert review["url"].startswith("https://desk.example/checks/contradictions/1#claim-")
        assert review["reviewBody"] == "Pentagon figure is 5,200"
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["appearance"][0]["@type"] == "CreativeWork"
        assert len(review["datePublished"]) == 10
    sample = next(r for r in reviews if "3,500" in r["claimReviewed"])
    appearance = sample["itemReviewed"]["appearance"][0]
    assert appearance["url"].startswith("https://example.org/samples/")
    assert appearance["publisher"]["name"] == "Example Wire (illustrative sample)"


def test_contradiction_filters(ingested: Factdb) -> None:
    assert len(ingested.json("contradictions", "--measure", "troops")) == 1
    assert ingested.json("contradictions", "--measure", "territory") == []  # stored, no pair
    assert ingested.json("contradictions", "--measure", "soldiers") != []  # troops
    assert (
        len(ingested.json("contradictions", "--outlet", "example wire (illustrative sample)")) == 1
    )
    assert ingested.json("contradictions", "--outlet", "Nobody") == []
    assert len(ingested.json("contradictions", "--since", "2018-02-15")) == 1
    assert ingested.json("contradictions", "--until", "2018-01-01") == []
    assert ingested.json("contradictions", "--scope", "intra") == []
    assert len(ingested.json("contradictions", "--entity", "Iraq")) == 1
    ingested("contradictions", "--since", "yesterday", code=2)


def test_claim_filters(ingested: Factdb) -> None:
    troops = ingested.json("claims", "--measure", "troops")
    assert troops and all(c["measure"] == "troops" for c in troops)
    wire = ingested.json("claims", "--outlet", "Example Wire (illustrative sample)")
    assert wire and {c["source"]["id"] for c in wire} == {2}
    recent = ingested.json("claims", "--since", "2018-02-07")
    assert recent and all(c["as_of"] >= "2018-02-07" for c in recent)
    assert ingested.json("claims", "--status", "retired") == []


def test_detect_command_with_window_and_settings_file(ingested: Factdb, tmp_path: Path) -> None:
    assert ingested("detect").stdout.strip() == "0 new contradictions (window 30 days)"
    (tmp_path / "factdb.toml").write_text('[detect]\nwindow = "365d"\n')
    out = ingested("detect").stdout.strip()
    assert out.endswith("(window 365 days)") and not out.startswith("0 ")
    assert ingested("detect", "--window", "400d").stdout.strip() == (
        "0 new contradictions (window 400 days)"
    )
    (tmp_path / "factdb.toml").write_text("[detect]\nwindw = 3\n")
    result = ingested("detect", code=1)
    known = "(known: detect.event_window, detect.incident_window, detect.max_flags, detect.window)"
    assert f"unknown setting 'detect.windw' {known}" in result.stderr
    (tmp_path / "factdb.toml").write_text('[detect]\nwindow = "soon"\n')
    assert "detect.window: window 'soon'" in ingested("detect", code=1).stderr


def test_reextract_keeps_ids_and_reviews(ingested: Factdb) -> None:
    ingested("review", "1", "--status", "dismissed")
    before = {c["id"] for c in ingested.json("claims")}
    out = ingested("reextract", "--all").stdout.strip()
    assert out.startswith("4 revisions re-extracted:") and "0 retired" in out
    assert {c["id"] for c in ingested.json("claims")} == before
    [row] = ingested.json("contradictions")
    assert row["status"] == "dismissed"
    ingested("reextract", code=2)
    assert ingested("reextract", "--source", "99", code=1).stderr.strip() == (
        "error: no source with id 99"
    )


def test_claimreview_is_safe_to_embed_and_writes_only_web_urls(
    ingested: Factdb, tmp_path: Path
) -> None:
    """Article text holding ``</script>`` cannot close the JSON-LD's script element, and a
    ``javascript:`` URL from front matter is not written (issue 15, point 1)."""
    hostile = tmp_path / "hostile.md"
    hostile.write_text(
        "---\ntitle: </script><script>alert(1)</script>\nurl: javascript:alert(1)\n"
        "published: 2018-02-21\n---\n"
        "The United States has about 3,000 troops in Iraq </script><script>alert(2)</script>.\n",
        encoding="utf-8",
    )
    ingested("ingest", str(hostile))
    for row in ingested.json("contradictions"):
        ingested("review", str(row["id"]), "--status", "confirmed")
    out = tmp_path / "reviews.jsonld"
    ingested("export", "claimreview", "-o", str(out), "--base-url", "javascript:alert(3)")
    text = out.read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text and "javascript:" not in text
    reviews = json.loads(text)  # the escapes are plain JSON: the data is unchanged
    hostile_reviews = [r for r in reviews if "alert(2)" in r["claimReviewed"]]
    assert hostile_reviews and "</script>" in hostile_reviews[0]["claimReviewed"]
    appearance = hostile_reviews[0]["itemReviewed"]["appearance"][0]
    assert "url" not in appearance and "</script>" in appearance["headline"]
    assert all("url" not in r for r in reviews)  # the base URL was not http(s)


def test_csv_output_defuses_spreadsheet_formulas(factdb: Factdb, tmp_path: Path) -> None:
    """Text cells starting with = + - @ get a leading apostrophe; numbers stay numbers
    (issue 15, point 2)."""
    article = tmp_path / "formula.md"
    article.write_text(
        '---\ntitle: =HYPERLINK("http://evil.example","x")\noutlet: \'@evil\'\n'
        "published: 2018-02-21\n---\n"
        "The United States has about 3,000 troops in Iraq.\n",
        encoding="utf-8",
    )
    factdb("ingest", str(article))
    for command in ("claims", "sources"):
        rows = list(csv.DictReader(io.StringIO(factdb(command, "--format", "csv").stdout)))
        assert rows
        for row in rows:
            for cell in row.values():
                assert not cell.startswith(("=", "+", "@")), (command, cell)
        titles = [v for r in rows for k, v in r.items() if k.endswith("title")]
        assert '\'=HYPERLINK("http://evil.example","x")' in titles
    from factdb.report.output import csv_cell

    assert csv_cell("-5") == "-5" and csv_cell(-5) == -5 and csv_cell("-x") == "'-x"
