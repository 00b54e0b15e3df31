"""Storing contradiction pairs: new pairs are inserted, stored ones (and their reviews)
are never touched, so running detection again adds nothing.

The bulk insert itself is backend-specific (``factdb.db.dialects.insert_contradictions``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factdb.db.dialects import insert_contradictions
from factdb.db.models import Contradiction
from factdb.vocabulary import ContradictionStatus
from factdb.workers import paused_gc

if TYPE_CHECKING:  # detection imports this module; only the type is needed here
    from factdb.detect.rules import Finding


def store_contradictions(
    session: Session, found: dict[tuple[int, int], Finding], detector_version: str
) -> list[int]:
    """Insert new pairs as open contradictions of ``detector_version``; returns their ids
    in pair order. Pairs already stored (and their reviews) are left as they are."""
    if not found:
        return []
    status = ContradictionStatus.open.value
    with paused_gc():  # many small tuples, no cycles: ~15% faster at 13k pairs
        rows = [
            (a, b, f.kind, f.scope, f.hardness, f.severity, detector_version, status)
            for (a, b), f in sorted(found.items())
        ]
        return insert_contradictions(session.connection(), rows)


def stored_counts(session: Session) -> dict[int, int]:
    """Flags each claim already has (pairs it is in), so a run respects ``max_flags``."""
    counts: dict[int, int] = {}
    for column in (Contradiction.claim_a_id, Contradiction.claim_b_id):
        for claim_id, n in session.execute(select(column, func.count()).group_by(column)):
            counts[claim_id] = counts.get(claim_id, 0) + n
    return counts
