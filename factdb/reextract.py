"""Re-run extraction over stored revision texts when the extractor improves.

A claim keeps its id while its fingerprint (kind, spans, normalised values, subject,
speaker) is unchanged, so contradictions and reviews stay attached; its other fields take
the new extractor's reading. Claims the new extractor no longer finds are retired (kept,
not deleted) and their open contradictions become stale. New and changed claims are then
compared afresh. This module reads the stored texts and runs extraction and detection;
the writes are ``factdb.store``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.config import DetectSettings
from factdb.db.models import Source, SourceRevision
from factdb.detect import detect
from factdb.errors import NotFound
from factdb.store import EntityCache, refresh_revision


@dataclass
class ReextractReport:
    revisions: int = 0
    kept: int = 0
    added: int = 0
    retired: int = 0
    stale: int = 0
    contradictions: int = 0
    sources: list[int] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.revisions} revisions re-extracted: {self.kept} claims kept, "
            f"{self.added} added, {self.retired} retired, {self.stale} contradictions stale, "
            f"{self.contradictions} new contradictions"
        )


def current_revisions(session: Session, source_id: int | None = None) -> list[SourceRevision]:
    """The newest revision of each source (or of one source)."""
    if source_id is not None and session.get(Source, source_id) is None:
        raise NotFound(f"no source with id {source_id}")
    query = select(SourceRevision).order_by(SourceRevision.source_id, SourceRevision.number.desc())
    if source_id is not None:
        query = query.where(SourceRevision.source_id == source_id)
    newest: dict[int, SourceRevision] = {}
    for revision in session.scalars(query):
        newest.setdefault(revision.source_id, revision)
    return list(newest.values())


def reextract(
    session: Session, source_id: int | None = None, settings: DetectSettings | None = None
) -> ReextractReport:
    """Re-extract the current revision of one source (or all); commit is the caller's."""
    from factdb.extract import EXTRACTOR_VERSION, extract

    report = ReextractReport()
    entities = EntityCache(session)
    touched: list[int] = []
    for revision in current_revisions(session, source_id):
        source = session.get(Source, revision.source_id)
        assert source is not None
        extraction = extract(revision.text, source.published_at, title=source.title, url=source.url)
        done = refresh_revision(
            session, revision, extraction, source.published_at, entities, EXTRACTOR_VERSION
        )
        touched.extend(done.kept + done.added)
        report.kept += len(done.kept)
        report.added += len(done.added)
        report.retired += len(done.retired)
        report.stale += len(done.stale)
        report.revisions += 1
        report.sources.append(revision.source_id)
    session.flush()
    report.contradictions = len(detect(session, touched, settings))
    return report
