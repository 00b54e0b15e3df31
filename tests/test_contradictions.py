"""Detection rules, review survival and the stale rule, on each backend.

Claims are written through the real store from hand-made ``ClaimRecord``s, so these tests
pin detection semantics independently of how the extractor reads a sentence.
"""

from __future__ import annotations

import random
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import replace
from datetime import date, timedelta
from itertools import count

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import factdb.extract
from factdb.config import DetectSettings
from factdb.db import dialects
from factdb.db.models import Claim, Contradiction, Review
from factdb.detect import DETECTOR_VERSION, detect, find_contradictions
from factdb.detect.reading import EVERYTHING, partitions, portable_sweep, sweep_partition
from factdb.detect.runs import PARALLEL_MIN_CLAIMS, parallel_parts, sweep_at
from factdb.extract.records import ClaimRecord, Extraction
from factdb.ingest import ingest
from factdb.queries import list_contradictions
from factdb.readers import Document
from factdb.reextract import reextract
from factdb.store import review_contradiction, store_revision
from factdb.store.contradictions import store_contradictions
from factdb.workers import fresh_process_pool

_sentence = count()


def troops(
    value: float,
    *,
    as_of: date = date(2018, 2, 6),
    qualifier: str = "exact",
    high: float | None = None,
    hedged: bool = False,
    text: str | None = None,
    subject: str = "United States",
    location: str | None = "Iraq",
) -> ClaimRecord:
    i = next(_sentence)
    high = value if high is None and qualifier == "exact" else high
    return ClaimRecord(
        kind="quantity",
        sentence_index=i,
        span=(0, 10),
        text=text or f"Sentence {i}: {subject} has {value:,.0f} troops.",
        subject=subject,
        subject_kind="country",
        measure="troops",
        verb="have",
        verb_class="stock",
        location=location,
        location_kind="country" if location else None,
        value_low=value,
        value_high=high,
        low_open=qualifier == "more than",
        likely_low=value if qualifier == "more than" else None,
        likely_high=value * 1.2 if qualifier == "more than" else None,
        qualifier=qualifier,
        unit="troops",
        as_of=as_of,
        hedged=hedged,
    )


def event(verb: str, start: date, end: date, *, place: str = "Mosul") -> ClaimRecord:
    i = next(_sentence)
    return ClaimRecord(
        kind="event",
        sentence_index=i,
        span=(0, 10),
        text=f"Sentence {i}: Islamic State {verb} {place}.",
        subject="Islamic State",
        subject_kind="group",
        verb=verb,
        verb_class="event",
        location=place,
        location_kind="place",
        date_start=start,
        date_end=end,
        as_of=date(2018, 2, 6),
    )


def article(
    session: Session,
    key: str,
    *claims: ClaimRecord,
    outlet: str | None = None,
    window: int = 30,
) -> list[int]:
    """Store one article's claims and run incremental detection, as ingest does."""
    doc = Document(text=f"text of {key} {next(_sentence)}", origin=key, url=key, outlet=outlet)
    stored = store_revision(session, doc, Extraction([], [], list(claims)), "test")
    detect(session, stored.claim_ids, DetectSettings(window_days=window))
    session.commit()
    return stored.claim_ids


def pairs(session: Session) -> list[tuple[str, str, str]]:
    rows = session.scalars(select(Contradiction).order_by(Contradiction.id))
    return [(r.kind, r.hardness, r.scope) for r in rows]


def test_hard_soft_and_consistent(session_factory) -> None:
    with session_factory() as s:
        article(s, "seed", troops(5000, qualifier="more than", high=None))
        article(s, "low", troops(3500))  # disjoint: hard
        article(s, "high", troops(8892))  # logically possible, unlikely: soft
        article(s, "fine", troops(5200))  # consistent with "more than 5,000"
        kinds = pairs(s)
        assert ("numeric", "hard", "cross") in kinds and ("numeric", "soft", "cross") in kinds
        texts = {
            (r.claim_a.value_low, r.claim_b.value_low, r.hardness)
            for r in s.scalars(select(Contradiction))
        }
        assert not any(5200 in (a, b) and 5000 in (a, b) for a, b, _ in texts)


def test_same_key_required(session_factory) -> None:
    with session_factory() as s:
        article(s, "a", troops(5000))
        article(s, "b", troops(2000, location="Syria"))
        article(s, "c", troops(2000, subject="United Kingdom"))
        article(s, "d", troops(2000, location=None))
        assert pairs(s) == []


