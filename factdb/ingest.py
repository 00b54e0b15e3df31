"""Ingest: read articles, store new revisions, extract claims, detect contradictions.

Articles go in batches: a read-only look at which texts are new (a re-run extracts
nothing), extraction of those (optionally in a process pool, overlapping the writes), then
one write transaction per batch with a savepoint per article, so a bad article is rolled back
alone and the rest of the batch goes on. Unchanged text is a no-op, so re-running is safe;
unchanged text given new metadata (a publication date it lacked) updates its source and
re-dates its claims.
"""

from __future__ import annotations

import itertools
import random
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from factdb.config import DetectSettings
from factdb.db import lock_writers
from factdb.db.access import read_only_reason
from factdb.detect import detect
from factdb.errors import ReadError
from factdb.extract.records import Extraction
from factdb.readers import Document
from factdb.store import (
    EntityCache,
    NewMetadata,
    StoredRevision,
    extraction_input,
    store_known_text,
    store_metadata,
    store_revision,
)
from factdb.workers import PoolFactory, process_pool


@dataclass
class IngestReport:
    """What a batch did; the CLI prints it as the summary line."""

    sources: set[int] = field(default_factory=set)
    new_sources: int = 0
    new_revisions: int = 0
    unchanged: int = 0
    metadata: int = 0
    copies: int = 0
    claims: int = 0
    contradictions: int = 0
    errors: list[ReadError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    results: list[tuple[str, StoredRevision]] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{len(self.sources)} source{'s' if len(self.sources) != 1 else ''}",
            f"{self.new_revisions} new revision{'s' if self.new_revisions != 1 else ''}",
            f"{self.claims} claim{'s' if self.claims != 1 else ''}",
            f"{self.contradictions} new contradiction{'s' if self.contradictions != 1 else ''}",
        ]
        if self.copies:
            parts.append(f"{self.copies} syndicated cop{'y' if self.copies == 1 else 'ies'}")
        if self.metadata:
            whose = "source's" if self.metadata == 1 else "sources'"
            parts.append(f"{self.metadata} {whose} metadata updated")
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        if self.errors:
            parts.append(f"{len(self.errors)} error{'s' if len(self.errors) != 1 else ''}")
        return ", ".join(parts)


def ingest_document(
    session: Session,
    doc: Document,
    settings: DetectSettings | None = None,
    extraction: Extraction | None = None,
    entities: EntityCache | None = None,
) -> tuple[StoredRevision, list[str]]:
    """Store one document (the caller commits): returns what happened and any warnings.

    Extraction, the slow part, runs outside any transaction (so SQLite's write lock is not
    held meanwhile) unless the caller passes one made beforehand (from ``extraction_input``);
    the store is checked again just before writing, because another process may have stored
    the same article meanwhile. A stored text given new metadata updates its source (status
    ``metadata``) and, when the change is one extraction reads, its claims are re-extracted.
    """
    if extraction is None:
        known = store_known_text(session, doc)
        if isinstance(known, StoredRevision):
            return known, []
        target = doc if known is None else known.extract
        if target is not None:
            if not session.in_nested_transaction():
                session.rollback()  # nothing was written: end the read before extracting
            extraction = _extract(target)
    lock_writers(session)  # from here to the commit, no other writer: see db.lock_writers
    known = store_known_text(session, doc)
    if isinstance(known, StoredRevision):
        return known, []
    from factdb.extract import EXTRACTOR_VERSION

    if isinstance(known, NewMetadata):
        if known.extract is not None and extraction is None:  # changed since the first look
            extraction = _extract(known.extract)
        claim_ids = store_metadata(session, known, extraction, EXTRACTOR_VERSION, entities)
        stored = StoredRevision(
            known.source_id, known.revision_id, known.number, "metadata", claim_ids
        )
    else:
        stored = store_revision(
            session, doc, extraction or _extract(doc), EXTRACTOR_VERSION, entities
        )
    new = detect(session, stored.claim_ids, settings)
    stored.contradictions = len(new)
    warnings = [f"{doc.origin}: {w}" for w in extraction.warnings] if extraction else []
    return stored, warnings


def _extract(doc: Document) -> Extraction:
    from factdb.extract import extract

    return extract(doc.text, doc.published, title=doc.title, url=doc.url)


RETRIES = 6
BATCH_SIZE = 64  # articles per write transaction; bounds memory and the time a lock is held


