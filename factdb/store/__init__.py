"""Persistence: the only package that writes rows.

Sources and revisions (``sources``), entities and aliases (``entities``), places
(``places``), events and incidents (``incidents``), claims (``claims``), contradiction
pairs (``contradictions``) and their reviews (``reviews``).
Functions take a ``Session`` opened by the caller (one per command, one transaction per
article) so they compose and are testable without the CLI; they may read through
``factdb.queries``, which never writes.
"""

from factdb.store.claims import (
    Refreshed,
    RevisionRef,
    claim_fingerprint,
    refresh_claims,
    store_claims,
    supersede_claims,
)
from factdb.store.contradictions import store_contradictions, stored_counts
from factdb.store.entities import EntityCache, add_alias, user_alias
from factdb.store.incidents import (
    assign_events,
    drop_events,
    merge_incidents,
    rebuild_incidents,
    split_incident,
    store_events,
)
from factdb.store.places import file_place
from factdb.store.refresh import refresh_revision
from factdb.store.reviews import (
    REVIEW_STATUSES,
    SYSTEM_REVIEWER,
    default_reviewer,
    mark_stale,
    review_contradiction,
    utcnow,
)
from factdb.store.source_metadata import NewMetadata, store_metadata
from factdb.store.sources import (
    SameText,
    StoredRevision,
    extraction_input,
    find_existing,
    store_copy,
    store_known_text,
    store_revision,
)

__all__ = [
    "REVIEW_STATUSES",
    "SYSTEM_REVIEWER",
    "EntityCache",
    "NewMetadata",
    "Refreshed",
    "RevisionRef",
    "SameText",
    "StoredRevision",
    "add_alias",
    "assign_events",
    "claim_fingerprint",
    "default_reviewer",
    "drop_events",
    "extraction_input",
    "file_place",
    "find_existing",
    "mark_stale",
    "merge_incidents",
    "rebuild_incidents",
    "refresh_claims",
    "refresh_revision",
    "review_contradiction",
    "split_incident",
    "store_claims",
    "store_contradictions",
    "store_copy",
    "store_events",
    "store_known_text",
    "store_metadata",
    "store_revision",
    "stored_counts",
    "supersede_claims",
    "user_alias",
    "utcnow",
]
