"""Batched ingest and the extraction process pool, on each backend: the same rows as one
article at a time, one bad article rolled back alone, input read lazily."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

import factdb.db.models
import factdb.extract
import factdb.ingest
from factdb.dates import parse_date
from factdb.db.models import Claim, Contradiction, Source, SourceRevision
from factdb.ingest import ingest
from factdb.readers import Document, read_inputs

FIGURES = [5000, 3500, 5200, 4800, 9000, 5100, 2000, 5300]


def _docs() -> list[Document]:
    """Articles that flag contradictions across batches, and repeat one text (a copy)."""
    docs = [
        Document(
            text=f"The United States has {n:,} troops in Iraq, an official said on Monday.",
            origin=f"a{i}",
            url=f"u:{i}",
            published=parse_date(f"2018-02-{i + 1:02d}"),
        )
        for i, n in enumerate(FIGURES)
    ]
    docs.append(Document(text=docs[0].text, origin="copy", url="u:copy"))
    return docs


def _snapshot(session) -> dict[str, object]:
    claims = session.execute(
        select(Source.key, Claim.fingerprint, Claim.value_low).join(Source)
    ).all()
    pairs = session.execute(
        select(Contradiction.claim_a_id, Contradiction.claim_b_id, Contradiction.kind)
    ).all()
    texts = {c.id: (c.source.key, c.fingerprint) for c in session.scalars(select(Claim))}
    return {
        "sources": sorted(session.scalars(select(Source.key))),
        "revisions": len(session.scalars(select(SourceRevision.id)).all()),
        "claims": sorted(claims),
        "pairs": sorted((*sorted((texts[a], texts[b])), k) for a, b, k in pairs),
    }


@pytest.mark.parametrize(("workers", "batch_size"), [(1, 3), (2, 3), (2, 64)])
def test_batches_and_workers_store_what_one_at_a_time_stores(
    session_factory, workers: int, batch_size: int
):
    with session_factory() as session:
        base = ingest(session, _docs(), batch_size=1)
        expected = _snapshot(session)
    assert base.new_revisions == len(FIGURES) and base.copies == 1 and base.contradictions >= 2
    # a second database through the batched path
    with session_factory() as session:
        for table in reversed(factdb.db.models.Base.metadata.sorted_tables):
            session.execute(table.delete())  # dependants first
        session.commit()
        report = ingest(session, _docs(), workers=workers, batch_size=batch_size)
        assert report.summary() == base.summary()
        assert _snapshot(session) == expected


def test_seeds_with_two_workers_match_the_sequential_summary(session_factory, seeds: Path):
    with session_factory() as session:
        report = ingest(session, read_inputs([str(seeds)]), workers=2)
    assert report.summary() == "4 sources, 4 new revisions, 17 claims, 1 new contradiction"


def test_a_failing_store_rolls_back_only_its_article(session_factory, monkeypatch):
    real = factdb.ingest.store_revision

    def flaky(session, doc, *args, **kwargs):
        if doc.origin == "a2":
            session.add(Source(key="half-written", authors=[], meta={}))
            session.flush()  # something written before the failure: must be rolled back
            raise ValueError("disk on fire")
        return real(session, doc, *args, **kwargs)

    monkeypatch.setattr(factdb.ingest, "store_revision", flaky)
    with session_factory() as session:
        report = ingest(session, _docs(), batch_size=64)  # all in one batch
        assert [str(e) for e in report.errors] == [
            "a2: could not be stored: ValueError: disk on fire"
        ]
        keys = set(session.scalars(select(Source.key)))
    assert "half-written" not in keys and "u:2" not in keys
    assert {"u:0", "u:1", "u:3", "u:7", "u:copy"} <= keys
    assert report.new_revisions == len(FIGURES) - 1


def test_an_extraction_that_raises_in_a_worker_is_that_article_error(session_factory, monkeypatch):
    real = factdb.extract.extract

    def flaky(text, published=None, **page):
        if "9,000" in text:
            raise RuntimeError("extractor exploded")
        return real(text, published)

    monkeypatch.setattr(factdb.extract, "extract", flaky)  # forked workers inherit it
    with session_factory() as session:
        report = ingest(session, _docs(), workers=2, batch_size=4)
    assert [str(e) for e in report.errors] == [
        "a4: could not be stored: RuntimeError: extractor exploded"
    ]
    assert report.new_revisions == len(FIGURES) - 1


def test_input_is_read_lazily_in_bounded_batches(session_factory):
    consumed = 0
    seen_when_first_done: list[int] = []

    def items() -> Iterator[Document]:
        nonlocal consumed
        for i in range(40):
            consumed += 1
            yield Document(text=f"Police said {i + 2} people were hurt.", origin=f"d{i}")

    def on_item(origin, stored, error) -> None:
        if not seen_when_first_done:
            seen_when_first_done.append(consumed)

    with session_factory() as session:
        report = ingest(session, items(), on_item=on_item, batch_size=5)
    assert report.new_revisions == 40
    # the first batch is written once the second has been read (and sent to extraction)
    assert seen_when_first_done == [10]


def test_rerunning_a_batch_extracts_nothing(session_factory, monkeypatch):
    with session_factory() as session:
        ingest(session, _docs())
    calls = []
    real = factdb.extract.extract

    def counting(text, published=None, **page):
        calls.append(text)
        return real(text, published)

    monkeypatch.setattr(factdb.extract, "extract", counting)
    with session_factory() as session:
        report = ingest(session, _docs())
    assert calls == [] and report.unchanged == len(FIGURES) + 1


def test_cli_workers_option(factdb, seeds: Path):
    result = factdb("ingest", "--workers", "2", "--batch-size", "2", str(seeds))
    assert result.stdout.strip() == "4 sources, 4 new revisions, 17 claims, 1 new contradiction"
    again = factdb("ingest", "-w", "2", str(seeds))
    assert again.stdout.strip().endswith("4 unchanged")
    bad = factdb("ingest", "--workers", "0", str(seeds), code=2)
    assert "--workers" in bad.output


def test_claims_table_is_paged_programs_get_everything(factdb, seeds: Path):
    factdb("ingest", str(seeds))
    page = factdb("claims", "--limit", "5")
    assert "Claims (5)" in page.stdout
    assert "first 5 shown (from 0); --offset 5 for more, --limit 0 for all" in page.stderr
    everything = factdb.json("claims")
    assert len(everything) == 17
    assert [c["id"] for c in factdb.json("claims", "--limit", "5", "--offset", "5")] == [
        c["id"] for c in everything[5:10]
    ]
    bad = factdb("claims", "--limit", "-1", code=2)
    assert "--limit" in bad.output
