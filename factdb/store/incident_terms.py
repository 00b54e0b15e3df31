"""The term block: how an event without a place finds the incidents it may join.

Incidents are blocked by region (``factdb.store.incidents``); an event whose place was not
found has no region, and reading every region's incidents of its days costs thousands of
sketches in a large store. Each incident files its block terms (``block_terms``: surnames and
heaviest keywords) here, rewritten whenever its sketch changes; such an event reads only the
incidents near its dates that share a term with it (``ix_incident_term_lookup``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, bindparam, delete, insert, select
from sqlalchemy.orm import Session

from factdb.db.models import Incident, IncidentTerm
from factdb.incidents.cluster import EventSketch, IncidentSketch, block_terms

_DELETE = delete(IncidentTerm.__table__).where(
    IncidentTerm.__table__.c.incident_id == bindparam("incident_id")
)
_INSERT = insert(IncidentTerm.__table__)


def write_terms(session: Session, incident_id: int, sketch: IncidentSketch) -> None:
    """File (again) an incident's block terms after its sketch changed."""
    session.execute(_DELETE, {"incident_id": incident_id})
    terms = sorted(block_terms(sketch))
    if terms:
        session.execute(
            _INSERT,
            [
                {
                    "incident_id": incident_id,
                    "term": term,
                    "kind": sketch.kind,
                    "date_start": sketch.date_start,
                }
                for term in terms
            ],
        )


def _statement() -> Select:
    c, t = Incident.__table__.c, IncidentTerm.__table__.c
    sharing = select(t.incident_id).where(
        t.kind == bindparam("kind"),
        t.term.in_(bindparam("terms", expanding=True)),
        t.date_start >= bindparam("first"),
        t.date_start <= bindparam("high"),
    )
    return select(c.id, c.kind, c.sketch).where(c.id.in_(sharing), c.date_end >= bindparam("low"))


_SHARING = _statement()


def sharing_terms(session: Session, event: EventSketch, window: dict[str, date]):
    """Rows (id, kind, sketch) of the incidents near ``window`` sharing a term with
    ``event`` (all of its keywords and names are looked up)."""
    terms = sorted(block_terms(event, keywords=len(event.keywords)))
    if not terms:
        return []
    return list(session.execute(_SHARING, {"kind": event.kind, "terms": terms, **window}))
