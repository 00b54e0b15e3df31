"""Contradiction detection: which stored claims cannot both be true.

Rules (DESIGN.md, claim semantics; ``rules``):
- Quantity claims are compared only when they share the claim key (subject, measure, verb
  class, location), are neither hedged, superseded nor retired, have as-of dates within the
  window, and do not come from the same sentence. Disjoint *logical* intervals are a hard
  contradiction; overlapping logical but disjoint *likely* intervals a soft discrepancy.
- Pairs from one source are kept as ``scope="intra"`` (an article that disagrees with
  itself); pairs across sources are ``scope="cross"``.
- The same sentence in two sources (a syndicated wire copy) is one report, never a pair
  (``reports``).
- One-off events (a city captured by a group) with the same subject, event class and place
  contradict when their date intervals are disjoint; recurring events (attacks, visits,
  statements) are never compared, since both dates can be true.

How: claims are grouped by claim key and swept in as-of order, so a claim meets only the
claims inside its window, never all pairs (``sweep``); ``reading`` reads them for a full or
an incremental run, ``runs`` runs and stores. Pairs are inserted with ON CONFLICT DO NOTHING
on the unique (claim_a, claim_b) (``factdb.store.contradictions``), so running detection
again adds nothing and never touches an existing row's status or reviews.
"""

from factdb.detect.rules import (
    DETECTOR_VERSION,
    ONE_OFF_EVENTS,
    Finding,
    compare_events,
    compare_quantities,
)
from factdb.detect.runs import detect, find_contradictions
from factdb.syndication import sentence_key

__all__ = [
    "DETECTOR_VERSION",
    "ONE_OFF_EVENTS",
    "Finding",
    "compare_events",
    "compare_quantities",
    "detect",
    "find_contradictions",
    "sentence_key",
]
