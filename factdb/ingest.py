"""Ingest: read articles, store new revisions, extract claims, detect contradictions.

Each article is its own transaction: a bad one is rolled back and reported, the rest of the
batch goes on. Unchanged text is a no-op, so re-running a batch is safe.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from factdb.config import DetectSettings
from factdb.detect import detect
from factdb.errors import ReadError
from factdb.readers import Document
from factdb.store import StoredRevision, find_existing, store_revision


@dataclass
class IngestReport:
    """What a batch did; the CLI prints it as the summary line."""

    sources: set[int] = field(default_factory=set)
    new_sources: int = 0
    new_revisions: int = 0
    unchanged: int = 0
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
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        if self.errors:
            parts.append(f"{len(self.errors)} error{'s' if len(self.errors) != 1 else ''}")
        return ", ".join(parts)


def ingest_document(
    session: Session, doc: Document, settings: DetectSettings | None = None
) -> tuple[StoredRevision, list[str]]:
    """Store one document (the caller commits): returns what happened and any warnings.

    Extraction, the slow part, runs outside any transaction (so SQLite's write lock is not
    held meanwhile); the store is checked again just before writing, because another process
    may have stored the same article while this one was extracting.
    """
    from factdb.extract import EXTRACTOR_VERSION, extract

    existing = find_existing(session, doc)
    if existing is not None:
        return existing, []
    session.rollback()  # nothing was written: end the read transaction before extracting
    extraction = extract(doc.text, doc.published)
    existing = find_existing(session, doc)
    if existing is not None:
        return existing, []
    stored = store_revision(session, doc, extraction, EXTRACTOR_VERSION)
    new = detect(session, stored.claim_ids, settings)
    stored.contradictions = len(new)
    warnings = [f"{doc.origin}: {w}" for w in extraction.warnings]
    return stored, warnings


RETRIES = 6


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
    session: Session, doc: Document, settings: DetectSettings | None
) -> tuple[StoredRevision, list[str]]:
    """One article, one transaction; when a concurrent ingest wins a race on a natural key,
    roll back and do the article again (it then finds the rows the other process wrote)."""
    for attempt in range(RETRIES):
        try:
            result = ingest_document(session, doc, settings)
            session.commit()
            return result
        except Exception as exc:
            session.rollback()
            if attempt == RETRIES - 1 or not _lost_race(exc):
                raise
            time.sleep(random.uniform(0.01, 0.05) * 2**attempt)
    raise AssertionError("unreachable")


def ingest(
    session: Session,
    items: Iterable[Document | ReadError],
    settings: DetectSettings | None = None,
    on_item: Callable[[str, StoredRevision | None, ReadError | None], None] | None = None,
) -> IngestReport:
    """Ingest every item, committing each article; errors are collected, never raised."""
    report = IngestReport()
    for item in items:
        if isinstance(item, ReadError):
            report.errors.append(item)
            if on_item:
                on_item(item.path, None, item)
            continue
        try:
            stored, warnings = _with_retries(session, item, settings)
        except Exception as exc:  # one bad article must not abort the batch
            session.rollback()
            error = ReadError(item.origin, f"could not be stored: {exc.__class__.__name__}: {exc}")
            report.errors.append(error)
            if on_item:
                on_item(item.origin, None, error)
            continue
        report.sources.add(stored.source_id)
        report.results.append((item.origin, stored))
        report.warnings.extend(warnings)
        if stored.status in ("new", "revised"):
            report.new_revisions += 1
            report.new_sources += stored.status == "new"
            report.claims += len(stored.claim_ids)
            report.contradictions += stored.contradictions
        elif stored.status == "copy":
            report.copies += 1
        else:
            report.unchanged += 1
        if on_item:
            on_item(item.origin, stored, None)
    return report
