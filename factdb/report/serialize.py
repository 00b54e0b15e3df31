"""The machine-readable contract for claims and contradictions (DESIGN.md).

Fields may be added; renaming or dropping one needs a changelog note.
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING, Any

from factdb.db.models import Claim, Contradiction, Entity, Review, Source
from factdb.report.evolution import marks
from factdb.vocabulary import ClaimKind, PlaceKind

if TYPE_CHECKING:
    from factdb.queries_incidents import IncidentView


def _num(value: float | None) -> int | float | None:
    if value is None or math.isinf(value):
        return None
    return int(value) if float(value).is_integer() else value


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def source_dict(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "url": source.url,
        "outlet": source.outlet,
        "published": _iso(source.published_at),
        "copy_of": source.copy_of_id,
    }


def source_detail_dict(source: Source) -> dict[str, Any]:
    """A source as ``sources`` lists it: ``source_dict`` and its provenance (the wire credit,
    the dateline and the place it resolves to)."""
    return {
        **source_dict(source),
        "wire": source.wire,
        "dateline": source.dateline,
        "place": place_dict(source.place),
    }


def place_dict(entity: Entity | None) -> dict[str, Any] | None:
    """A place with its parent chain (``parents``: the enclosing places, nearest first);
    None for no place, or an entity that is not a place (a claim's old-style location)."""
    if entity is None or entity.kind not in PlaceKind.__members__:
        return None
    return {
        "name": entity.name,
        "kind": entity.kind,
        "latitude": entity.latitude,
        "longitude": entity.longitude,
        "parents": [{"name": p.name, "kind": p.kind} for p in entity.chain()[1:]],
    }


def claim_dict(claim: Claim) -> dict[str, Any]:
    value = None
    if claim.kind == ClaimKind.quantity:
        value = {
            "low": _num(claim.value_low),
            "high": _num(claim.value_high),
            "low_open": claim.low_open,
            "high_open": claim.high_open,
            "likely_low": _num(claim.likely_low),
            "likely_high": _num(claim.likely_high),
            "qualifier": claim.qualifier,
            "unit": claim.unit,
            "text": claim.value_text,
        }
    when = None
    if claim.date_start or claim.date_end:
        when = {
            "start": _iso(claim.date_start),
            "end": _iso(claim.date_end),
            "text": claim.date_text,
        }
    return {
        "id": claim.id,
        "kind": claim.kind,
        "text": claim.text,
        "span": [claim.span_start, claim.span_end],
        "subject": claim.subject.name if claim.subject else None,
        "measure": claim.measure,
        "verb": claim.verb,
        "verb_class": claim.verb_class,
        "location": claim.location.name if claim.location else None,
        "place": place_dict(claim.location),
        "incident": claim.event.incident_id if claim.event_id is not None and claim.event else None,
        "value": value,
        "date": when,
        "as_of": _iso(claim.as_of),
        "speaker": claim.speaker.name if claim.speaker else claim.speaker_name,
        "reporting_verb": claim.reporting_verb,
        "quote": claim.quote,
        "hedged": claim.hedged,
        "frame": frame_dict(claim),
        "superseded": claim.superseded,
        "revision": claim.revision.number,
        "revision_id": claim.revision_id,
        "extractor_version": claim.extractor_version,
        "source": source_dict(claim.source),
    }


def frame_dict(claim: Claim) -> dict[str, Any] | None:
    """A quantity's frame: portion, status, cumulative and the figure it revises."""
    if claim.kind != ClaimKind.quantity:
        return None
    return {
        "portion": claim.portion,
        "status": claim.status,
        "cumulative": claim.cumulative,
        "revises": claim.previous_id,
        "revision_kind": claim.revision_kind,
        "counted_place": claim.counted_place.name if claim.counted_place else None,
    }


def figure_dict(claim: Claim, marks: list[str] | None = None) -> dict[str, Any]:
    """One source's figure for an incident's measure, with its marks in the figure's
    evolution (``factdb.report.evolution.marks``)."""
    return {
        "claim": claim.id,
        "source": claim.source_id,
        "value": {"low": _num(claim.value_low), "high": _num(claim.value_high)},
        "text": value_text(claim),
        "as_of": _iso(claim.as_of),
        "sentence": claim.text,
        "frame": frame_dict(claim),
        "marks": marks or [],
    }


def incident_dict(view: IncidentView, *, with_sentences: bool = False) -> dict[str, Any]:
    """The incident contract: id, kind, place (with its chain), date, sources, figures
    (by measure, each source's figure in source order)."""
    incident = view.incident
    sources = []
    for source in view.sources:
        data = source_dict(source)
        if with_sentences:
            data["sentence"] = view.sentences.get(source.id)
        sources.append(data)
    return {
        "id": incident.id,
        "kind": incident.kind,
        "place": place_dict(incident.place),
        "date": {"start": _iso(incident.date_start), "end": _iso(incident.date_end)},
        "sources": sources,
        "figures": {
            measure: [figure_dict(c, marked.get(c.id)) for c in claims]
            for measure, claims in view.figures.items()
            for marked in [marks(claims, view.flags)]
        },
    }


def figures_text(view: IncidentView) -> str:
    """Figures side by side for a table: ``killed: 2 (#1), 3 (#4); injured: 4 (#1)``."""
    return "; ".join(
        f"{measure}: " + ", ".join(f"{value_text(c)} (#{c.source_id})" for c in claims)
        for measure, claims in view.figures.items()
    )


def review_dict(review: Review) -> dict[str, Any]:
    return {
        "reviewer": review.reviewer,
        "at": review.created_at.isoformat(timespec="seconds") if review.created_at else None,
        "old_status": review.old_status,
        "new_status": review.new_status,
        "note": review.note,
    }


def contradiction_dict(row: Contradiction, *, with_reviews: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": row.id,
        "kind": row.kind,
        "scope": row.scope,
        "hardness": row.hardness,
        "severity": row.severity,
        "status": row.status,
        "detector_version": row.detector_version,
        "a": claim_dict(row.claim_a),
        "b": claim_dict(row.claim_b),
    }
    if with_reviews:
        data["reviews"] = [review_dict(r) for r in row.reviews]
    return data


def value_text(claim: Claim) -> str:
    """Human form of a claim's value: ``more than 5,000 troops``."""
    if claim.kind != ClaimKind.quantity:
        if claim.date_start:
            if claim.date_start == claim.date_end:
                return claim.date_start.isoformat()
            return f"{_iso(claim.date_start)}..{_iso(claim.date_end)}"
        return ""
    if claim.value_text:
        unit = claim.unit or ""
        if unit == "%" or (unit == "USD" and "$" in claim.value_text):
            unit = ""
        return " ".join(p for p in (claim.value_text, unit) if p)
    low, high = _num(claim.value_low), _num(claim.value_high)
    if low is not None and high is not None and low != high:
        return f"{low:,}–{high:,} {claim.unit or ''}".strip()
    number = low if low is not None else high
    return f"{number:,} {claim.unit or ''}".strip() if number is not None else ""


def key_text(claim: Claim) -> str:
    """The claim key for people: ``United States / troops / Iraq``, or for a figure that
    counts an incident ``incident 12 / killed`` (and the place it counts, when narrower)."""
    incident = claim.event.incident_id if claim.event_id is not None and claim.event else None
    if incident is not None:
        place = claim.counted_place.name if claim.counted_place else None
        parts: tuple[str | None, ...] = (f"incident {incident}", claim.measure, place)
    else:
        parts = (
            claim.subject.name if claim.subject else None,
            claim.measure or claim.verb,
            claim.location.name if claim.location else None,
        )
    return " / ".join(p for p in parts if p)


def brief(claim: Claim) -> str:
    """One line per claim in a contradiction list: value, as-of date and source."""
    return f"{value_text(claim)} (as of {claim.as_of}, source #{claim.source_id})"
