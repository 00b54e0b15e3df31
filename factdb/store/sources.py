"""Source writes: a new source or a new revision of one, and syndicated copies.

A source is an article under its natural key; each distinct text it had is a numbered
revision. The same text under another key is a syndicated copy: a source row linked to the
first one, with no revisions of its own; but only when that text told a story (claims or
events were extracted from it), since copies exist so one story is not counted twice. A
paywall or sign-in stub ("Already a subscriber? Log in.") is the same text on unrelated
pages and yields nothing: each page that holds only a stub is a source of its own. What is
stored already is looked up read-only (``find_existing``) before anything is written; a
stored text given new metadata updates its source (``factdb.store.source_metadata``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Row, bindparam, exists, insert, or_, select, update
from sqlalchemy.orm import Session

from factdb.db.models import Claim, Entity, Event, Source, SourceRevision
from factdb.extract.records import Extraction
from factdb.outlets import outlet_from_url
from factdb.readers import Document, text_hash
from factdb.store.claims import RevisionRef, store_claims, supersede_claims
from factdb.store.entities import EntityCache, add_alias
from factdb.store.incidents import assign_events, drop_events, store_events
from factdb.store.places import file_place
from factdb.store.source_metadata import NewMetadata, new_metadata

# Statements on the ingest hot path, built once (see factdb.store.entities).
_SOURCE_BY_KEY = select(
    Source.id,
    Source.copy_of_id,
    Source.authors,
    Source.meta,
    Source.title,
    Source.url,
    Source.outlet,
    Source.published_at,
    Source.language,
    Source.key,
).where(Source.key.in_(bindparam("keys", expanding=True)))
_LATEST_REVISION = (
    select(SourceRevision.id, SourceRevision.number, SourceRevision.sha256)
    .where(SourceRevision.source_id == bindparam("source_id"))
    .order_by(SourceRevision.number.desc())
    .limit(1)
)
# a stored text that told a story: one that yielded claims or events
_SOURCE_WITH_STORY = (
    select(SourceRevision.source_id)
    .where(
        SourceRevision.sha256 == bindparam("sha"),
        or_(
            exists().where(Claim.revision_id == SourceRevision.id),
            exists().where(Event.revision_id == SourceRevision.id),
        ),
    )
    .limit(1)
)
_INSERT_SOURCE = insert(Source.__table__).returning(Source.id)
_INSERT_REVISION = insert(SourceRevision.__table__).returning(SourceRevision.id)
_SET_PROVENANCE = update(Source.__table__).where(Source.__table__.c.id == bindparam("target"))


@dataclass
class StoredRevision:
    """What storing one document did."""

    source_id: int
    revision_id: int | None
    number: int | None
    status: str  # new | revised | unchanged | copy | metadata (new metadata, same text)
    claim_ids: list[int]
    copy_of: int | None = None  # for status "copy": the source whose text it repeats
    contradictions: int = 0


@dataclass(frozen=True)
class SameText:
    """A document under a new key whose text source ``original`` has already: store it
    with ``store_copy``."""

    original: int


def find_existing(
    session: Session, doc: Document
) -> StoredRevision | SameText | NewMetadata | None:
    """What needs no new revision, read only: the same text again (an ``unchanged``
    result, or ``NewMetadata`` when the document gives metadata its source lacks), or under a
    new key the text of another source that told a story (``SameText``: a syndicated copy,
    not stored yet). None: the text needs extracting and storing."""
    digest = text_hash(doc.text)
    for source, by_key in _sources_for(session, doc):
        latest = session.execute(
            _LATEST_REVISION, {"source_id": source.copy_of_id or source.id}
        ).first()
        if latest is None or latest.sha256 != digest:
            if by_key:
                return None  # for a copy: its text changed, it becomes a source of its own
            continue
        copy = source.copy_of_id is not None
        revision_id, number = (None, None) if copy else (latest.id, latest.number)
        changed = new_metadata(session, source, revision_id, number, doc)
        if changed is not None:
            return changed
        return StoredRevision(source.id, revision_id, number, "unchanged", [])
    same_text = session.scalar(_SOURCE_WITH_STORY, {"sha": digest})
    return None if same_text is None else SameText(same_text)


def _sources_for(session: Session, doc: Document) -> Iterator[tuple[Row, bool]]:
    """The source stored under ``doc``'s key; failing that, for a document given a url,
    the one stored under its file or text key before it had one (with False: it is that
    article only if its text is the same)."""
    keys = [doc.key]
    if doc.url:
        keys.append(doc.path_key or "sha256:" + text_hash(doc.text))
    found = {row.key: row for row in session.execute(_SOURCE_BY_KEY, {"keys": keys})}
    for number, key in enumerate(keys):  # one query for both keys; the url's first
        if key in found:
            yield found[key], number == 0
            return


def extraction_input(session: Session, doc: Document) -> Document | None:
    """The document to extract before storing ``doc`` (read only: a batch asks this before
    extracting, so re-running a batch extracts nothing): ``doc`` for a text the store lacks,
    the stored text with its new metadata for metadata that changes what extraction reads,
    else None."""
    existing = find_existing(session, doc)
    if existing is None:
        return doc
    return existing.extract if isinstance(existing, NewMetadata) else None


def store_copy(session: Session, doc: Document, same: SameText) -> StoredRevision:
    """Write a syndicated copy: a source row for the document, linked to the original."""
    copy_id = session.scalar(_INSERT_SOURCE, _source_row(doc, copy_of=same.original))
    assert copy_id is not None
    return StoredRevision(copy_id, None, None, "copy", [], copy_of=same.original)


def store_known_text(session: Session, doc: Document) -> StoredRevision | NewMetadata | None:
    """What storing a text the store has already comes to: ``unchanged``, new metadata
    (for ``store_metadata``), or, under a new key, a ``copy`` (its row written here). None:
    the text needs a new revision."""
    existing = find_existing(session, doc)
    if isinstance(existing, SameText):
        return store_copy(session, doc, existing)
    return existing


def _source_row(doc: Document, copy_of: int | None = None) -> dict:
    """A new source row from a document's metadata (``copy_of``: a syndicated copy)."""
    return {
        "key": doc.key,
        "url": doc.url,
        "title": doc.title,
        "outlet": doc.outlet or outlet_from_url(doc.url),
        "published_at": doc.published,
        "authors": list(doc.authors),
        "language": doc.language,
        "meta": dict(doc.meta),
        "copy_of_id": copy_of,
    }


