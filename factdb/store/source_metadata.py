"""Metadata given again for a text the store has already: what it changes, and writing it.

Re-ingesting an article with a publication date (or title, url, outlet, authors, language,
other front-matter keys) it was stored without updates its source. Only what the new input
gives counts: a field it leaves out never clears or changes the stored one, so a re-ingest
without metadata changes nothing. A new date, title or url changes what extraction reads (the
date is the as-of of every claim no time expression scopes), so the revision is extracted
again with them, claims keeping their ids while their fingerprints hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from factdb.db.models import Source, SourceRevision
from factdb.extract.records import Extraction
from factdb.outlets import outlet_from_url
from factdb.readers import Document
from factdb.store.entities import EntityCache
from factdb.store.refresh import refresh_revision

# Source columns extraction reads: a change to one re-extracts the revision.
EXTRACTION_READS = frozenset({"published_at", "title", "url"})


@dataclass(frozen=True)
class NewMetadata:
    """A stored text given metadata that differs from its source's: write it with
    ``store_metadata``. ``extract``: the stored text with the source's metadata as it will
    be, to extract again (None when nothing extraction reads changes, or for a syndicated
    copy, whose claims are its original's)."""

    source_id: int
    revision_id: int | None
    number: int | None
    changes: dict[str, Any]
    extract: Document | None


def metadata_changes(source: Row, doc: Document) -> dict[str, Any]:
    """The source columns ``doc`` gives a value for that differs from the stored one."""
    given = {
        "title": doc.title,
        "url": doc.url,
        "outlet": doc.outlet,
        "published_at": doc.published,
        "language": doc.language,
    }
    changes: dict[str, Any] = {
        column: value
        for column, value in given.items()
        if value is not None and value != getattr(source, column)
    }
    if doc.authors and list(doc.authors) != list(source.authors or []):
        changes["authors"] = list(doc.authors)
    stored_meta = source.meta or {}
    if doc.meta and {**stored_meta, **doc.meta} != stored_meta:
        changes["meta"] = {**stored_meta, **doc.meta}
    if "url" in changes and not source.outlet and "outlet" not in changes:
        outlet = outlet_from_url(doc.url)
        if outlet:
            changes["outlet"] = outlet
    return changes


def new_metadata(
    session: Session, source: Row, revision_id: int | None, number: int | None, doc: Document
) -> NewMetadata | None:
    """What ``doc`` changes in the metadata of ``source``, whose text it repeats (None:
    nothing). ``revision_id`` is None for a syndicated copy."""
    changes = metadata_changes(source, doc)
    if not changes:
        return None
    extract = None
    if revision_id is not None and EXTRACTION_READS & changes.keys():
        text = session.scalar(select(SourceRevision.text).where(SourceRevision.id == revision_id))
        assert text is not None
        extract = Document(
            text=text,
            origin=doc.origin,
            title=changes.get("title", source.title),
            url=changes.get("url", source.url),
            published=changes.get("published_at", source.published_at),
        )
    return NewMetadata(source.id, revision_id, number, changes, extract)


def store_metadata(
    session: Session,
    known: NewMetadata,
    extraction: Extraction | None,
    extractor_version: str,
    entities: EntityCache,
) -> list[int]:
    """Write the new metadata; when ``known.extract`` is set, refresh the revision from
    ``extraction`` (made from it). Returns the ids of the claims kept and added, for
    detection; the caller detects and commits."""
    session.execute(update(Source).where(Source.id == known.source_id).values(**known.changes))
    if known.extract is None:
        return []
    assert extraction is not None and known.revision_id is not None
    revision = session.get(SourceRevision, known.revision_id)
    assert revision is not None
    done = refresh_revision(
        session, revision, extraction, known.extract.published, entities, extractor_version
    )
    return done.kept + done.added
