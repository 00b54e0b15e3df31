"""Contradiction detection: which stored claims cannot both be true.

Two quantity claims are compared only when they share the claim key (subject, measure,
verb class, location), come from different sources, are neither hedged nor superseded, and
their as-of dates fall within the window. Disjoint *logical* intervals are a hard
contradiction; overlapping logical but disjoint *likely* intervals are a soft discrepancy.
One-off event claims with the same key (subject, verb, location) contradict when their date
intervals are disjoint. Candidates come from an indexed query per new claim (blocking on the
key and an as-of range), never from all pairs. Stored pairs are unique, so running detection
again adds nothing and never touches an existing row's status or reviews.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.config import DetectSettings
from factdb.models import Claim, Contradiction

DETECTOR_VERSION = "1"


@dataclass(frozen=True)
class Interval:
    """A numeric interval; ``None`` bounds are unbounded, ``*_open`` excludes the bound."""

    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False

    def gap_to(self, other: Interval) -> float | None:
        """Distance between two disjoint intervals, or None when they overlap."""
        if _before(self, other):
            return float(other.low - self.high)  # type: ignore[operator]
        if _before(other, self):
            return float(self.low - other.high)  # type: ignore[operator]
        return None


def _before(a: Interval, b: Interval) -> bool:
    """True when every value of ``a`` lies below every value of ``b``."""
    if a.high is None or b.low is None:
        return False
    if a.high < b.low:
        return True
    return a.high == b.low and (a.high_open or b.low_open)


def logical_interval(claim: Claim) -> Interval:
    return Interval(claim.value_low, claim.value_high, claim.low_open, claim.high_open)


def likely_interval(claim: Claim) -> Interval:
    low = claim.likely_low if claim.likely_low is not None else claim.value_low
    high = claim.likely_high if claim.likely_high is not None else claim.value_high
    return Interval(
        low,
        high,
        claim.low_open and low == claim.value_low,
        claim.high_open and high == claim.value_high,
    )


@dataclass(frozen=True)
class Finding:
    """Why two claims conflict, before it is stored."""

    kind: str  # numeric | date
    hardness: str  # hard | soft
    severity: float


def _relative_gap(gap: float, a: Interval, b: Interval) -> float:
    scale = max(abs(v) for v in (a.low, a.high, b.low, b.high, 1.0) if v is not None)
    return gap / scale


def compare_quantities(a: Claim, b: Claim, settings: DetectSettings) -> Finding | None:
    """Hard when logical intervals are disjoint, soft when only likely ones are."""
    days = abs((a.as_of - b.as_of).days) if a.as_of and b.as_of else 0
    if days > settings.window_days:
        return None
    time_factor = 1.0 - 0.5 * (days / settings.window_days if settings.window_days else 0.0)
    la, lb = logical_interval(a), logical_interval(b)
    gap = la.gap_to(lb)
    if gap is not None:
        value = min(1.0, _relative_gap(gap, la, lb))
        return Finding("numeric", "hard", round((0.5 + 0.5 * value) * time_factor, 3))
    ka, kb = likely_interval(a), likely_interval(b)
    gap = ka.gap_to(kb)
    if gap is not None:
        value = min(1.0, _relative_gap(gap, ka, kb))
        return Finding("numeric", "soft", round(0.5 * max(value, 0.1) * time_factor, 3))
    return None


def compare_events(a: Claim, b: Claim) -> Finding | None:
    """One-off events with the same key contradict when their dates cannot overlap."""
    if None in (a.date_start, a.date_end, b.date_start, b.date_end):
        return None
    if a.date_end < b.date_start or b.date_end < a.date_start:  # type: ignore[operator]
        gap = max((b.date_start - a.date_end).days, (a.date_start - b.date_end).days)  # type: ignore[operator]
        return Finding("date", "hard", round(min(1.0, 0.5 + gap / 730), 3))
    return None


def comparable(a: Claim, b: Claim) -> bool:
    """The preconditions every pair must meet, whatever their kind."""
    return (
        a.id != b.id
        and a.source_id != b.source_id
        and not a.hedged
        and not b.hedged
        and not a.superseded
        and not b.superseded
        and a.text.strip() != b.text.strip()  # a syndicated copy is not a second opinion
    )


def candidates(session: Session, claim: Claim, settings: DetectSettings) -> list[Claim]:
    """Stored claims sharing the claim's key, through the ``ix_claim_key`` index."""
    if claim.subject_id is None or claim.hedged or claim.superseded:
        return []
    query = select(Claim).where(
        Claim.kind == claim.kind,
        Claim.subject_id == claim.subject_id,
        Claim.location_id.is_(None)
        if claim.location_id is None
        else Claim.location_id == claim.location_id,
        Claim.source_id != claim.source_id,
        Claim.hedged.is_(False),
        Claim.superseded.is_(False),
    )
    if claim.kind == "quantity":
        if claim.measure is None or (claim.value_low is None and claim.value_high is None):
            return []
        query = query.where(Claim.measure == claim.measure, Claim.verb_class == claim.verb_class)
        if claim.as_of is not None:
            window = timedelta(days=settings.window_days)
            query = query.where(Claim.as_of.between(claim.as_of - window, claim.as_of + window))
    elif claim.kind == "event":
        if claim.verb is None or claim.location_id is None or claim.date_start is None:
            return []
        query = query.where(Claim.verb == claim.verb, Claim.date_start.is_not(None))
    else:
        return []
    return list(session.scalars(query))


def compare(a: Claim, b: Claim, settings: DetectSettings) -> Finding | None:
    if not comparable(a, b):
        return None
    if a.kind == "quantity":
        return compare_quantities(a, b, settings)
    if a.kind == "event":
        return compare_events(a, b)
    return None


def detect(
    session: Session, claim_ids: Iterable[int] | None = None, settings: DetectSettings | None = None
) -> list[Contradiction]:
    """Compare the given claims (default: all current ones) with the store; add new pairs."""
    settings = settings or DetectSettings()
    if claim_ids is None:
        claims = list(session.scalars(select(Claim).where(Claim.superseded.is_(False))))
    else:
        ids = list(claim_ids)
        claims = list(session.scalars(select(Claim).where(Claim.id.in_(ids)))) if ids else []
    found: list[Contradiction] = []
    seen: set[tuple[int, int]] = set()
    for claim in claims:
        for other in candidates(session, claim, settings):
            pair = (min(claim.id, other.id), max(claim.id, other.id))
            if pair in seen:
                continue
            seen.add(pair)
            finding = compare(claim, other, settings)
            if finding is None:
                continue
            exists = session.scalar(
                select(Contradiction.id).where(
                    Contradiction.claim_a_id == pair[0], Contradiction.claim_b_id == pair[1]
                )
            )
            if exists is not None:
                continue
            row = Contradiction(
                claim_a_id=pair[0],
                claim_b_id=pair[1],
                kind=finding.kind,
                hardness=finding.hardness,
                severity=finding.severity,
                detector_version=DETECTOR_VERSION,
                status="open",
            )
            session.add(row)
            found.append(row)
    session.flush()
    return found
