"""Contradiction status changes and their append-only review log.

A person's decision (``review_contradiction``) and the system's own (``mark_stale``, when a
claim of an open pair no longer stands) are both logged as ``Review`` rows, so the log says
who changed a status, when and why.
"""

from __future__ import annotations

import getpass
import os
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from factdb.db.models import Contradiction, Review
from factdb.errors import FactdbError
from factdb.queries import get_contradiction
from factdb.vocabulary import ContradictionStatus, ReviewStatus

REVIEW_STATUSES = tuple(ReviewStatus)
SYSTEM_REVIEWER = "factdb"


def utcnow() -> datetime:
    """Naive UTC, as the DateTime columns store it on both backends."""
    return datetime.now(UTC).replace(tzinfo=None)


def default_reviewer() -> str:
    """The OS user, so a review log says who decided without asking every time."""
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return os.environ.get("USER", "unknown")


def review_contradiction(
    session: Session,
    contradiction_id: int,
    *,
    status: str,
    note: str | None = None,
    reviewer: str | None = None,
) -> Review:
    """Set a contradiction's status and append the decision to its review log."""
    if status not in REVIEW_STATUSES:
        raise FactdbError(f"status {status!r}: expected one of {', '.join(REVIEW_STATUSES)}")
    row = get_contradiction(session, contradiction_id)
    entry = Review(
        contradiction_id=row.id,
        reviewer=reviewer or default_reviewer(),
        old_status=row.status,
        new_status=status,
        note=note,
        created_at=utcnow(),
    )
    row.status = status
    row.updated_at = entry.created_at
    row.reviews.append(entry)
    session.flush()
    return entry


def mark_stale(session: Session, claim_ids: list[int], reason: str) -> list[int]:
    """Open contradictions of claims that no longer stand become ``stale``: kept, shown, logged.

    Reviewed ones (confirmed, dismissed, resolved) keep the reviewer's status.
    """
    if not claim_ids:
        return []
    stale: list[int] = []
    now = utcnow()
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i : i + 500]
        rows = session.scalars(
            select(Contradiction).where(
                Contradiction.status == ContradictionStatus.open,
                or_(Contradiction.claim_a_id.in_(chunk), Contradiction.claim_b_id.in_(chunk)),
            )
        )
        for row in rows:
            if row.id in stale:
                continue
            session.add(
                Review(
                    contradiction_id=row.id,
                    reviewer=SYSTEM_REVIEWER,
                    old_status=row.status,
                    new_status=ContradictionStatus.stale,
                    note=reason,
                    created_at=now,
                )
            )
            row.status = ContradictionStatus.stale
            row.updated_at = now
            stale.append(row.id)
    session.flush()
    return stale
