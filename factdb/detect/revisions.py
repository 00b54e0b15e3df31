"""Pairs a stated revision explains: "revised the toll from 1,655 to 1,610".

A figure whose sentence names the figure it replaces (``claim.previous_id``, an update or
a correction) does not contradict another report of that replaced figure: the two are the
revision itself, shown on the timeline and incident view, not an open dispute. Only the
pairs of such figures are read, so this costs nothing where no sentence revises a figure.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from factdb.db.dialects import chunks
from factdb.db.models import Claim
from factdb.detect.rules import figures, gap, logical

T = TypeVar("T")


def drop_revised(session: Session, found: dict[tuple[int, int], T]) -> dict[tuple[int, int], T]:
    """``found`` without the pairs that a stated revision explains: one claim states the
    figure its article revised a toll to ("from 1,655 to 1,610", or a later "the toll stood
    at 1,610" of the same article) and the other states the replaced figure (their logical
    intervals overlap)."""
    ids = sorted({i for pair in found for i in pair})
    if not ids:
        return found
    claims: dict[int, tuple[int, Any]] = {}  # claim id -> (revision id, figures)
    for chunk in chunks(ids):
        for claim in session.scalars(select(Claim).where(Claim.id.in_(chunk))):
            claims[claim.id] = (claim.revision_id, figures(claim))
    previous = aliased(Claim)
    # (revision id, the new figures) -> the figures they replace, for the revisions at hand
    replaced: dict[tuple[int, Any], list[Any]] = {}
    revisions = sorted({revision for revision, _ in claims.values()})
    for chunk in chunks(revisions):
        rows = session.execute(
            select(Claim, previous)
            .join(previous, previous.id == Claim.previous_id)
            .where(Claim.revision_id.in_(chunk))
        ).all()
        for new, old in rows:
            replaced.setdefault((new.revision_id, figures(new)), []).append(figures(old))
    if not replaced:
        return found

    def explained(a: int, b: int) -> bool:
        for reviser, other in ((a, b), (b, a)):
            olds = replaced.get(claims[reviser]) if reviser in claims else None
            stated = claims[other][1] if other in claims else None
            if (
                olds
                and stated is not None
                and any(gap(logical(old), logical(stated)) is None for old in olds)
            ):
                return True
        return False

    return {pair: f for pair, f in found.items() if not explained(*pair)}
