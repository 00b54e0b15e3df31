"""Entity writes: get-or-create entities with their aliases, and aliases set by users.

Resolving a name to a stored entity is a read (``factdb.queries.resolve_entity``); this
module creates what is not stored yet.
"""

from __future__ import annotations

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from factdb.db.models import Entity, EntityAlias
from factdb.errors import FactdbError, NotFound
from factdb.extract import load_gazetteer, normalise_alias
from factdb.queries import gazetteer_lookup, resolve_entity

# Statements on the ingest hot path, built once: building a select() costs more Python
# than running it on SQLite, and a prebuilt statement also keeps its compiled-cache key.
_ENTITY_ID = select(Entity.id).where(Entity.name == bindparam("name"))
_INSERT_ENTITY = insert(Entity.__table__).returning(Entity.id)
_INSERT_ALIASES = insert(EntityAlias.__table__)


class EntityCache:
    """Get-or-create entities by canonical name, with their aliases.

    One cache serves a whole ingest run (entity names repeat from article to article); the
    caller calls ``forget`` after any rollback, since ids created in it are gone.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._ids: dict[str, int] = {}
        self.places: dict[str, int] = {}  # gazetteer key -> entity id (store.places)

    def forget(self) -> None:
        self._ids.clear()
        self.places.clear()

    def id_for(self, name: str | None, kind: str | None = None) -> int | None:
        if not name:
            return None
        cached = self._ids.get(name)
        if cached is not None:
            return cached
        entity_id = self.session.scalar(_ENTITY_ID, {"name": name})
        if entity_id is None:
            entity_id = self._create(name, kind)
        self._ids[name] = entity_id
        return entity_id

    def _create(self, name: str, kind: str | None) -> int:
        """Insert an entity and its aliases with Core statements (two or three round trips;
        the ORM took a flush per alias, a large share of ingest time on pages naming many
        new people)."""
        gazetteer = load_gazetteer()
        shipped = gazetteer.entities.get(name)
        entity_id = self.session.scalar(
            _INSERT_ENTITY,
            {
                "name": name,
                "kind": (shipped.kind if shipped else kind) or "other",
                "wikidata_id": shipped.wikidata if shipped else None,
            },
        )
        names = gazetteer.names_of(name) if shipped else [name]
        origin = "gazetteer" if shipped else "text"
        wanted: dict[str, str] = {}
        for alias in names:
            key = normalise_alias(alias)
            if key and key not in wanted:
                wanted[key] = alias
        if wanted:
            taken = set(
                self.session.scalars(
                    select(EntityAlias.normalised).where(EntityAlias.normalised.in_(wanted))
                )
            )
            rows = [
                {"alias": a, "normalised": k, "entity_id": entity_id, "origin": origin}
                for k, a in wanted.items()
                if k not in taken  # an alias names one entity: the first keeps it
            ]
            if rows:
                self.session.execute(_INSERT_ALIASES, rows)
        assert entity_id is not None
        return entity_id


def add_alias(
    session: Session, alias: str, entity: Entity, *, origin: str, replace: bool
) -> EntityAlias | None:
    """Point ``alias`` at ``entity``. An alias names one entity; ``replace`` moves a taken one."""
    key = normalise_alias(alias)
    if not key:
        return None
    existing = session.scalar(select(EntityAlias).where(EntityAlias.normalised == key))
    if existing is not None:
        if existing.entity_id == entity.id or not replace:
            return existing
        existing.entity_id = entity.id
        existing.alias = alias
        existing.origin = origin
        return existing
    row = EntityAlias(alias=alias, normalised=key, entity_id=entity.id, origin=origin)
    session.add(row)
    session.flush()
    return row


def user_alias(session: Session, alias: str, entity_name: str) -> EntityAlias:
    """``factdb entities alias``: make ``alias`` resolve to an existing entity."""
    entity = resolve_entity(session, entity_name)
    if entity is None:
        shipped = gazetteer_lookup(entity_name)
        if shipped is None:
            raise NotFound(f"no entity named {entity_name!r} (see `factdb entities`)")
        EntityCache(session).id_for(shipped.name)
        entity = resolve_entity(session, shipped.name)
    assert entity is not None
    key = normalise_alias(alias)
    named = session.scalar(select(Entity).where(Entity.name == alias.strip()))
    if named is None:
        taken = session.scalar(select(EntityAlias).where(EntityAlias.normalised == key))
        if taken is not None and normalise_alias(taken.entity.name) == key:
            named = taken.entity
    if named is not None and named.id != entity.id:
        raise FactdbError(
            f"{alias!r} is the name of entity {named.name!r}: an entity's own name cannot be "
            "an alias of another (merging two entities is not supported)"
        )
    row = add_alias(session, alias, entity, origin="user", replace=True)
    if row is None:
        raise FactdbError(f"alias {alias!r} is empty once normalised")
    return row