def test_hedged_claims_are_never_compared(session_factory) -> None:
    with session_factory() as s:
        article(s, "a", troops(5000))
        article(s, "b", troops(4000, hedged=True, text="The US will leave some 4,000 troops."))
        assert pairs(s) == []


def test_window_and_its_setting(session_factory) -> None:
    with session_factory() as s:
        article(s, "a", troops(5000, as_of=date(2018, 2, 6)))
        article(s, "b", troops(2000, as_of=date(2018, 4, 6)))
        assert pairs(s) == []
        assert len(detect(s, None, DetectSettings(window_days=90))) == 1


def test_pairs_within_one_source_are_intra_source(session_factory) -> None:
    with session_factory() as s:
        article(s, "a", troops(5000), troops(2000))
        assert pairs(s) == [("numeric", "hard", "intra")]


def test_two_figures_of_one_sentence_are_never_a_pair(session_factory) -> None:
    with session_factory() as s:
        first = troops(5000)
        article(s, "a", first, replace(troops(2000), sentence_index=first.sentence_index))
        assert pairs(s) == []


def test_syndicated_copies_are_one_report(session_factory) -> None:
    wire = "The United States has 5,000 troops in Iraq, officials said."
    with session_factory() as s:
        article(s, "other", troops(2000))
        article(s, "wire-outlet-1", troops(5000, text=wire))
        article(s, "wire-outlet-2", troops(5000, text=wire))
        assert len(pairs(s)) == 1  # not one contradiction per copy
        article(s, "copy-3", troops(5000, text=wire.upper()))
        assert len(pairs(s)) == 1


def test_one_off_event_dates_compared_recurring_not(session_factory) -> None:
    with session_factory() as s:
        article(s, "a", event("capture", date(2014, 6, 1), date(2014, 6, 30)))
        article(s, "b", event("seize", date(2015, 1, 1), date(2015, 12, 31)))
        article(s, "c", event("attack", date(2014, 6, 1), date(2014, 6, 30)))
        article(s, "d", event("attack", date(2016, 1, 1), date(2016, 12, 31)))
        article(s, "e", event("capture", date(2014, 1, 1), date(2014, 12, 31)))  # overlaps a
        rows = s.scalars(select(Contradiction)).all()
        assert [(r.kind, r.hardness) for r in rows] == [("date", "hard")] * 2
        verbs = {frozenset((r.claim_a.verb, r.claim_b.verb)) for r in rows}
        assert verbs == {frozenset(("capture", "seize"))}  # never the recurring attacks
        years = sorted(sorted((r.claim_a.date_start.year, r.claim_b.date_start.year)) for r in rows)
        assert years == [[2014, 2015], [2014, 2015]]


def test_list_is_ordered_by_severity_then_recency(session_factory) -> None:
    with session_factory() as s:
        article(s, "a", troops(5000))
        article(s, "b", troops(4800))
        article(s, "c", troops(1000))
        rows = list_contradictions(s)
        severities = [r.severity for r in rows]
        assert severities == sorted(severities, reverse=True) and len(rows) == 3


def test_detection_is_incremental(session_factory) -> None:
    with session_factory() as s:
        article(s, "a", troops(5000))
        article(s, "b", troops(5000, text="Another report: 5,000 US troops."))
        ids = article(s, "c", troops(1000))
        assert len(pairs(s)) == 2
        assert detect(s, ids) == []  # already stored: nothing new, nothing duplicated


def _conflict(s: Session) -> Contradiction:
    article(s, "seed", troops(5000, qualifier="more than", high=None))
    article(s, "low", troops(3500))
    [row] = s.scalars(select(Contradiction)).all()
    return row


def test_review_survives_reingest_reextract_and_redetect(session_factory, seeds) -> None:
    from factdb.readers import read_inputs

    with session_factory() as s:
        ingest(s, read_inputs([str(seeds)]))
        review_contradiction(s, 1, status="confirmed", note="checked", reviewer="ana")
        s.commit()
        ingest(s, read_inputs([str(seeds)]))
        report = reextract(s)
        s.commit()
        assert report.retired == 0 and report.added == 0 and report.kept > 0
        detect(s)
        s.commit()
        [row] = s.scalars(select(Contradiction).where(Contradiction.id == 1)).all()
        assert row.status == "confirmed"
        assert [(r.reviewer, r.note) for r in row.reviews] == [("ana", "checked")]
        assert s.scalar(select(Contradiction.id).where(Contradiction.id > 1)) is None


