"""Read side: the questions the CLI and Python users ask of the store.

Every function takes a caller's ``Session`` and returns ORM rows; ``factdb.report``
turns them into the JSON contract and tables.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased, joinedload

from factdb.errors import FactdbError, NotFound
from factdb.models import Claim, Contradiction, Entity, EntityAlias, Review, Source
from factdb.store import gazetteer_lookup, resolve_entity

REVIEW_STATUSES = ("confirmed", "dismissed", "resolved", "open")


def _claim_options() -> list:
    return [
        joinedload(Claim.source),
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


def list_claims(
    session: Session,
    *,
    entity: str | None = None,
    kind: str | None = None,
    source_id: int | None = None,
    include_superseded: bool = False,
) -> list[Claim]:
    """Claims in source order; ``entity`` matches subject, location or speaker via aliases."""
    query: Select = select(Claim).options(*_claim_options())
    if entity is not None:
        found = find_entity(session, entity)
        if found is None:
            return []
        query = query.where(
            or_(
                Claim.subject_id == found.id,
                Claim.location_id == found.id,
                Claim.speaker_id == found.id,
            )
        )
    if kind is not None:
        query = query.where(Claim.kind == kind)
    if source_id is not None:
        query = query.where(Claim.source_id == source_id)
    if not include_superseded:
        query = query.where(Claim.superseded.is_(False))
    query = query.order_by(Claim.source_id, Claim.revision_id, Claim.span_start, Claim.id)
    return list(session.scalars(query).unique())


def list_contradictions(
    session: Session, *, status: str | None = None, entity: str | None = None
) -> list[Contradiction]:
    """Contradictions by severity (highest first), then most recent claim."""
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
    if entity is not None:
        found = find_entity(session, entity)
        if found is None:
            return []
        query = query.where(or_(a.subject_id == found.id, b.subject_id == found.id))
    latest = func.coalesce(b.as_of, a.as_of)
    query = query.order_by(Contradiction.severity.desc(), latest.desc(), Contradiction.id)
    return list(session.scalars(query).unique())


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
        created_at=datetime.now(UTC).replace(tzinfo=None),
    )
    row.status = status
    row.updated_at = entry.created_at
    session.add(entry)
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
        .where(Claim.source_id == Source.id, Claim.superseded.is_(False))
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
            .where(Claim.superseded.is_(False))
            .group_by(Entity.id)
        ).all()
    )
    return [
        (e, sorted({a.alias for a in e.aliases} - {e.name}), counts.get(e.id, 0)) for e in entities
    ]


__all__ = [
    "EntityAlias",
    "find_entity",
    "get_contradiction",
    "get_source",
    "list_claims",
    "list_contradictions",
    "list_entities",
    "list_sources",
    "review_contradiction",
]
