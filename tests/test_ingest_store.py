"""Library-level ingest and detection on each backend: idempotence, reviews, rollbacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event, func, select

import factdb.extract
from factdb.config import DetectSettings
from factdb.db.models import Claim, Contradiction, Review, Source, SourceRevision
from factdb.detect import detect
from factdb.ingest import ingest
from factdb.queries import list_claims
from factdb.readers import Document, read_inputs
from factdb.store import SameText, StoredRevision, find_existing, review_contradiction


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_detection_again_neither_duplicates_nor_loses_reviews(session_factory, seeds: Path):
    with session_factory() as session:
        report = ingest(session, read_inputs([str(seeds)]))
        assert report.contradictions == 1 and not report.errors
        review_contradiction(session, 1, status="dismissed", note="different units", reviewer="t")
        session.commit()
        assert detect(session) == []  # every current claim against the store, again
        assert detect(session, settings=DetectSettings(window_days=30)) == []
        session.commit()
        [row] = session.scalars(select(Contradiction)).all()
        assert row.status == "dismissed"
        assert [r.note for r in session.scalars(select(Review))] == ["different units"]


def test_wider_window_adds_pairs_once(session_factory, seeds: Path):
    with session_factory() as session:
        ingest(session, read_inputs([str(seeds)]))
        added = detect(session, settings=DetectSettings(window_days=365))
        session.commit()
        assert len(added) >= 1
        assert detect(session, settings=DetectSettings(window_days=365)) == []


def test_a_failing_article_is_rolled_back_and_the_batch_goes_on(
    session_factory, monkeypatch: pytest.MonkeyPatch
):
    real_extract = factdb.extract.extract

    def flaky(text, published=None, **page):
        if "BOOM" in text:
            raise RuntimeError("extractor exploded")
        return real_extract(text, published)

    monkeypatch.setattr(factdb.extract, "extract", flaky)
    docs = [
        Document(text="The United States has 5,000 troops in Iraq.", origin="a", url="u:a"),
        Document(text="BOOM. The United States has 9 troops in Iraq.", origin="b", url="u:b"),
        Document(text="Iraq has 7,000 troops in Iraq.", origin="c", url="u:c"),
    ]
    with session_factory() as session:
        report = ingest(session, docs)
        assert [str(e) for e in report.errors] == [
            "b: could not be stored: RuntimeError: extractor exploded"
        ]
        assert report.new_revisions == 2
        assert sorted(session.scalars(select(Source.key))) == ["u:a", "u:c"]
        assert _count(session, SourceRevision) == 2
        assert all(c.source.key != "u:b" for c in session.scalars(select(Claim)))


def test_syndicated_copy_is_linked_to_the_first_source_not_stored_again(session_factory):
    text = "The United States has 5,000 troops in Iraq."
    with session_factory() as session:
        report = ingest(
            session,
            [
                Document(text=text, origin="a", url="u:a", outlet="Wire"),
                Document(text=text, origin="b", url="u:b", outlet="Paper"),
            ],
        )
        assert (report.new_revisions, report.copies, report.claims) == (1, 1, 1)
        assert report.summary() == (
            "2 sources, 1 new revision, 1 claim, 0 new contradictions, 1 syndicated copy"
        )
        original, copy = session.scalars(select(Source).order_by(Source.id)).all()
        assert (copy.copy_of_id, copy.outlet, copy.revisions) == (original.id, "Paper", [])
        assert _count(session, SourceRevision) == 1 and _count(session, Claim) == 1
        again = ingest(session, [Document(text=text, origin="b", url="u:b")])
        assert (again.unchanged, again.copies) == (1, 0)
        changed = ingest(session, [Document(text=text + " Updated.", origin="b", url="u:b")])
        assert changed.new_revisions == 1
        session.refresh(copy)
        assert copy.copy_of_id is None  # its own text now: an independent source


def test_revision_supersedes_old_claims_but_keeps_them(session_factory):
    with session_factory() as session:
        ingest(session, [Document(text="The U.S. has 5,000 troops in Iraq.", origin="a", url="u")])
        ingest(session, [Document(text="The U.S. has 5,500 troops in Iraq.", origin="a", url="u")])
        rows = session.execute(select(Claim.value_low, Claim.superseded).order_by(Claim.id)).all()
        assert [tuple(r) for r in rows] == [(5000, True), (5500, False)]
        assert [c.value_low for c in list_claims(session, entity="U.S.")] == [5500]
        numbers = session.scalars(select(SourceRevision.number).order_by(SourceRevision.number))
        assert list(numbers) == [1, 2]


def test_claims_and_revisions_record_the_extractor_version(session_factory, seeds: Path):
    from factdb.extract import EXTRACTOR_VERSION

    with session_factory() as session:
        ingest(session, read_inputs([str(seeds)]))
        versions = set(session.scalars(select(Claim.extractor_version)))
        versions |= set(session.scalars(select(SourceRevision.extractor_version)))
        assert versions == {EXTRACTOR_VERSION}


def test_looking_up_stored_text_only_reads(session_factory):
    """``find_existing`` answers without writing, whatever it finds; the writes it implies
    (a syndicated copy's row, a copy becoming a source) are the store's explicit calls."""
    text = "The United States has 5,000 troops in Iraq."
    with session_factory() as session:
        ingest(session, [Document(text=text, origin="a", url="u:a")])
        ingest(session, [Document(text=text, origin="b", url="u:b")])  # a copy of u:a
        engine = session.get_bind()
        statements: list[str] = []

        def record(conn, cursor, statement, *args) -> None:
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", record)
        try:
            found = [
                find_existing(session, Document(text=text, origin="a", url="u:a")),
                find_existing(session, Document(text=text, origin="b", url="u:b")),
                find_existing(session, Document(text=text, origin="c", url="u:c")),
                find_existing(session, Document(text=text + " More.", origin="b", url="u:b")),
                find_existing(session, Document(text="Something new.", origin="d", url="u:d")),
            ]
        finally:
            event.remove(engine, "before_cursor_execute", record)
        unchanged_a, unchanged_b, copy, changed_copy, new = found
        assert isinstance(unchanged_a, StoredRevision) and unchanged_a.status == "unchanged"
        assert (unchanged_a.revision_id, unchanged_a.number) == (1, 1)
        assert isinstance(unchanged_b, StoredRevision) and unchanged_b.status == "unchanged"
        assert unchanged_b.revision_id is None  # a copy has no revisions of its own
        assert copy == SameText(original=unchanged_a.source_id)
        assert changed_copy is None and new is None
        verbs = {s.split()[0].upper() for s in statements}
        assert "SELECT" in verbs and verbs <= {"SELECT", "BEGIN"}  # SQLite: BEGIN IMMEDIATE
        assert not (session.new or session.dirty or session.deleted)
        assert _count(session, Source) == 2