def test_superseded_claim_makes_open_contradiction_stale(session_factory) -> None:
    with session_factory() as s:
        row = _conflict(s)
        text = "The United States has 5,500 troops in Iraq."
        ingest(s, [Document(text="placeholder", origin="x", url="low")])  # revision 2 of "low"
        s.refresh(row)
        assert row.status == "stale"
        [log] = row.reviews
        assert (log.reviewer, log.old_status, log.new_status) == ("factdb", "open", "stale")
        assert "superseded by revision 2" in log.note
        assert s.get(Claim, row.claim_b_id).superseded
        assert text  # the stale row is kept and listed
        assert [r.id for r in list_contradictions(s, status="stale")] == [row.id]


def test_reviewed_contradiction_keeps_its_status_when_superseded(session_factory) -> None:
    with session_factory() as s:
        row = _conflict(s)
        review_contradiction(s, row.id, status="dismissed", reviewer="ana")
        s.commit()
        ingest(s, [Document(text="placeholder", origin="x", url="low")])
        s.refresh(row)
        assert row.status == "dismissed"


def test_new_revision_is_compared_afresh(session_factory) -> None:
    with session_factory() as s:
        row = _conflict(s)
        article(s, "low", troops(2500))  # revision 2 of "low", still in conflict
        statuses = sorted(r.status for r in s.scalars(select(Contradiction)))
        assert statuses == ["open", "stale"]
        assert row.id in [r.id for r in list_contradictions(s, status="stale")]


def test_retired_claims_make_contradictions_stale(session_factory, monkeypatch) -> None:
    real = factdb.extract.extract
    docs = [
        Document(
            text="The United States has more than 5,000 troops in Iraq.",
            origin="a",
            url="a",
            published=date(2018, 2, 6),
        ),
        Document(
            text="The United States has 3,500 troops in Iraq.",
            origin="b",
            url="b",
            published=date(2018, 2, 7),
        ),
    ]
    with session_factory() as s:
        report = ingest(s, docs)
        assert report.contradictions == 1
        keep = s.scalar(select(Claim.id).where(Claim.value_low == 5000))

        def forgetful(text, published=None, **page):
            result = real(text, published)
            if "3,500" in text:
                return replace(result, claims=[])
            return result

        monkeypatch.setattr(factdb.extract, "extract", forgetful)
        result = reextract(s)
        s.commit()
        assert result.retired == 1 and result.stale == 1
        [row] = s.scalars(select(Contradiction)).all()
        assert row.status == "stale"
        assert not s.get(Claim, keep).retired
        assert s.scalar(select(Review.note)).startswith("claim no longer extracted")


@pytest.mark.parametrize("status", ["confirmed", "dismissed", "resolved"])
def test_review_log_is_append_only(session_factory, status: str) -> None:
    with session_factory() as s:
        row = _conflict(s)
        review_contradiction(s, row.id, status=status, note="first", reviewer="a")
        review_contradiction(s, row.id, status="open", note="reopened", reviewer="b")
        s.commit()
        log = [(r.old_status, r.new_status, r.note) for r in row.reviews]
        assert log == [("open", status, "first"), (status, "open", "reopened")]


def test_event_counts_use_the_short_event_window(session_factory) -> None:
    def killed(value: float, day: int) -> ClaimRecord:
        return replace(
            troops(value, as_of=date(2018, 2, day)),
            measure="killed",
            verb="kill",
            verb_class="event",
            unit="people",
        )

    with session_factory() as s:
        article(s, "a", killed(2, 1))
        article(s, "b", killed(5, 10))  # a week later: likely another incident
        assert pairs(s) == []
        article(s, "c", killed(4, 2))  # next day: the same incident, reported differently
        assert [p[:2] for p in pairs(s)] == [("numeric", "hard")]
        assert len(detect(s, None, DetectSettings(window_days=30, event_window_days=30))) == 2


def test_an_outlier_is_flagged_against_at_most_max_flags_reports(session_factory) -> None:
    with session_factory() as s:
        for n in range(6):
            article(s, f"consensus-{n}", troops(5000, text=f"Report {n}: 5,000 US troops."))
        article(s, "outlier", troops(2000))
        assert len(pairs(s)) == 3  # the default max_flags
        assert detect(s) == []  # a full run respects the flags already stored
        found = detect(s, None, DetectSettings(max_flags=10))
        assert len(found) == 3  # a larger cap adds the remaining pairs, once


