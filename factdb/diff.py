"""What changed between two revisions of a source, claim by claim.

Claims are matched by what they are about, not by position: a quantity by (subject,
measure, verb class, location, unit), an event by (subject, verb, place), a quote by its
speaker. Within a match group claims pair up in text order. A paired claim whose value,
dates or quoted words differ is one ``changed`` line ("5,000 troops" revised to "5,500"),
not a removal plus an addition.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from factdb.db.models import Claim, Source, SourceRevision
from factdb.errors import FactdbError, NotFound
from factdb.vocabulary import ClaimKind


@dataclass(frozen=True)
class DiffLine:
    status: str  # added | removed | changed | same
    old: Claim | None
    new: Claim | None


def _identity(claim: Claim) -> tuple:
    if claim.kind == ClaimKind.quantity:
        return (
            claim.kind,
            claim.subject_id,
            claim.measure,
            claim.verb_class,
            claim.location_id,
            claim.unit,
        )
    if claim.kind == ClaimKind.event:
        return (claim.kind, claim.subject_id, claim.verb, claim.location_id)
    return (claim.kind, claim.speaker_id or claim.speaker_name)


def _value(claim: Claim) -> tuple:
    return (
        claim.value_low,
        claim.value_high,
        claim.low_open,
        claim.high_open,
        claim.qualifier,
        claim.date_start,
        claim.date_end,
        claim.quote if claim.kind == ClaimKind.quote else None,
        claim.hedged,
    )


def _revision(session: Session, source_id: int, number: int) -> SourceRevision:
    revision = session.scalar(
        select(SourceRevision).where(
            SourceRevision.source_id == source_id, SourceRevision.number == number
        )
    )
    if revision is None:
        raise NotFound(f"source {source_id} has no revision {number}")
    return revision


def diff_revisions(
    session: Session, source_id: int, old: int | None = None, new: int | None = None
) -> tuple[SourceRevision, SourceRevision, list[DiffLine]]:
    """Claims added, removed, changed and unchanged from revision ``old`` to ``new``
    (default: the last two revisions)."""
    if session.get(Source, source_id) is None:
        raise NotFound(f"no source with id {source_id}")
    numbers = list(
        session.scalars(
            select(SourceRevision.number)
            .where(SourceRevision.source_id == source_id)
            .order_by(SourceRevision.number)
        )
    )
    if len(numbers) < 2:
        raise FactdbError(f"source {source_id} has only one revision: nothing to compare")
    new = numbers[-1] if new is None else new
    old = new - 1 if old is None else old
    before, after = _revision(session, source_id, old), _revision(session, source_id, new)

    def claims_of(revision: SourceRevision) -> dict[tuple, list[Claim]]:
        groups: dict[tuple, list[Claim]] = defaultdict(list)
        # not Claim.is_current(): every claim of an older revision is superseded
        rows = session.scalars(
            select(Claim)
            .where(Claim.revision_id == revision.id, Claim.retired.is_(False))
            .options(
                joinedload(Claim.subject),
                joinedload(Claim.location),
                joinedload(Claim.speaker),
                joinedload(Claim.source),
            )
            .order_by(Claim.span_start, Claim.id)
        )
        for claim in rows.unique():
            groups[_identity(claim)].append(claim)
        return groups

    old_groups, new_groups = claims_of(before), claims_of(after)
    lines: list[DiffLine] = []
    for key in list(old_groups) + [k for k in new_groups if k not in old_groups]:
        olds, news = old_groups.get(key, []), new_groups.get(key, [])
        for i in range(max(len(olds), len(news))):
            a = olds[i] if i < len(olds) else None
            b = news[i] if i < len(news) else None
            if a is None:
                lines.append(DiffLine("added", None, b))
            elif b is None:
                lines.append(DiffLine("removed", a, None))
            else:
                lines.append(DiffLine("same" if _value(a) == _value(b) else "changed", a, b))
    order = {"changed": 0, "added": 1, "removed": 2, "same": 3}
    lines.sort(key=lambda d: (order[d.status], (d.new or d.old).span_start))  # type: ignore[union-attr]
    return before, after, lines
