"""A measure as a user names it: "deaths" is the stored ``killed``, "soldiers" ``troops``.

Claims store one word per measure (``factdb.extract.quantity_words.MEASURES`` maps the
nouns articles use onto it), so a filter takes the same nouns; a measure no claim has is
an error that lists the measures stored, not an empty listing that looks like no news.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.db.models import Claim
from factdb.errors import NotFound


def canonical_measure(name: str) -> str:
    """The stored measure a user's word stands for ("Deaths" -> killed); other words as
    typed, lower-cased (``houses destroyed``)."""
    from factdb.extract.quantity_words import MEASURES  # 90 ms: only when a measure is given

    word = " ".join(name.lower().split())
    return MEASURES.get(word, word)


def require_measure(session: Session, measure: str, asked: str) -> None:
    """Raise ``NotFound`` naming the stored measures when no claim has ``measure``; called
    only once a filtered listing came back empty, so a listing with rows pays nothing."""
    if session.scalar(select(Claim.id).where(Claim.measure == measure).limit(1)) is not None:
        return
    stored = session.scalars(
        select(Claim.measure).where(Claim.measure.is_not(None)).distinct().order_by(Claim.measure)
    ).all()
    known = f"measures stored: {', '.join(stored)}" if stored else "no measures stored yet"
    raise NotFound(f"no claims with measure {asked!r}; {known}")
