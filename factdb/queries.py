"""Read side: the questions the CLI and Python users ask of the store.

Every function takes a caller's ``Session`` and returns ORM rows; ``factdb.report``
turns them into the JSON contract and tables.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, aliased, joinedload

from factdb.errors import FactdbError, NotFound
from factdb.models import Claim, Contradiction, Entity, Review, Source, SourceRevision
from factdb.store import gazetteer_lookup, resolve_entity, utcnow

REVIEW_STATUSES = ("confirmed", "dismissed", "resolved", "open")


def _claim_options() -> list:
    return [
        joinedload(Claim.source),
        joinedload(Claim.revision).load_only(SourceRevision.number),
        joinedload(Claim.subject),
        joinedload(Claim.location),
        joinedload(Claim.speaker),
    ]


def find_entity(session: Session, name: str) -> Entity | None:
    """Resolve a user's entity name; None when it is known (shipped) but has no claims yet.

    Raises NotFound when neither the store nor the shipped gazetteer knows the name.
    """
    entity = resolve_entity(session, name)
    if entity is not None:
        return entity
    if gazetteer_lookup(name) is None:
        raise NotFound(f"no entity matches {name!r} (see `factdb entities`)")
    return None


CLAIM_STATUSES = ("current", "superseded", "retired", "all")


def _claim_status(status: str) -> list[ColumnElement[bool]]:
    if status == "current":
        return [Claim.superseded.is_(False), Claim.retired.is_(False)]
    if status == "superseded":
        return [Claim.superseded.is_(True)]
    if status == "retired":
        return [Claim.retired.is_(True)]
    if status == "all":
        return []
    raise FactdbError(f"claim status {status!r}: expected one of {', '.join(CLAIM_STATUSES)}")


def _mentions(claim: type[Claim] | Any, entity_id: int) -> ColumnElement[bool]:
    return or_(
        claim.subject_id == entity_id,
        claim.location_id == entity_id,
        claim.speaker_id == entity_id,
    )


def list_claims(
    session: Session,
    *,
    entity: str | None = None,
    kind: str | None = None,
    source_id: int | None = None,
    measure: str | None = None,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    status: str = "current",
) -> list[Claim]:
    """Claims in source order; ``entity`` matches subject, location or speaker via aliases.

    ``since``/``until`` bound the as-of date; ``outlet`` matches case-insensitively.
    """
    query: Select = select(Claim).options(*_claim_options()).where(*_claim_status(status))
    if entity is not None:
        found = find_entity(session, entity)
        if found is None:
            return []
        query = query.where(_mentions(Claim, found.id))
    if kind is not None:
        query = query.where(Claim.kind == kind)
    if source_id is not None:
        query = query.where(Claim.source_id == source_id)
    if measure is not None:
        query = query.where(Claim.measure == measure)
    if outlet is not None:
        query = query.join(Source, Claim.source_id == Source.id).where(
            func.lower(Source.outlet) == outlet.lower()
        )
    if since is not None:
        query = query.where(Claim.as_of >= since)
    if until is not None:
        query = query.where(Claim.as_of <= until)
    query = query.order_by(Claim.source_id, Claim.revision_id, Claim.span_start, Claim.id)
    return list(session.scalars(query).unique())


def list_contradictions(
    session: Session,
    *,
    status: str | None = None,
    entity: str | None = None,
    measure: str | None = None,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    scope: str | None = None,
    limit: int | None = None,
) -> list[Contradiction]:
    """Contradictions by severity (highest first), then most recent claim.

    Filters apply to either side: a pair is listed when one of its claims matches.
    """
    a, b = aliased(Claim), aliased(Claim)
    query = (
        select(Contradiction)
        .join(a, Contradiction.claim_a_id == a.id)
        .join(b, Contradiction.claim_b_id == b.id)
        .options(
            joinedload(Contradiction.claim_a).options(*_claim_options()),
            joinedload(Contradiction.claim_b).options(*_claim_options()),
        )
    )
    if status is not None:
        query = query.where(Contradiction.status == status)
    if scope is not None:
        query = query.where(Contradiction.scope == scope)
    if entity is not None:
        found = find_entity(session, entity)
        if found is None:
            return []
        query = query.where(or_(_mentions(a, found.id), _mentions(b, found.id)))
    if measure is not None:
        query = query.where(a.measure == measure)
    if outlet is not None:
        sa_, sb = aliased(Source), aliased(Source)
        query = (
            query.join(sa_, a.source_id == sa_.id)
            .join(sb, b.source_id == sb.id)
            .where(
                or_(
                    func.lower(sa_.outlet) == outlet.lower(),
                    func.lower(sb.outlet) == outlet.lower(),
                )
            )
        )
    if since is not None:
        query = query.where(or_(a.as_of >= since, b.as_of >= since))
    if until is not None:
        query = query.where(or_(a.as_of <= until, b.as_of <= until))
    latest = func.coalesce(b.as_of, a.as_of)
    query = query.order_by(Contradiction.severity.desc(), latest.desc(), Contradiction.id)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query).unique())


@dataclass
class Timeline:
    """Every value of one figure by as-of date, and which pairs of them are flagged."""

    entity: Entity
    measure: str
    location: Entity | None
    claims: list[Claim]
    flags: dict[int, list[Contradiction]]
    copies: dict[int, list[Claim]]


def timeline(
    session: Session, *, entity: str, measure: str, location: str | None = None
) -> Timeline:
    """The figure's claims in as-of order; syndicated copies fold into their first report."""
    from factdb.detect import sentence_key

    subject = find_entity(session, entity)
    if subject is None:
        raise NotFound(f"no claims about {entity!r} yet")
    place = None
    query = (
        select(Claim)
        .options(*_claim_options())
        .where(
            Claim.kind == "quantity",
            Claim.subject_id == subject.id,
            Claim.measure == measure,
            Claim.superseded.is_(False),
            Claim.retired.is_(False),
        )
        .order_by(Claim.as_of, Claim.id)
    )
    if location is not None:
        place = find_entity(session, location)
        if place is None:
            raise NotFound(f"no claims located in {location!r} yet")
        query = query.where(Claim.location_id == place.id)
    claims: list[Claim] = []
    copies: dict[int, list[Claim]] = {}
    first: dict[str, Claim] = {}
    for claim in session.scalars(query).unique():
        key = sentence_key(claim.text)
        if key in first and first[key].source_id != claim.source_id:
            copies.setdefault(first[key].id, []).append(claim)
            continue
        first.setdefault(key, claim)
        claims.append(claim)
    ids = [c.id for c in claims]
    flags: dict[int, list[Contradiction]] = {}
    if ids:
        rows = session.scalars(
            select(Contradiction).where(
                Contradiction.claim_a_id.in_(ids), Contradiction.claim_b_id.in_(ids)
            )
        )
        for row in rows:
            flags.setdefault(row.claim_a_id, []).append(row)
            flags.setdefault(row.claim_b_id, []).append(row)
    return Timeline(subject, measure, place, claims, flags, copies)