def store_revision(
    session: Session,
    doc: Document,
    extraction: Extraction,
    extractor_version: str,
    entities: EntityCache | None = None,
) -> StoredRevision:
    """Write a new source or a new revision of one, its events and claims; supersede older
    claims and events; assign the events to incidents.

    A syndicated copy given a text of its own becomes a source of its own. Core statements
    throughout (this runs once per article on the ingest hot path).
    """
    digest = text_hash(doc.text)
    source = session.execute(_SOURCE_BY_KEY, {"keys": [doc.key]}).first()
    status = "revised"
    if source is not None:
        # another process may have stored this very text since find_existing looked
        latest = session.execute(_LATEST_REVISION, {"source_id": source.id}).first()
        if latest is not None and latest.sha256 == digest:
            return StoredRevision(source.id, latest.id, latest.number, "unchanged", [])
        number = (latest.number if latest is not None else 0) + 1
        values = {
            "authors": list(doc.authors) or source.authors or [],
            "meta": {**(source.meta or {}), **doc.meta},
        }
        if source.copy_of_id is not None:
            values["copy_of_id"] = None
        for column, value in (
            ("url", doc.url),
            ("title", doc.title),
            ("outlet", doc.outlet),
            ("published_at", doc.published),
            ("language", doc.language),
        ):
            if value:
                values[column] = value
        session.execute(update(Source).where(Source.id == source.id).values(**values))
        source_id = source.id
    else:
        status = "new"
        number = 1
        source_id = session.scalar(_INSERT_SOURCE, _source_row(doc))
    revision_id = session.scalar(
        _INSERT_REVISION,
        {
            "source_id": source_id,
            "number": number,
            "text": doc.text,
            "sha256": digest,
            "extractor_version": extractor_version,
        },
    )
    assert source_id is not None and revision_id is not None
    if number > 1:
        supersede_claims(session, source_id, revision_id, number)
        drop_events(session, source_id)  # the older revision's events
    entities = entities or EntityCache(session)
    _store_provenance(session, source_id, extraction, entities)
    events = store_events(
        session,
        revision_id,
        source_id,
        extraction.events,
        entities,
        extractor_version,
        doc.published,
    )
    for declared in extraction.declared_aliases:
        target_id = entities.id_for(declared.entity, declared.kind)
        target = session.get(Entity, target_id)
        if target is not None:
            add_alias(session, declared.alias, target, origin="text", replace=False)
    revision = RevisionRef(revision_id, source_id, doc.text)
    claim_ids = store_claims(
        session, revision, extraction.claims, entities, extractor_version, [e.id for e in events]
    )
    assign_events(session, events)
    return StoredRevision(source_id, revision_id, number, status, claim_ids)


def _store_provenance(
    session: Session, source_id: int, extraction: Extraction, entities: EntityCache
) -> None:
    """The wire credit, dateline and place the text gives, on its source (when it gives
    any: an article without them writes nothing)."""
    credits = extraction.credits
    place = extraction.place or credits.dateline_place
    if not (credits.wires or credits.dateline or place):
        return
    session.execute(
        _SET_PROVENANCE,
        {
            "target": source_id,
            "wire": ", ".join(credits.wires)[:255] or None,
            "dateline": credits.dateline[:255] if credits.dateline else None,
            "place_id": file_place(entities, place),
        },
    )
