"""Read side of incidents: the list a fact-checker scans and one incident's ledger.

An incident's sources are those whose events it holds, plus their syndicated copies; its
figures are the current quantity claims that count one of its events, by measure, so each
source's number sits beside the others'. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Row, or_, select
from sqlalchemy.orm import Session, joinedload

from factdb.db.dialects import chunks
from factdb.db.models import Claim, Contradiction, Event, Incident, Source, SourceRevision
from factdb.errors import NotFound
from factdb.queries import find_entity, place_tree
from factdb.vocabulary import ClaimKind


@dataclass
class IncidentView:
    """One incident with what the list and ``show`` print: its sources (copies included),
    each source's main sentence, its figures by measure in time order (as-of date, then
    source), and the contradictions each figure takes part in."""

    incident: Incident
    sources: list[Source]
    figures: dict[str, list[Claim]] = field(default_factory=dict)
    sentences: dict[int, str] = field(default_factory=dict)  # source id -> main sentence
    flags: dict[int, list[Contradiction]] = field(default_factory=dict)  # claim id -> flags


def in_time_order(claims: Iterable[Claim]) -> list[Claim]:
    """Claims by as-of date (undated last), then source and position."""
    return sorted(
        claims,
        key=lambda c: (c.as_of is None, c.as_of, c.source_id, c.span_start, c.id),
    )


def list_incidents(
    session: Session,
    *,
    entity: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> list[IncidentView]:
    """Incidents, most recent first; ``entity`` keeps those placed in it or within it,
    ``since``/``until`` those whose dates reach into the range."""
    query = select(Incident).options(joinedload(Incident.place))
    if entity is not None:
        found = find_entity(session, entity)
        if found is None:
            return []
        query = query.where(Incident.place_id.in_(place_tree(found.id)))
    if since is not None:
        query = query.where(or_(Incident.date_end >= since, Incident.date_start >= since))
    if until is not None:
        query = query.where(Incident.date_start <= until)
    query = query.order_by(Incident.date_start.desc().nulls_last(), Incident.id)
    if limit is not None:
        query = query.limit(limit)
    return _views(session, list(session.scalars(query).unique()), sentences=False)


def get_incident(session: Session, incident_id: int) -> IncidentView:
    """One incident with its sources, their main sentences and its figures."""
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound(f"no incident with id {incident_id}")
    [view] = _views(session, [incident], sentences=True)
    return view


def _views(session: Session, incidents: Sequence[Incident], sentences: bool) -> list[IncidentView]:
    if not incidents:
        return []
    ids = [i.id for i in incidents]
    events = session.execute(
        select(
            Event.id,
            Event.incident_id,
            Event.source_id,
            Event.revision_id,
            Event.main,
            Event.span_start,
            Event.span_end,
        )
        .where(Event.incident_id.in_(ids))
        .order_by(Event.source_id, Event.index)
    ).all()
    source_ids = {e.source_id for e in events}
    sources = {
        s.id: s
        for s in session.scalars(
            select(Source).where(or_(Source.id.in_(source_ids), Source.copy_of_id.in_(source_ids)))
        )
    }
    copies: dict[int, list[Source]] = {}
    for s in sources.values():
        if s.copy_of_id is not None:
            copies.setdefault(s.copy_of_id, []).append(s)
    claims = session.scalars(
        select(Claim)
        .options(joinedload(Claim.source))
        .where(
            Claim.event_id.in_([e.id for e in events]),
            Claim.kind == ClaimKind.quantity,
            *Claim.is_current(),
        )
        .order_by(Claim.source_id, Claim.span_start, Claim.id)
    ).all()
    incident_of_event = {e.id: e.incident_id for e in events}
    incident_of_claim = {c.id: incident_of_event[c.event_id] for c in claims}
    views = {i.id: IncidentView(i, []) for i in incidents}
    seen: set[tuple[int, int]] = set()
    for e in events:
        view = views[e.incident_id]
        if (e.incident_id, e.source_id) not in seen:
            seen.add((e.incident_id, e.source_id))
            view.sources.append(sources[e.source_id])
            view.sources.extend(sorted(copies.get(e.source_id, []), key=lambda s: s.id))
    for claim in in_time_order(claims):
        view = views[incident_of_event[claim.event_id]]
        view.figures.setdefault(claim.measure or claim.unit or "value", []).append(claim)
    claim_ids = [c.id for c in claims]
    for chunk in chunks(claim_ids):
        for row in session.scalars(
            select(Contradiction).where(
                or_(Contradiction.claim_a_id.in_(chunk), Contradiction.claim_b_id.in_(chunk))
            )
        ):
            for claim_id in (row.claim_a_id, row.claim_b_id):
                if claim_id in incident_of_claim:
                    views[incident_of_claim[claim_id]].flags.setdefault(claim_id, []).append(row)
    if sentences:
        _main_sentences(session, events, views)
    return [views[i] for i in ids]


def _main_sentences(
    session: Session, events: Sequence[Row], views: dict[int, IncidentView]
) -> None:
    """Each source's main-event sentence (else its first event's), from its revision text."""
    chosen: dict[tuple[int, int], Row] = {}
    for e in events:
        key = (e.incident_id, e.source_id)
        if key not in chosen or (e.main and not chosen[key].main):
            chosen[key] = e
    revisions = {e.revision_id for e in chosen.values()}
    texts = dict(
        session.execute(
            select(SourceRevision.id, SourceRevision.text).where(SourceRevision.id.in_(revisions))
        ).all()
    )
    for (incident_id, source_id), e in chosen.items():
        text = texts.get(e.revision_id, "")
        views[incident_id].sentences[source_id] = text[e.span_start : e.span_end]


__all__ = ["IncidentView", "get_incident", "list_incidents"]