def _lost_race(exc: Exception) -> bool:
    """Errors that mean another writer got there first: retrying sees its rows."""
    from sqlalchemy.exc import IntegrityError, OperationalError

    if isinstance(exc, IntegrityError):
        return True  # a natural key (source, revision number, entity, alias) taken meanwhile
    if isinstance(exc, OperationalError):
        text = str(exc.orig).lower()
        return "locked" in text or "deadlock" in text or "could not serialize" in text
    return False


def _with_retries(
    session: Session,
    doc: Document,
    settings: DetectSettings | None,
    extraction: Extraction | None = None,
    entities: EntityCache | None = None,
) -> tuple[StoredRevision, list[str]]:
    """One article, one transaction; when a concurrent ingest wins a race on a natural key,
    roll back and do the article again (it then finds the rows the other process wrote)."""
    for attempt in range(RETRIES):
        try:
            result = ingest_document(session, doc, settings, extraction, entities)
            session.commit()
            return result
        except Exception as exc:
            session.rollback()
            if entities is not None:
                entities.forget()
            if attempt == RETRIES - 1 or not _lost_race(exc):
                raise
            time.sleep(random.uniform(0.01, 0.05) * 2**attempt)
    raise AssertionError("unreachable")


# What one article came to: its origin, and either (stored, warnings) or the error.
_Outcome = tuple[str, StoredRevision | None, list[str], ReadError | None]


class _Race(Exception):
    """A concurrent writer took a natural key inside a batch: redo the batch one by one."""


def _write_batch(
    session: Session,
    docs: list[Document],
    extractions: dict[int, Extraction | _Failed],
    settings: DetectSettings | None,
    entities: EntityCache,
) -> list[_Outcome]:
    """Write a batch in one transaction, each article in a savepoint so a bad one is rolled
    back alone. If another process wins a race on a natural key (or deadlocks with this
    one), the whole batch is rolled back and written again one transaction per article, the
    path that retries; the extractions are kept, so nothing is extracted twice."""
    outcomes: list[_Outcome] = []
    failed = {k: v for k, v in extractions.items() if isinstance(v, _Failed)}
    try:
        for doc in docs:
            if id(doc) in failed:
                outcomes.append((doc.origin, None, [], _failed_error(doc, failed[id(doc)])))
                continue
            try:
                with session.begin_nested():
                    stored, warnings = ingest_document(
                        session, doc, settings, _ok(extractions.get(id(doc))), entities
                    )
            except Exception as exc:
                entities.forget()
                if _lost_race(exc):
                    raise _Race from exc
                if read_only_reason(exc) is not None:
                    raise  # the database, not the article: the run stops
                outcomes.append((doc.origin, None, [], _store_error(doc, exc)))
                continue
            outcomes.append((doc.origin, stored, warnings, None))
        session.commit()
        return outcomes
    except Exception as exc:
        session.rollback()
        entities.forget()
        if not isinstance(exc, _Race) and not _lost_race(exc):
            raise
    outcomes = []
    for doc in docs:
        if id(doc) in failed:
            outcomes.append((doc.origin, None, [], _failed_error(doc, failed[id(doc)])))
            continue
        try:
            stored, warnings = _with_retries(
                session, doc, settings, _ok(extractions.get(id(doc))), entities
            )
        except Exception as exc:  # one bad article must not abort the batch
            session.rollback()
            if read_only_reason(exc) is not None:
                raise  # ... but a database that refuses every write does
            outcomes.append((doc.origin, None, [], _store_error(doc, exc)))
            continue
        outcomes.append((doc.origin, stored, warnings, None))
    return outcomes


def _ok(extraction: Extraction | _Failed | None) -> Extraction | None:
    return extraction if isinstance(extraction, Extraction) else None


def _failed_error(doc: Document, failed: _Failed) -> ReadError:
    return ReadError(doc.origin, f"could not be stored: {failed.error}")


def _store_error(doc: Document, exc: Exception) -> ReadError:
    return ReadError(doc.origin, f"could not be stored: {exc.__class__.__name__}: {exc}")


@dataclass(frozen=True)
class _Failed:
    """Extraction of one article raised (in a worker): stored as that article's error."""

    error: str


def _extract_one(doc: Document) -> Extraction | _Failed:
    return _extract_args((doc.text, doc.published, doc.title, doc.url))


