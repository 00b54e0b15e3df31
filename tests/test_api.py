"""The front door: ``factdb.FactDB`` does from Python what the CLI does, with the same results."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factdb import FactDB, Metadata
from factdb.errors import FactdbError, NotFound
from factdb.readers import Document
from factdb.report.serialize import claim_dict, contradiction_dict


def test_seeds_through_the_front_door_match_the_cli(db_url: str, seeds: Path, factdb) -> None:
    with FactDB(db_url) as db:
        report = db.ingest([seeds])
        assert report.summary() == "4 sources, 4 new revisions, 17 claims, 1 new contradiction"
        troops = db.claims(entity="Washington", measure="troops")
        assert {c.value_low for c in troops} >= {5000}
        assert all(c.subject.name == "United States" for c in troops)  # relationships load
        api_claims = [claim_dict(c) for c in db.claims(status="all")]
        api_pairs = [contradiction_dict(r) for r in db.contradictions()]
    # the CLI on the same database gives the very same records
    assert factdb.json("claims", "--status", "all") == api_claims
    assert factdb.json("contradictions") == api_pairs


def test_review_is_committed_and_logged(db_url: str, seeds: Path) -> None:
    with FactDB(db_url) as db:
        db.ingest([seeds])
        (pair,) = db.contradictions(status="open")
        entry = db.review(pair.id, "confirmed", note="Pentagon figure", reviewer="ana")
        assert (entry.old_status, entry.new_status, entry.reviewer) == ("open", "confirmed", "ana")
    with FactDB(db_url) as again:  # a new session sees it: the review was committed
        row = again.contradiction(pair.id)
        assert row.status == "confirmed"
        assert [r.note for r in row.reviews] == ["Pentagon figure"]
        assert again.contradictions(status="open") == []


def test_a_failed_write_is_rolled_back_and_the_object_still_works(db_url: str, seeds: Path) -> None:
    with FactDB(db_url) as db:
        db.ingest([seeds])
        with pytest.raises(NotFound):
            db.review(999, "confirmed")
        with pytest.raises(FactdbError, match="status 'maybe'"):
            db.review(1, "maybe")
        assert len(db.contradictions()) == 1


def test_documents_metadata_dates_detect_and_timeline(db_url: str) -> None:
    text = "The United States has about 3,000 troops in Syria, officials said."
    later = "The United States has about 900 troops in Syria, the Pentagon said."
    with FactDB(db_url) as db:
        first = db.ingest(
            [Document(text=text, origin="a")], metadata=Metadata(published="2019-01-01")
        )
        assert first.claims >= 1 and not first.errors
        db.ingest([Document(text=later, origin="b", published=date(2019, 6, 1))])
        assert db.contradictions() == []  # five months apart: outside the 30-day window
        assert len(db.detect(window="365d")) == 1
        assert db.detect(window="365d") == []  # pairs are unique
        tl = db.timeline("US", "troops")
        assert len(tl.claims) == 2 and all(len(f) == 1 for f in tl.flags.values())
        assert {c.as_of for c in tl.claims} == {date(2019, 1, 1), date(2019, 6, 1)}
        assert db.claims(since="2019-05-01", measure="troops")[0].as_of == date(2019, 6, 1)
        with pytest.raises(FactdbError, match="since: 'May' is not a date"):
            db.claims(since="May")


def test_bad_input_is_collected_not_raised(db_url: str, tmp_path: Path, seeds: Path) -> None:
    with FactDB(db_url) as db:
        report = db.ingest([tmp_path / "missing.md", seeds])
        assert [str(e) for e in report.errors] == [
            f"{tmp_path / 'missing.md'}: no such file or directory"
        ]
        assert report.new_sources == 4


def test_report_and_claim_reviews(db_url: str, seeds: Path) -> None:
    with FactDB(db_url) as db:
        db.ingest([seeds])
        html = db.report("html")
        assert html.contradictions == 1 and "5,000" in html.text
        assert db.claim_reviews() == []  # nothing reviewed yet
        db.review(1, "confirmed")
        reviews = db.claim_reviews(base_url="https://example.org/reviews")
        assert reviews and {r["@type"] for r in reviews} == {"ClaimReview"}
        with pytest.raises(FactdbError, match="report format 'pdf'"):
            db.report("pdf")


def test_sources_entities_alias(db_url: str, seeds: Path) -> None:
    with FactDB(db_url) as db:
        db.ingest([seeds])
        assert len(db.sources()) == 4
        assert db.source(1).revisions[0].number == 1
        db.alias("Uncle Sam", "United States")
        names = {e.name: aliases for e, aliases, _ in db.entities()}
        assert "Uncle Sam" in names["United States"]
        assert {c.id for c in db.claims(entity="Uncle Sam")} == {
            c.id for c in db.claims(entity="United States")
        }


def test_the_readme_example_runs(tmp_path: Path, seeds: Path, capsys) -> None:
    """The README's "Using it from Python" block, run as written (in a folder with seeds/)."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using it from Python", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "seeds").symlink_to(seeds)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "4 sources, 4 new revisions, 17 claims, 1 new contradiction" in out
    assert "The United States has more than 5,000 troops in Iraq. 5000.0 2018-02-06" in out
    with FactDB(tmp_path / "news.sqlite") as db:
        assert db.contradiction(1).status == "confirmed"


@pytest.mark.parametrize(
    ("method", "options", "message"),
    [
        ("claims", {"kind": "role"}, "claim kind 'role': expected one of quantity, event, quote"),
        ("claims", {"status": "bogus"}, "claim status 'bogus': expected one of current,"),
        ("contradictions", {"status": "all"}, "contradiction status 'all': expected one of open,"),
        ("contradictions", {"scope": "nope"}, "scope 'nope': expected one of cross, intra"),
    ],
)
def test_unknown_vocabulary_is_an_error_not_an_empty_result(
    db_url: str, method: str, options: dict, message: str
) -> None:
    with FactDB(db_url) as db, pytest.raises(FactdbError) as raised:
        getattr(db, method)(**options)
    assert str(raised.value).startswith(message)


def test_extract_is_reached_through_its_module() -> None:
    """``factdb.extract`` is the subpackage; the function is ``factdb.extract.extract``."""
    import factdb
    import factdb.extract

    records = factdb.extract.extract("The United States has 5,000 troops in Iraq.", None)
    assert [(c.subject, c.value_low, c.location) for c in records.claims] == [
        ("United States", 5000.0, "Iraq")
    ]
    assert callable(factdb.find_times)
