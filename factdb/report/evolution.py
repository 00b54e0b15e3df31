"""One figure's evolution: each value in time order, marked as an update, a correction,
a part, an estimate or a projection, and with its flags.

This is what lets a reader see that 4,455 on Monday and 5,057 on Tuesday are a rising toll
(an update), that "revised from 270,000 to 170,000" corrects a figure rather than disputes
it, and which pairs are open contradictions. Marks follow the figure's frame (README "Claim
semantics"); nothing here queries the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from factdb.vocabulary import NOT_COUNTS, FigureStatus, Portion


class FlagFacts(Protocol):
    id: int
    claim_a_id: int
    claim_b_id: int
    hardness: str
    status: str


def _total(claim: Any) -> bool:
    return claim.portion == Portion.total and not claim.hedged and claim.status not in NOT_COUNTS


def _top(claim: Any) -> float | None:
    """The highest value a figure states: its upper bound, else its lower one ("more than
    60" tops at 60 for telling a later 85 an update)."""
    return claim.value_high if claim.value_high is not None else claim.value_low


def marks(claims: Sequence[Any], flags: dict[int, list[FlagFacts]]) -> dict[int, list[str]]:
    """claim id -> its marks, for claims of ONE figure (one measure) in time order:

    - ``correction of #N`` / ``update of #N``: the sentence revises figure N ("from A to B");
    - ``update``: a cumulative total above the last earlier total of another day;
    - ``part``, ``estimate``, ``projection``, ``negated``, ``official``, ``hedged``: its frame;
    - ``flagged with #N (hard, open)``: each contradiction it takes part in.
    """
    out: dict[int, list[str]] = {}
    last_total: Any = None
    for claim in claims:
        found: list[str] = []
        if claim.previous_id is not None:
            found.append(f"{claim.revision_kind or 'update'} of #{claim.previous_id}")
        elif (
            claim.cumulative
            and _total(claim)
            and last_total is not None
            and last_total.as_of != claim.as_of
            and claim.value_low is not None
            and _top(last_total) is not None
            and claim.value_low > _top(last_total)
        ):
            found.append("update")
        if claim.portion == Portion.part:
            found.append("part")
        if claim.status != FigureStatus.reported:
            found.append(claim.status)
        if claim.hedged:
            found.append("hedged")
        for row in flags.get(claim.id, []):
            other = row.claim_b_id if row.claim_a_id == claim.id else row.claim_a_id
            found.append(f"flagged with #{other} ({row.hardness}, {row.status})")
        out[claim.id] = found
        if _total(claim):
            last_total = claim
    return out
