"""The CLI end to end through CliRunner, on each backend: messages and exit codes pinned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Factdb
from typer.testing import CliRunner

from factdb.cli.app import app

SEED_SENTENCE = "The United States has more than 5,000 troops in Iraq."


def test_ingest_prints_database_and_summary(factdb: Factdb, seeds: Path) -> None:
    result = factdb("ingest", str(seeds))
    assert result.stderr.startswith("database: ")
    summary = result.stdout.strip()
    assert summary.startswith("4 sources, 4 new revisions, ")
    assert summary.endswith(", 1 new contradiction")


def test_seed_troop_claim_through_every_alias(ingested: Factdb) -> None:
    for name in ("United States", "US", "U.S.", "Washington", "Americans", "united states"):
        claims = ingested.json("claims", "--entity", name)
        [claim] = [c for c in claims if c["text"] == SEED_SENTENCE]
        assert claim["kind"] == "quantity"
        assert claim["subject"] == "United States"
        assert claim["measure"] == "troops" and claim["location"] == "Iraq"
        assert claim["value"]["low"] == 5000 and claim["value"]["high"] is None
        assert claim["value"]["qualifier"] == "more than"
        assert claim["as_of"] == "2018-02-06" and claim["hedged"] is False
        assert claim["source"]["published"] == "2018-02-06"
        assert (
            claim["source"]["title"] == "Iran-backed Iraqi groups demand all US forces leave Iraq"
        )


def test_claim_span_indexes_the_stored_revision_text(ingested: Factdb, session_factory) -> None:
    from factdb.db.models import SourceRevision

    claims = ingested.json("claims")
    assert claims
    with session_factory() as session:
        for claim in claims:
            revision = session.get(SourceRevision, claim["revision_id"])
            assert revision.number == claim["revision"]
            text = revision.text
            start, end = claim["span"]
            assert text[start:end] == claim["text"]


def test_table_output_for_people(ingested: Factdb) -> None:
    out = ingested("claims", "--entity", "United States").stdout
    assert "Claims about United States" in out
    assert "more than 5,000 troops" in out


def test_jsonl_and_csv_formats(ingested: Factdb) -> None:
    lines = ingested("claims", "--entity", "US", "--format", "jsonl").stdout.splitlines()
    assert lines and all(json.loads(line)["id"] for line in lines)
    csv_out = ingested("claims", "--entity", "US", "--format", "csv").stdout.splitlines()
    header = csv_out[0].split(",")
    assert {"id", "text", "value.low", "source.title"} <= set(header)
    assert len(csv_out) > len(lines)  # quoted sentences never split rows, header adds one


def test_kind_and_source_filters(ingested: Factdb) -> None:
    quotes = ingested.json("claims", "--kind", "quote")
    assert quotes and all(c["kind"] == "quote" for c in quotes)
    first = ingested.json("claims", "--source", "1")
    assert first and all(c["source"]["id"] == 1 for c in first)


def test_sample_contradiction_is_listed_and_others_are_not(ingested: Factdb) -> None:
    rows = ingested.json("contradictions")
    assert len(rows) == 1
    [row] = rows
    assert row["kind"] == "numeric" and row["hardness"] == "hard" and row["status"] == "open"
    texts = {row["a"]["text"], row["b"]["text"]}
    assert SEED_SENTENCE in texts
    assert any("about 3,500 troops" in t for t in texts)
    assert 0 < row["severity"] <= 1


def test_wider_window_flags_the_autumn_figure(factdb: Factdb, seeds: Path) -> None:
    factdb("ingest", "--window", "365d", str(seeds))
    rows = factdb.json("contradictions")
    values = {(r["a"]["value"]["low"], r["b"]["value"]["low"], r["hardness"]) for r in rows}
    assert any(8010 in pair[:2] and pair[2] == "soft" for pair in values), values


def test_show_puts_both_sides_next_to_each_other(ingested: Factdb) -> None:
    out = ingested("contradictions", "show", "1").stdout
    assert "claim A" in out and "claim B" in out
    assert "more than 5,000" in out and "3,500" in out
    assert "Example Wire" in out
    assert "No reviews yet" in out


def test_review_persists_and_survives_reingest(ingested: Factdb, seeds: Path) -> None:
    result = ingested(
        "review",
        "1",
        "--status",
        "confirmed",
        "--note",
        "Pentagon figure is 5,200",
        "--reviewer",
        "ana",
    )
    assert result.stdout.strip() == "contradiction 1: open -> confirmed (by ana)"
    again = ingested("ingest", str(seeds))
    assert again.stdout.strip() == (
        "4 sources, 0 new revisions, 0 claims, 0 new contradictions, 4 unchanged"
    )
    [row] = ingested.json("contradictions", "--status", "confirmed")
    assert row["id"] == 1
    assert ingested.json("contradictions", "--status", "open") == []
    shown = json.loads(ingested("contradictions", "show", "1", "--format", "json").stdout)[0]
    assert shown["reviews"] == [
        {
            "reviewer": "ana",
            "at": shown["reviews"][0]["at"],
            "old_status": "open",
            "new_status": "confirmed",
            "note": "Pentagon figure is 5,200",
        }
    ]
    assert "Pentagon figure is 5,200" in ingested("contradictions", "show", "1").stdout


def test_missing_path_errors_but_the_rest_of_the_batch_lands(factdb: Factdb, seeds: Path) -> None:
    result = factdb("ingest", "missing.md", str(seeds / "102_sample_pentagon_figure.md"), code=1)
    assert "error: missing.md: no such file or directory" in result.stderr
    assert result.stdout.strip().startswith("1 source, 1 new revision,")
    assert len(factdb.json("sources")) == 1


def test_bad_front_matter_names_the_file(factdb: Factdb, tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\npublished: someday\n---\nThe U.S. has 10 troops in Iraq.\n")
    result = factdb("ingest", str(bad), code=1)
    assert result.stderr.splitlines()[-1] == (
        f"error: {bad}: published: not a date: 'someday' (use YYYY-MM-DD)"
    )
    assert factdb.json("sources") == []


def test_stdin_with_metadata_options(factdb: Factdb) -> None:
    text = "The United States has 4,000 troops in Iraq, officials said on Monday.\n"
    result = factdb(
        "ingest",
        "-",
        "--published",
        "2018-02-06",
        "--outlet",
        "Piped",
        "--title",
        "From stdin",
        input=text,
    )
    assert result.stdout.startswith("1 source, 1 new revision")
    [source] = factdb.json("sources")
    assert (source["outlet"], source["title"], source["published"]) == (
        "Piped",
        "From stdin",
        "2018-02-06",
    )


def test_no_publication_date_warns_once(factdb: Factdb, tmp_path: Path) -> None:
    article = tmp_path / "undated.txt"
    article.write_text(
        "An official said on Monday that 40 people were killed. "
        "Another said on Tuesday that 12 were injured.\n"
    )
    result = factdb("ingest", str(article))
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and str(article) in warnings[0]


def test_changed_text_at_same_url_is_a_new_revision(factdb: Factdb, tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    head = "---\nurl: https://example.org/a\npublished: 2018-02-06\n---\n"
    article.write_text(head + "The United States has 5,000 troops in Iraq.\n")
    factdb("ingest", str(article))
    article.write_text(head + "The United States has 5,500 troops in Iraq.\n")
    result = factdb("ingest", str(article))
    assert result.stdout.startswith("1 source, 1 new revision")
    current = factdb.json("claims", "--entity", "US")
    assert [c["value"]["low"] for c in current] == [5500]
    everything = factdb.json("claims", "--entity", "US", "--status", "all")
    assert sorted((c["value"]["low"], c["superseded"], c["revision"]) for c in everything) == [
        (5000, True, 1),
        (5500, False, 2),
    ]
    assert "2" in factdb("sources", "show", "1").stdout


def test_usage_errors_exit_2(factdb: Factdb) -> None:
    assert "xml" in factdb("claims", "--format", "xml", code=2).output
    factdb("review", "1", "--status", "maybe", code=2)
    factdb("ingest", "--window", "soon", "x.md", code=2)
    factdb("ingest", "--published", "06/02/2018", "-", code=2, input="x")


def test_not_found_errors_exit_1(factdb: Factdb) -> None:
    result = factdb("contradictions", "show", "99", code=1)
    assert result.stderr.strip() == "error: no contradiction with id 99"
    result = factdb("claims", "--entity", "Atlantis", code=1)
    assert result.stderr.strip() == ("error: no entity matches 'Atlantis' (see `factdb entities`)")
    result = factdb("review", "7", "--status", "dismissed", code=1)
    assert result.stderr.strip() == "error: no contradiction with id 7"


def test_known_entity_without_claims_is_an_empty_list(factdb: Factdb) -> None:
    assert factdb.json("claims", "--entity", "France") == []


def test_user_alias_resolves(ingested: Factdb) -> None:
    result = ingested("entities", "alias", "Uncle Sam", "US")
    assert result.stdout.strip() == "alias 'Uncle Sam' -> United States"
    claims = ingested.json("claims", "--entity", "Uncle Sam")
    assert any(c["text"] == SEED_SENTENCE for c in claims)
    entities = ingested.json("entities")
    [us] = [e for e in entities if e["name"] == "United States"]
    assert {"Uncle Sam", "US", "Washington", "Americans"} <= set(us["aliases"])
    ingested("entities", "alias", "Uncle Sam", "Nowhereland", code=1)


def test_an_entitys_own_name_is_never_made_an_alias_of_another(ingested: Factdb) -> None:
    """Issue 15, point 6: taking another entity's canonical name is refused, in one line."""
    result = ingested("entities", "alias", "United States", "Iraq", code=1)
    assert result.output.strip().splitlines() == [
        "error: 'United States' is the name of entity 'United States': an entity's own name "
        "cannot be an alias of another (merging two entities is not supported)"
    ]
    claims = ingested.json("claims", "--entity", "United States")
    assert any(c["text"] == SEED_SENTENCE for c in claims)  # still the United States'
    # an alias of the same entity, or a plain alias of another, still works
    ingested("entities", "alias", "United States", "US")
    ingested("entities", "alias", "Washington", "Iraq")


