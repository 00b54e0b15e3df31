"""Persistence: the only package that writes rows.

Sources and revisions (``sources``), entities and aliases (``entities``), claims
(``claims``), contradiction pairs (``contradictions``) and their reviews (``reviews``).
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
from factdb.store.reviews import (
    REVIEW_STATUSES,
    SYSTEM_REVIEWER,
    default_reviewer,
    mark_stale,
    review_contradiction,
    utcnow,
)
from factdb.store.sources import (
    SameText,
    StoredRevision,
    find_existing,
    needs_extraction,
    store_copy,
    store_known_text,
    store_revision,
)

__all__ = [
    "REVIEW_STATUSES",
    "SYSTEM_REVIEWER",
    "EntityCache",
    "Refreshed",
    "RevisionRef",
    "SameText",
    "StoredRevision",
    "add_alias",
    "claim_fingerprint",
    "default_reviewer",
    "find_existing",
    "mark_stale",
    "needs_extraction",
    "refresh_claims",
    "review_contradiction",
    "store_claims",
    "store_contradictions",
    "store_copy",
    "store_known_text",
    "store_revision",
    "stored_counts",
    "supersede_claims",
    "user_alias",
    "utcnow",
]