def get_contradiction(session: Session, contradiction_id: int) -> Contradiction:
    row = session.scalar(
        select(Contradiction)
        .where(Contradiction.id == contradiction_id)
        .options(
            joinedload(Contradiction.claim_a).options(*_claim_options()),
            joinedload(Contradiction.claim_b).options(*_claim_options()),
            joinedload(Contradiction.reviews),
        )
    )
    if row is None:
        raise NotFound(f"no contradiction with id {contradiction_id}")
    return row


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


def list_sources(session: Session) -> Sequence[tuple[Source, int, int]]:
    """Sources with their revision count and current claim count."""
    from factdb.models import SourceRevision

    revisions = (
        select(func.count(SourceRevision.id))
        .where(SourceRevision.source_id == Source.id)
        .scalar_subquery()
    )
    claims = (
        select(func.count(Claim.id))
        .where(Claim.source_id == Source.id, Claim.superseded.is_(False), Claim.retired.is_(False))
        .scalar_subquery()
    )
    query = select(Source, revisions, claims).order_by(Source.id)
    return [(s, r, c) for s, r, c in session.execute(query)]


def get_source(session: Session, source_id: int) -> Source:
    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"no source with id {source_id}")
    return source


def list_entities(session: Session) -> Sequence[tuple[Entity, list[str], int]]:
    """Stored entities with their aliases and how many current claims mention them."""
    entities = list(
        session.scalars(
            select(Entity).options(joinedload(Entity.aliases)).order_by(Entity.name)
        ).unique()
    )
    counts = dict(
        session.execute(
            select(Entity.id, func.count(Claim.id))
            .join(
                Claim,
                or_(
                    Claim.subject_id == Entity.id,
                    Claim.location_id == Entity.id,
                    Claim.speaker_id == Entity.id,
                ),
            )
            .where(Claim.superseded.is_(False), Claim.retired.is_(False))
            .group_by(Entity.id)
        ).all()
    )
    return [
        (e, sorted({a.alias for a in e.aliases} - {e.name}), counts.get(e.id, 0)) for e in entities
    ]


__all__ = [
    "find_entity",
    "get_contradiction",
    "get_source",
    "list_claims",
    "list_contradictions",
    "list_entities",
    "list_sources",
    "review_contradiction",
]
