"""Read side: the questions the CLI and Python users ask of the store.

Every function takes a caller's ``Session`` and returns ORM rows; ``factdb.report``
turns them into the JSON contract and tables. Nothing here writes, and nothing here imports
a writer (``factdb.store``, ``factdb.detect``): the store reads through this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    and_,
    func,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from factdb.db.models import Claim, Contradiction, Entity, EntityAlias, Source, SourceRevision
from factdb.errors import FactdbError, NotFound
from factdb.measures import canonical_measure, require_measure
from factdb.syndication import sentence_key
from factdb.vocabulary import ClaimKind, ClaimStatus

if TYPE_CHECKING:
    from factdb.extract.entities import Entity as GazetteerEntity


def _claim_options() -> list:
    return [
        joinedload(Claim.source),
        joinedload(Claim.revision).load_only(SourceRevision.number),
        joinedload(Claim.subject),
        joinedload(Claim.location),
        joinedload(Claim.speaker),
        joinedload(Claim.event),
        joinedload(Claim.counted_place),
    ]


def gazetteer_lookup(name: str) -> GazetteerEntity | None:
    """The shipped entity a name (or any of its aliases) stands for, if any."""
    from factdb.extract import load_gazetteer  # extraction is heavy: only when asked

    return load_gazetteer().lookup(name)


def resolve_entity(session: Session, name: str) -> Entity | None:
    """The stored entity a name resolves to, through its aliases."""
    from factdb.extract import normalise_alias  # extraction is heavy: only when asked

    key = normalise_alias(name)
    entity = session.scalar(select(Entity).join(EntityAlias).where(EntityAlias.normalised == key))
    if entity is None:
        entity = session.scalar(select(Entity).where(Entity.name == name))
    return entity


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


CLAIM_STATUSES = tuple(ClaimStatus)


def _claim_status(status: str, claim: type[Claim] | Any = Claim) -> list[ColumnElement[bool]]:
    if status == "current":
        return list(claim.is_current())
    if status == "superseded":
        return [claim.superseded.is_(True)]
    if status == "retired":
        return [claim.retired.is_(True)]
    if status == "all":
        return []
    raise FactdbError(f"claim status {status!r}: expected one of {', '.join(CLAIM_STATUSES)}")


def _mentions(claim: type[Claim] | Any, entity_id: int) -> ColumnElement[bool]:
    return or_(
        claim.subject_id == entity_id,
        claim.location_id == entity_id,
        claim.speaker_id == entity_id,
    )


MENTION_COLUMNS = ("subject_id", "location_id", "speaker_id")
# Aliases are built once: ``aliased(Claim)`` proxies all ~40 columns, and three of them per
# call cost more than running a rare entity's query.
_MENTION = {
    col: aliased(Claim, name=f"mention_{col.removesuffix('_id')}") for col in MENTION_COLUMNS
}
_OUTLET_SOURCE = aliased(Source, name="outlet_source")


def _mention_ids(entity_id: int) -> CompoundSelect:
    """Ids of the claims naming the entity as subject, location or speaker (repeats allowed)."""
    return union_all(
        *(select(m.id).where(getattr(m, col) == entity_id) for col, m in _MENTION.items())
    )


def _mentioning(entity_id: int) -> ColumnElement[bool]:
    """``Claim.id`` among the claims that name the entity as subject, location or speaker.

    The same rows as ``_mentions(Claim, ...)``, shaped so that each column's own index is
    used. With the plain OR, SQLite reads the whole table in ``source_id`` order to skip the
    sort (speaker and location are mostly NULL, so their indexes look unselective): a million
    rows read for a rare entity's one claim.
    """
    return Claim.id.in_(_mention_ids(entity_id))


def place_tree(entity_id: int) -> Select:
    """Ids of a place and every place within it (its children, theirs...): a recursive CTE,
    the same SQL on SQLite and PostgreSQL."""
    tree = select(Entity.id).where(Entity.id == entity_id).cte("place_tree", recursive=True)
    inner = aliased(Entity, name="child")
    tree = tree.union_all(select(inner.id).where(inner.parent_id == tree.c.id))
    return select(tree.c.id)


def _places_within(session: Session, entity_id: int) -> Select | None:
    """``place_tree`` when places lie within the entity, else None (a plain equality keeps
    the index plan for everything that is not a region)."""
    child = session.scalar(select(Entity.id).where(Entity.parent_id == entity_id).limit(1))
    return None if child is None else place_tree(entity_id)


def places_within(session: Session, name: str) -> int:
    """How many stored places lie within the named entity (0: none, or not a place);
    ``claims --entity`` says so when it includes their claims."""
    found = resolve_entity(session, name)
    if found is None:
        return 0
    tree = place_tree(found.id).subquery()
    return session.scalar(select(func.count()).select_from(tree)) - 1


def _source_order(claim: type[Claim] | Any) -> tuple[ColumnElement[Any], ...]:
    return (claim.source_id, claim.revision_id, claim.span_start, claim.id)


@dataclass(frozen=True)
class _ClaimFilter:
    """``list_claims``'s filters other than the entity, applicable to any alias of Claim."""

    status: str
    kind: str | None
    source_id: int | None
    measure: str | None
    outlet: str | None
    since: date | None
    until: date | None

    def __post_init__(self) -> None:
        _claim_status(self.status)  # a bad status is reported before the entity is looked up

    def apply(self, query: Select, claim: type[Claim] | Any) -> Select:
        query = query.where(*_claim_status(self.status, claim))
        if self.kind is not None:
            query = query.where(claim.kind == self.kind)
        if self.source_id is not None:
            query = query.where(claim.source_id == self.source_id)
        if self.measure is not None:
            query = query.where(claim.measure == self.measure)
        if self.outlet is not None:
            query = query.join(_OUTLET_SOURCE, claim.source_id == _OUTLET_SOURCE.id).where(
                func.lower(_OUTLET_SOURCE.outlet) == self.outlet.lower()
            )
        if self.since is not None:
            query = query.where(claim.as_of >= self.since)
        if self.until is not None:
            query = query.where(claim.as_of <= self.until)
        return query


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
    limit: int | None = None,
    offset: int = 0,
) -> list[Claim]:
    """Claims in source order; ``entity`` matches subject, location or speaker via aliases,
    and, for a place, the claims located in the places within it (``places_within``).

    ``since``/``until`` bound the as-of date; ``outlet`` matches case-insensitively.
    ``limit``/``offset`` give one page of that order: a hot entity has a sixth of all claims,
    and building them all is what makes an unpaged listing slow at a million claims.
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise FactdbError("limit and offset must not be negative")
    asked, measure = measure, canonical_measure(measure) if measure is not None else None
    filters = _ClaimFilter(status, kind, source_id, measure, outlet, since, until)
    if entity is None:
        query = filters.apply(select(Claim), Claim)
    else:
        found = find_entity(session, entity)
        if found is None:
            return []
        within = _places_within(session, found.id)
        if limit is None:
            mentioning = _mentioning(found.id)
            if within is not None:
                mentioning = or_(mentioning, Claim.location_id.in_(within))
            query = filters.apply(select(Claim), Claim).where(mentioning)
        else:
            # One page: the first offset + limit of each of subject, location and speaker
            # (each read in order from its (column, source_id) index) hold the page.
            tops = []
            for column, m in _MENTION.items():
                top = (
                    filters.apply(select(m.id), m)
                    .where(
                        getattr(m, column).in_(within)
                        if column == "location_id" and within is not None
                        else getattr(m, column) == found.id
                    )
                    .order_by(*_source_order(m))
                    .limit(offset + limit)
                    .subquery()
                )
                tops.append(select(top.c.id))
            query = select(Claim).where(Claim.id.in_(union_all(*tops)))
    query = query.options(*_claim_options()).order_by(*_source_order(Claim))
    if limit is not None:
        query = query.limit(limit).offset(offset or None)
    claims = list(session.scalars(query).unique())
    if not claims and measure is not None and asked is not None:
        require_measure(session, measure, asked)
    return claims


# Built once, like ``_MENTION``: the two sides of a pair and their sources.
_SIDE_A = aliased(Claim, name="side_a")
_SIDE_B = aliased(Claim, name="side_b")
_SOURCE_A = aliased(Source, name="source_a")
_SOURCE_B = aliased(Source, name="source_b")
# An entity named by at most FEW_MENTIONS claims, in at most MAX_PAIRS contradictions, has
# them looked up through its claims; a hotter one is met soonest in severity order.
FEW_MENTIONS = 2000
MAX_PAIRS = 5000


def _pairs_naming(session: Session, entity_id: int) -> list[int] | None:
    """Ids of the contradictions one of whose claims names the entity; None when it is hot.

    Which plan is fast depends on how hot the entity is, and neither planner can tell: an
    IN (subquery) has no row estimate, so PostgreSQL walked all 222k open pairs in severity
    order for an entity with none. Both steps read at most their caps of index entries.
    """
    # a LIMIT per role, so each is an index range read that stops early (over the whole
    # union PostgreSQL bitmap-scans all 157k claims of the hottest entity first)
    counts = [
        select(func.count())
        .select_from(
            select(m.id).where(getattr(m, col) == entity_id).limit(FEW_MENTIONS + 1).subquery()
        )
        .scalar_subquery()
        for col, m in _MENTION.items()
    ]
    if session.scalar(select(counts[0] + counts[1] + counts[2])) > FEW_MENTIONS:
        return None
    mentioned = _mention_ids(entity_id)
    pairs = union(
        select(Contradiction.id).where(Contradiction.claim_a_id.in_(mentioned)),
        select(Contradiction.id).where(Contradiction.claim_b_id.in_(mentioned)),
    )
    ids = list(session.scalars(pairs.limit(MAX_PAIRS + 1)))
    return None if len(ids) > MAX_PAIRS else ids


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
    a, b = _SIDE_A, _SIDE_B
    query = (
        select(Contradiction)
        .join(a, Contradiction.claim_a_id == a.id)
        .join(b, Contradiction.claim_b_id == b.id)
        # Each side in its own query: joined, the 15 tables cost PostgreSQL more to plan
        # than the first page costs to run.
        .options(
            selectinload(Contradiction.claim_a).options(*_claim_options()),
            selectinload(Contradiction.claim_b).options(*_claim_options()),
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
        pair_ids = _pairs_naming(session, found.id)
        if pair_ids is None:
            query = query.where(or_(_mentions(a, found.id), _mentions(b, found.id)))
        elif not pair_ids:
            return []
        else:
            query = query.where(Contradiction.id.in_(pair_ids))
    if measure is not None:
        query = query.where(a.measure == canonical_measure(measure))
    if outlet is not None:
        query = (
            query.join(_SOURCE_A, a.source_id == _SOURCE_A.id)
            .join(_SOURCE_B, b.source_id == _SOURCE_B.id)
            .where(
                or_(
                    func.lower(_SOURCE_A.outlet) == outlet.lower(),
                    func.lower(_SOURCE_B.outlet) == outlet.lower(),
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
    rows = list(session.scalars(query).unique())
    if not rows and measure is not None:
        require_measure(session, canonical_measure(measure), measure)
    return rows


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
    """The figure's claims in as-of order; syndicated copies fold into their first report.
    ``measure`` may be any noun for it ("deaths" for killed)."""
    asked, measure = measure, canonical_measure(measure)
    subject = find_entity(session, entity)
    if subject is None:
        raise NotFound(f"no claims about {entity!r} yet")
    place = None
    within = _places_within(session, subject.id)
    located = Claim.location_id == subject.id if within is None else Claim.location_id.in_(within)
    query = (
        select(Claim)
        .options(*_claim_options())
        .where(
            Claim.kind == ClaimKind.quantity,
            # a toll has its place, not a subject ("Nepal's death toll"): the entity is then
            # where the figure counts, itself or a place within it ("Cajamarca, Peru")
            or_(
                Claim.subject_id == subject.id,
                and_(Claim.subject_id.is_(None), located),
            ),
            Claim.measure == measure,
            *Claim.is_current(),
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
    if not claims:
        require_measure(session, measure, asked)
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


def list_sources(session: Session) -> Sequence[tuple[Source, int, int]]:
    """Sources with their revision count and current claim count."""
    revisions = (
        select(func.count(SourceRevision.id))
        .where(SourceRevision.source_id == Source.id)
        .scalar_subquery()
    )
    claims = (
        select(func.count(Claim.id))
        .where(Claim.source_id == Source.id, *Claim.is_current())
        .scalar_subquery()
    )
    query = select(Source, revisions, claims).order_by(Source.id)
    return [(s, r, c) for s, r, c in session.execute(query)]


def get_source(session: Session, source_id: int) -> Source:
    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"no source with id {source_id}")
    return source


def source_copies(session: Session, source_id: int) -> Sequence[Source]:
    """The syndicated copies of a source (its text under other urls), in the order stored."""
    return session.scalars(
        select(Source).where(Source.copy_of_id == source_id).order_by(Source.id)
    ).all()


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
            .where(*Claim.is_current())
            .group_by(Entity.id)
        ).all()
    )
    return [
        (e, sorted({a.alias for a in e.aliases} - {e.name}), counts.get(e.id, 0)) for e in entities
    ]


__all__ = [
    "find_entity",
    "gazetteer_lookup",
    "get_contradiction",
    "get_source",
    "list_claims",
    "list_contradictions",
    "list_entities",
    "list_sources",
    "place_tree",
    "places_within",
    "resolve_entity",
    "timeline",
]