def test_event_outlier_is_flagged_against_at_most_max_flags_reports(session_factory) -> None:
    with session_factory() as s:
        for n in range(5):
            article(s, f"june-{n}", event("capture", date(2014, 6, 1), date(2014, 6, 30)))
        article(s, "outlier", event("seize", date(2016, 1, 1), date(2016, 12, 31)))
        assert pairs(s) == [("date", "hard", "cross")] * 3
        assert detect(s) == []


# --- the full run in worker processes ----------------------------------------------------


def _busy_store(session: Session) -> None:
    """Several claim keys with agreeing reports, outliers, syndicated copies, intra-source
    pairs and one-off events, stored without detection (a full run then finds them all)."""
    rng = random.Random(5)
    wire = [f"Wire story {n}: the figure stands, officials said." for n in range(6)]
    subjects = ["United States", "United Kingdom", "France", "Turkey", "Iran"]
    for n in range(70):
        records = []
        for _ in range(rng.randint(2, 6)):
            subject = rng.choice(subjects)
            base = 1000 * (subjects.index(subject) + 1)
            value = base * rng.choice([1, 1, 1, 1, 0.5, 1.7])
            record = troops(
                value,
                as_of=date(2018, 1, 1) + timedelta(days=rng.randint(0, 80)),
                subject=subject,
                location=rng.choice(["Iraq", "Syria", None]),
                qualifier=rng.choice(["exact", "exact", "more than"]),
                high=None,
                text=rng.choice(wire) if rng.random() < 0.2 else None,
            )
            if rng.random() < 0.3:
                record = replace(record, measure="killed", verb="kill", verb_class="event")
            records.append(record)
        if n % 10 == 0:
            year = 2014 + n % 3
            records.append(event("capture", date(year, 6, 1), date(year, 6, 30)))
        doc = Document(text=f"busy {n}", origin=f"busy-{n}", url=f"busy-{n}")
        store_revision(session, doc, Extraction([], [], records), "test")
    session.commit()


def _findings(session_factory, **kwargs) -> dict:
    with session_factory() as s:
        found = find_contradictions(s, None, DetectSettings(), **kwargs)
        s.rollback()
    return found


class _Recording(Executor):
    """A pool that records its futures (and the wrapped pool does the work)."""

    def __init__(self, pool: Executor) -> None:
        self.pool = pool
        self.futures: list[Future] = []

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future = self.pool.submit(fn, *args, **kwargs)
        if fn is sweep_at:  # not the warm-up jobs that start the workers
            self.futures.append(future)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=cancel_futures)