def _extract_args(
    args: tuple[str, date | None, str | None, str | None],
) -> Extraction | _Failed:
    from factdb.extract import extract

    text, published, title, url = args
    try:
        extraction = extract(text, published, title=title, url=url)
    except Exception as exc:  # one odd article must not sink its batch
        return _Failed(f"{exc.__class__.__name__}: {exc}")
    # storing needs only the claims, declared aliases and warnings; sentences and mentions
    # would be pickled back from a worker for nothing
    return replace(extraction, sentences=[], mentions=[])


class _Extractor:
    """Extraction for a batch, in this process or a worker pool (``workers`` > 1).

    ``submit`` returns at once with a handle; ``result`` waits. With a pool, the next batch
    is extracted while this process writes the current one.
    """

    def __init__(self, workers: int, pool: PoolFactory) -> None:
        self.pool: Executor | None = pool(workers) if workers > 1 else None
        self.workers = workers

    def submit(self, docs: dict[int, Document]) -> Callable[[], dict[int, Extraction | _Failed]]:
        """Extract each document of ``docs``; results keyed as ``docs`` is (by the id of the
        input document, which for new metadata is not the document extracted)."""
        if self.pool is None:
            return lambda: {key: _extract_one(d) for key, d in docs.items()}
        chunk = max(1, len(docs) // (4 * self.workers))
        results = self.pool.map(
            _extract_args,
            [(d.text, d.published, d.title, d.url) for d in docs.values()],
            chunksize=chunk,
        )
        return lambda: dict(zip(docs, results, strict=True))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _batches(
    items: Iterable[Document | ReadError], size: int
) -> Iterator[list[Document | ReadError]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def ingest(
    session: Session,
    items: Iterable[Document | ReadError],
    settings: DetectSettings | None = None,
    on_item: Callable[[str, StoredRevision | None, ReadError | None], None] | None = None,
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    pool: PoolFactory = process_pool,
) -> IngestReport:
    """Ingest every item; errors are collected, never raised.

    Items are read lazily in batches of ``batch_size`` (memory stays bounded however long
    the input). Per batch: a read-only look at which texts are new, extraction of those (in
    ``workers`` processes from ``pool`` when more than one, overlapping the writing of the
    previous batch), then one write transaction with a savepoint per article.
    """
    report = IngestReport()
    extractor = _Extractor(workers, pool)
    entities = EntityCache(session)
    # batches sent to extraction and not yet written; with a pool, two are kept ahead so
    # the workers never wait for this process to finish writing
    ahead = 2 if workers > 1 else 1
    pending: deque[tuple[list[Document | ReadError], Callable[[], dict[int, Any]]]] = deque()
    try:
        for batch in _batches(items, batch_size):
            docs = [d for d in batch if not isinstance(d, ReadError)]
            fresh = {id(d): t for d in docs if (t := extraction_input(session, d)) is not None}
            session.rollback()  # end the read transaction before the slow part
            pending.append((batch, extractor.submit(fresh)))
            if len(pending) > ahead:
                done, result = pending.popleft()
                _finish(session, report, done, result(), settings, entities, on_item)
        while pending:
            done, result = pending.popleft()
            _finish(session, report, done, result(), settings, entities, on_item)
    finally:
        extractor.close()
    return report


def _finish(
    session: Session,
    report: IngestReport,
    batch: list[Document | ReadError],
    extractions: dict[int, Extraction | _Failed],
    settings: DetectSettings | None,
    entities: EntityCache,
    on_item: Callable[[str, StoredRevision | None, ReadError | None], None] | None,
) -> None:
    """Write one batch and account for it, in input order."""
    docs = [d for d in batch if not isinstance(d, ReadError)]
    written = iter(_write_batch(session, docs, extractions, settings, entities) if docs else [])
    for item in batch:
        if isinstance(item, ReadError):
            report.errors.append(item)
            if on_item:
                on_item(item.path, None, item)
            continue
        origin, stored, warnings, error = next(written)
        if error is not None or stored is None:
            assert error is not None
            report.errors.append(error)
            if on_item:
                on_item(origin, None, error)
            continue
        report.sources.add(stored.source_id)
        report.results.append((origin, stored))
        report.warnings.extend(warnings)
        if stored.status in ("new", "revised"):
            report.new_revisions += 1
            report.new_sources += stored.status == "new"
            report.claims += len(stored.claim_ids)
            report.contradictions += stored.contradictions
        elif stored.status == "copy":
            report.copies += 1
        elif stored.status == "metadata":
            report.metadata += 1
            report.contradictions += stored.contradictions
        else:
            report.unchanged += 1
        if on_item:
            on_item(origin, stored, None)
