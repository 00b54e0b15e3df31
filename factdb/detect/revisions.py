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
    """``found`` without the pairs in which one claim revises a figure and the other claim
    states that replaced figure (their logical intervals overlap)."""
    ids = sorted({i for pair in found for i in pair})
    if not ids:
        return found
    previous = aliased(Claim)
    replaced: dict[int, Any] = {}  # claim id -> the figures it replaces
    for chunk in chunks(ids):
        rows = session.execute(
            select(
                Claim.id,
                previous.value_low,
                previous.value_high,
                previous.low_open,
                previous.high_open,
                previous.likely_low,
                previous.likely_high,
            )
            .join(previous, previous.id == Claim.previous_id)
            .where(Claim.id.in_(chunk))
        ).all()
        replaced.update((row[0], tuple(row[1:])) for row in rows)
    if not replaced:
        return found
    others = {i for pair in found for i in pair if any(j in replaced for j in pair)}
    values: dict[int, Any] = {}
    for chunk in chunks(sorted(others)):
        for claim in session.execute(select(Claim).where(Claim.id.in_(chunk))).scalars():
            values[claim.id] = figures(claim)

    def explained(a: int, b: int) -> bool:
        for reviser, other in ((a, b), (b, a)):
            old = replaced.get(reviser)
            stated = values.get(other)
            if (
                old is not None
                and stated is not None
                and gap(logical(old), logical(stated)) is None
            ):
                return True
        return False

    return {pair: f for pair, f in found.items() if not explained(*pair)}