class _Failing(Executor):
    """A pool whose every job fails, as a crashed worker would."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        future.set_exception(RuntimeError("worker died"))
        return future


def _no_pool(workers: int) -> Executor:
    raise AssertionError("this run must stay in one process")


def test_parallel_full_run_finds_exactly_the_serial_pairs(session_factory) -> None:
    with session_factory() as s:
        _busy_store(s)
    serial = _findings(session_factory, workers=1, pool=_no_pool)
    assert len(serial) > 30 and {f.scope for f in serial.values()} == {"cross", "intra"}
    assert {f.kind for f in serial.values()} == {"numeric", "date"}
    pools: list[_Recording] = []

    def recording(workers: int, make=fresh_process_pool) -> Executor:
        pools.append(_Recording(make(workers)))
        return pools[-1]

    for workers, make in ((2, fresh_process_pool), (3, ThreadPoolExecutor)):
        pools.clear()
        parallel = _findings(
            session_factory, workers=workers, pool=lambda n, make=make: recording(n, make)
        )
        [pool] = pools
        assert len(pool.futures) == workers - 1  # the workers did sweep
        assert all(f.done() and f.exception() is None and f.result()[0] for f in pool.futures)
        assert list(parallel.items()) == list(serial.items())  # same pairs, findings, order
    # a second run over stored pairs respects their flags the same way in both modes
    with session_factory() as s:
        store_contradictions(s, _findings(session_factory, workers=1), DETECTOR_VERSION)
        s.commit()
    wider = {"workers": 1}, {"workers": 2, "pool": ThreadPoolExecutor}
    runs = [
        find_contradictions_in(session_factory, DetectSettings(max_flags=6), **kw) for kw in wider
    ]
    assert runs[0] and list(runs[0].items()) == list(runs[1].items())


def find_contradictions_in(session_factory, settings: DetectSettings, **kwargs) -> dict:
    with session_factory() as s:
        found = find_contradictions(s, None, settings, **kwargs)
        s.rollback()
    return found


def test_a_failed_worker_leaves_its_partition_to_the_parent(session_factory) -> None:
    with session_factory() as s:
        _busy_store(s)
    serial = _findings(session_factory, workers=1)
    failing = _findings(session_factory, workers=2, pool=lambda n: _Failing())
    assert list(failing.items()) == list(serial.items())


def test_uncommitted_work_keeps_the_run_in_one_process(session_factory) -> None:
    with session_factory() as s:
        article(s, "seed", troops(5000))
        doc = Document(text="uncommitted", origin="late", url="late")
        store_revision(s, doc, Extraction([], [], [troops(2000)]), "test")  # flushed only
        found = find_contradictions(s, None, DetectSettings(), workers=2, pool=_no_pool)
        assert len(found) == 1


def test_partitions_cover_every_subject_once(session_factory) -> None:
    with session_factory() as s:
        _busy_store(s)
        subjects = set(s.scalars(select(Claim.subject_id).where(Claim.measure.is_not(None))))
        for parts in (2, 3, 7):
            rest, others = partitions(s, parts)[0]
            listed = [set(p[1]) for p in partitions(s, parts)[1:]]
            assert rest and set(others) == set().union(*listed)
            assert sum(len(p) for p in listed) == len(set(others))  # disjoint
            assert subjects - set(others)  # the first partition keeps some subjects
        s.rollback()


def test_portable_reader_sweeps_like_the_driver_reader(session_factory) -> None:
    with session_factory() as s:
        _busy_store(s)
        connection = s.connection()
        settings = DetectSettings()
        direct = sweep_partition(
            connection.connection, connection.dialect.name, EVERYTHING, settings, {}
        )
        assert direct and portable_sweep(s, settings, {}) == direct


def _bulk_inserts(dialect: str) -> list:
    """The bulk inserts a backend can use: its fast paths, and the portable one."""
    if dialect == "sqlite":
        return [dialects.insert_sqlite, dialects.insert_portable]
    return [
        lambda c, rows: dialects.insert_postgresql(c, rows, copy_min_rows=10**9),  # INSERT
        lambda c, rows: dialects.insert_postgresql(c, rows, copy_min_rows=0),  # COPY
        dialects.insert_portable,
    ]


def test_many_pairs_are_stored_alike_by_every_bulk_insert(session_factory, monkeypatch) -> None:
    with session_factory() as s:
        _busy_store(s)
        inserts = _bulk_inserts(s.connection().dialect.name)
        s.rollback()
    found = _findings(session_factory, workers=1)
    stored = []
    for insert in inserts:
        monkeypatch.setitem(dialects.BULK_INSERTS, "sqlite", insert)
        monkeypatch.setitem(dialects.BULK_INSERTS, "postgresql", insert)
        with session_factory() as s:
            new = store_contradictions(s, found, DETECTOR_VERSION)
            assert new == sorted(new) and len(new) == len(found)
            # stored once, even in one transaction
            assert store_contradictions(s, found, DETECTOR_VERSION) == []
            rows = s.execute(
                select(
                    Contradiction.claim_a_id,
                    Contradiction.claim_b_id,
                    Contradiction.kind,
                    Contradiction.scope,
                    Contradiction.hardness,
                    Contradiction.severity,
                    Contradiction.detector_version,
                    Contradiction.status,
                ).order_by(Contradiction.id)
            ).all()
            assert [tuple(r[:2]) for r in rows] == list(found)  # ids follow pair order
            stored.append(rows)
            s.rollback()
    assert len(stored) == len(inserts) and all(rows == stored[0] for rows in stored)


def test_a_small_store_is_swept_in_one_process(session_factory) -> None:
    assert parallel_parts(None, idle=2, highest_claim_id=PARALLEL_MIN_CLAIMS - 1) == 1
    assert parallel_parts(None, idle=2, highest_claim_id=PARALLEL_MIN_CLAIMS) == 2
    assert parallel_parts(None, idle=1, highest_claim_id=10**7) == 1
    assert parallel_parts(3, idle=1, highest_claim_id=0) == 3
    with session_factory() as s:
        article(s, "a", troops(5000))
        article(s, "b", troops(1000))
        # below PARALLEL_MIN_CLAIMS one process is faster: no pool is made
        assert detect(s, None, DetectSettings(max_flags=5), pool=_no_pool) == []