def test_declared_alias_from_the_text(ingested: Factdb) -> None:
    entities = ingested.json("entities")
    [isis] = [e for e in entities if e["name"] == "Islamic State"]
    assert "Daesh" in isis["aliases"]


def test_db_commands(factdb: Factdb) -> None:
    from factdb.db import head_revision

    assert factdb("db", "upgrade").stdout.strip() == f"database at revision {head_revision()}"
    assert factdb("db", "current").stdout.strip() == f"{head_revision()} (head)"
    assert head_revision() in factdb("db", "history").stdout
    assert factdb("db", "check").stdout.strip() == "models and migrations agree"
    assert factdb("db", "downgrade", "base").stdout.strip() == "database at revision base"
    result = factdb("db", "current")
    assert result.stdout.strip() == f"base (behind: head is {head_revision()})"


def test_schema_behind_head_is_refused(factdb: Factdb) -> None:
    from sqlalchemy import text

    from factdb.db import head_revision, make_engine

    factdb("sources")
    engine = make_engine(factdb.url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0005'"))
    engine.dispose()
    result = factdb("sources", code=1)
    assert result.stderr.strip() == (
        f"error: database schema is at revision 0005, this factdb needs {head_revision()}; "
        "run `factdb db upgrade`"
    )


def test_default_database_is_the_env_or_local_file(
    tmp_path: Path, seeds: Path, monkeypatch
) -> None:
    runner = CliRunner()
    monkeypatch.delenv("FACTDB_DATABASE_URL")
    result = runner.invoke(app, ["ingest", str(seeds / "102_sample_pentagon_figure.md")])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "database: sqlite:///factdb.sqlite"
    assert (tmp_path / "factdb.sqlite").exists()


def test_python_dash_m_and_version() -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "factdb", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().startswith("factdb ")


def test_diff_shows_a_revised_figure_as_one_changed_line(factdb: Factdb, tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    head = "---\nurl: https://example.org/a\npublished: 2018-02-06\n---\n"
    article.write_text(
        head + "The United States has 5,000 troops in Iraq.\nBritain has 400 troops in Iraq.\n"
    )
    factdb("ingest", str(article))
    article.write_text(
        head + "The United States has 5,500 troops in Iraq.\n"
        "Britain has 400 troops in Iraq.\nFrance has 200 troops in Iraq.\n"
    )
    factdb("ingest", str(article))
    lines = json.loads(factdb("diff", "1", "--format", "json").stdout)
    assert [d["status"] for d in lines] == ["changed", "added"]
    assert (lines[0]["old"]["value"]["low"], lines[0]["new"]["value"]["low"]) == (5000, 5500)
    assert lines[1]["new"]["subject"] == "France"
    everything = json.loads(
        factdb("diff", "1", "--all", "--from", "1", "--to", "2", "-f", "json").stdout
    )
    assert sorted(d["status"] for d in everything) == ["added", "changed", "same"]
    table = factdb("diff", "1").stdout
    assert "revision 1 -> 2" in table and "5,000 troops" in table and "5,500 troops" in table
    result = factdb("diff", "1", "--from", "7", code=1)
    assert result.stderr.strip() == "error: source 1 has no revision 7"


def test_diff_needs_two_revisions(ingested: Factdb) -> None:
    result = ingested("diff", "1", code=1)
    assert result.stderr.strip() == "error: source 1 has only one revision: nothing to compare"
    assert ingested("diff", "99", code=1).stderr.strip() == "error: no source with id 99"


def test_diff_shows_the_words_of_a_changed_quote(factdb: Factdb, tmp_path: Path) -> None:
    article = tmp_path / "q.md"
    head = "---\nurl: https://example.org/q\npublished: 2018-02-06\n---\n"
    article.write_text(head + '"We will stay," the minister said.\n')
    factdb("ingest", str(article))
    article.write_text(head + '"We will leave," the minister said.\n')
    factdb("ingest", str(article))
    [line] = json.loads(factdb("diff", "1", "--format", "json").stdout)
    assert line["status"] == "changed"
    table = factdb("diff", "1").stdout
    assert "We will stay" in table and "We will leave" in table


def test_front_matter_date_errors_name_the_key(factdb: Factdb, tmp_path: Path) -> None:
    bad = tmp_path / "baddate.md"
    bad.write_text("---\npublished: 2018-13-45\n---\nThe U.S. has 10 troops in Iraq.\n")
    result = factdb("ingest", str(bad), code=1)
    assert result.stderr.strip().endswith(
        "baddate.md: published: not a date: '2018-13-45' (use YYYY-MM-DD)"
    )


@pytest.mark.parametrize("command", [["claims"], ["contradictions"], ["incidents"]])
def test_one_limit_rule_for_every_list(ingested: Factdb, command: list[str]) -> None:
    """Issue 15, point 11: --limit 0 is all rows, a negative limit a usage error (exit 2)."""
    every = ingested.json(*command)
    assert every
    assert ingested.json(*command, "--limit", "0") == every
    assert len(ingested.json(*command, "--limit", "1")) == 1
    ingested(*command, "--limit", "-5", code=2)


def test_a_window_of_millions_of_days_is_refused_up_front(
    factdb: Factdb, seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15, point 4: a huge --window is a usage error, a huge factdb.toml window a
    one-line error naming the file, before anything is read."""
    result = factdb("ingest", str(seeds), "--window", "3000000d", code=2)
    assert "at most 36500 days" in result.output
    factdb("reextract", "--window", "99999999d", code=2)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "factdb.toml").write_text('[detect]\nwindow = "3000000d"\n', encoding="utf-8")
    result = factdb("ingest", str(seeds), code=1)
    assert result.output.strip().splitlines()[-1] == (
        f"error: {tmp_path / 'factdb.toml'}: detect.window: window '3000000d': at most 36500 "
        "days (a century)"
    )


def test_output_to_a_full_disk_is_one_line_not_a_traceback(ingested: Factdb) -> None:
    """Issue 15, point 3 (in part): ``claims --format json > /dev/full`` says what failed."""
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        out = subprocess.run(
            [sys.executable, "-m", "factdb", "--db", ingested.url, "claims", "--format", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert out.returncode == 1
    assert out.stderr.strip().splitlines()[-1] == (
        "error: cannot write the output: No space left on device"
    )
    assert "Traceback" not in out.stderr


def test_db_commands_with_an_unknown_revision_are_one_line(ingested: Factdb) -> None:
    """Issue 15, point 3: Alembic's refusals become one line and exit 1."""
    result = ingested("db", "downgrade", "zzzz", code=1)
    assert result.output.strip().splitlines()[-1] == (
        "error: db downgrade zzzz: Can't locate revision identified by 'zzzz'"
    )
    result = ingested("db", "upgrade", "+1", code=1)
    assert result.output.strip().splitlines()[-1].startswith("error: db upgrade +1: ")
    assert ingested.json("claims")  # nothing was changed


def test_a_database_factdb_did_not_make_is_named_as_such(tmp_path: Path) -> None:
    """Issue 15, point 3: another program's SQLite file, and one from a newer factdb, are
    refused with the right advice (not `run factdb db upgrade`)."""
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER)")
    result = Factdb(f"sqlite:///{other}")("claims", code=1)
    assert result.output.strip().splitlines()[-1] == (
        "error: not a factdb database: it has tables (photos) but no factdb schema version; "
        "give --db a new or a factdb database"
    )
    newer = Factdb(f"sqlite:///{tmp_path / 'newer.db'}")
    newer("db", "upgrade")  # created at head
    with sqlite3.connect(tmp_path / "newer.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    result = newer("claims", code=1)
    assert "made by a newer factdb (schema revision 0099" in result.output
    assert "db upgrade" not in result.output


def test_an_empty_revision_and_a_number_past_64_bits_are_one_line(ingested: Factdb) -> None:
    """Found by tests/test_cli_fuzz.py: ``db upgrade ""`` ended in Alembic's assertion, and
    an id past 64 bits in SQLite's OverflowError (PostgreSQL's out-of-range error)."""
    result = ingested("db", "upgrade", "", code=1)
    assert (
        result.stderr.strip() == "error: db upgrade: give a revision (head, base, +1, -1 or an id)"
    )
    result = ingested("reextract", "--source", "9" * 30, code=1)
    assert result.stderr.count("\n") == 1
    assert "too large" in result.stderr or "out of range" in result.stderr
