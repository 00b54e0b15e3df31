"""Bring a stored revision in line with a new extraction of its own text.

Shared by ``factdb reextract`` (a better extractor) and by an ingest that supplies new
metadata for a stored text (a publication date dates the claims no time expression scopes):
the revision's events are replaced, its claims refreshed (ids kept while the fingerprint
holds) and the events assigned to incidents again.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from factdb.db.models import SourceRevision
from factdb.extract.records import Extraction
from factdb.store.claims import Refreshed, refresh_claims
from factdb.store.entities import EntityCache
from factdb.store.incidents import assign_events, drop_events, store_events


def refresh_revision(
    session: Session,
    revision: SourceRevision,
    extraction: Extraction,
    published: date | None,
    entities: EntityCache,
    extractor_version: str,
) -> Refreshed:
    """Replace ``revision``'s events and refresh its claims from ``extraction`` (made from
    the revision's stored text and ``published``); the caller detects and commits."""
    drop_events(session, revision.source_id, revision.id)
    events = store_events(
        session,
        revision.id,
        revision.source_id,
        extraction.events,
        entities,
        extractor_version,
        published,
    )
    done = refresh_claims(
        session, revision, extraction.claims, entities, extractor_version, [e.id for e in events]
    )
    assign_events(session, events)
    return done
