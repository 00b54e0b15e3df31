"""Place writes: a gazetteer ``Place`` and its parents filed once as entities.

A place is an entity whose ``kind`` is a ``PlaceKind``, found again by its gazetteer key;
its parent chain is filed first (country, state, county, city), so ``parent_id`` always
points at a stored row. An entity of the same name filed before places existed (a country
from the shipped entity list) is adopted rather than duplicated. Ids are kept in the
ingest run's ``EntityCache`` so each place costs one lookup per run.
"""

from __future__ import annotations

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from factdb.db.models import Entity, EntityAlias
from factdb.extract import normalise_alias
from factdb.extract.records import Place
from factdb.store.entities import EntityCache

_BY_KEY = select(Entity.id).where(Entity.gazetteer_key == bindparam("key"))
_BY_NAME = select(Entity.id, Entity.gazetteer_key).where(Entity.name == bindparam("name"))
_INSERT_ENTITY = insert(Entity.__table__).returning(Entity.id)
_INSERT_ALIASES = insert(EntityAlias.__table__)
# Core statements, built once: an ORM-enabled UPDATE costs about a millisecond of Python
_SET_PLACE = update(Entity.__table__).where(Entity.__table__.c.id == bindparam("target"))
_TAKEN = select(EntityAlias.normalised).where(
    EntityAlias.normalised.in_(bindparam("keys", expanding=True))
)


def file_place(entities: EntityCache, place: Place | None) -> int | None:
    """The entity id of ``place``, filing it and its parents when new."""
    if place is None:
        return None
    cached = entities.places.get(place.key)
    if cached is not None:
        return cached
    session = entities.session
    parent_id = file_place(entities, place.parent)
    place_id = session.scalar(_BY_KEY, {"key": place.key})
    if place_id is None:
        place_id = _adopt_or_insert(entities, place, parent_id)
        _add_aliases(session, place, place_id)
    entities.places[place.key] = place_id
    return place_id


def _adopt_or_insert(entities: EntityCache, place: Place, parent_id: int | None) -> int:
    """The entity row for a new gazetteer place: one of its name filed before places
    existed is adopted; a new one is created through the entity cache, so a shipped
    entity's aliases ("U.S.", "America") come with it."""
    session = entities.session
    values = {
        "kind": place.kind,
        "parent_id": parent_id,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "gazetteer_key": place.key,
    }
    same_name = session.execute(_BY_NAME, {"name": place.name}).first()
    if same_name is not None and same_name.gazetteer_key is None:
        session.execute(_SET_PLACE, {"target": same_name.id, **values})
        return same_name.id
    if same_name is None:
        place_id = entities.id_for(place.name, place.kind)
        assert place_id is not None
        session.execute(_SET_PLACE, {"target": place_id, **values})
        return place_id
    # the name is another gazetteer place's: this one is filed under its key as well
    place_id = session.scalar(_INSERT_ENTITY, {"name": f"{place.name} ({place.key})", **values})
    assert place_id is not None
    return place_id


def _add_aliases(session: Session, place: Place, place_id: int) -> None:
    """The place's name and surfaces as aliases; one already naming something keeps it.
    A city or county is also filed under its bare name ("Chicago", "Cook County"), so
    ``claims --entity Chicago`` finds it; of namesakes the first filed keeps the bare name
    (the qualified "Jackson, Mississippi" always names one)."""
    wanted: dict[str, str] = {}
    bare = (place.name.split(",", 1)[0],) if place.kind in ("city", "admin2") else ()
    for alias in (place.name, *place.aliases, *bare):
        key = normalise_alias(alias)
        if key and key not in wanted:
            wanted[key] = alias
    if not wanted:
        return
    taken = set(session.scalars(_TAKEN, {"keys": list(wanted)}))
    rows = [
        {"alias": a, "normalised": k, "entity_id": place_id, "origin": "gazetteer"}
        for k, a in wanted.items()
        if k not in taken
    ]
    if rows:
        session.execute(_INSERT_ALIASES, rows)


def place_keys(place: Place | None) -> tuple[str, ...]:
    """The gazetteer keys of a place's chain, most specific first (clustering's places)."""
    return tuple(p.key for p in place.chain()) if place is not None else ()


def stored_chains(session: Session) -> dict[int, tuple[str, ...]]:
    """Every filed place's chain of gazetteer keys by entity id (for a rebuild)."""
    rows = session.execute(
        select(Entity.id, Entity.parent_id, Entity.gazetteer_key).where(
            Entity.gazetteer_key.is_not(None)
        )
    ).all()
    parent = {r.id: r.parent_id for r in rows}
    key = {r.id: r.gazetteer_key for r in rows}
    chains: dict[int, tuple[str, ...]] = {}
    for start in key:
        out: list[str] = []
        node: int | None = start
        while node is not None and node in key and key[node] not in out:
            out.append(key[node])
            node = parent[node]
        chains[start] = tuple(out)
    return chains
