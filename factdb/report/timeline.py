"""The timeline of one figure: every value by as-of date, and which pairs are flagged.

This is what tells a reader that 8,892 (September 2017), more than 5,500 (July 2017) and
more than 5,000 (February 2018) are different moments, not one dispute.
"""

from __future__ import annotations

from typing import Any

from factdb.queries import Timeline
from factdb.report.evolution import marks
from factdb.report.serialize import claim_dict, value_text


def timeline_records(tl: Timeline) -> list[dict[str, Any]]:
    """One record per claim in as-of order, with its flags and syndicated copies."""
    records = []
    marked = marks(tl.claims, tl.flags)
    for claim in tl.claims:
        record = claim_dict(claim)
        record["marks"] = marked[claim.id]
        record["flags"] = [
            {
                "contradiction": row.id,
                "with": row.claim_b_id if row.claim_a_id == claim.id else row.claim_a_id,
                "hardness": row.hardness,
                "status": row.status,
                "severity": row.severity,
            }
            for row in tl.flags.get(claim.id, [])
        ]
        record["copies"] = [c.source_id for c in tl.copies.get(claim.id, [])]
        records.append(record)
    return records


def timeline_rows(tl: Timeline) -> list[tuple[Any, ...]]:
    rows = []
    marked = marks(tl.claims, tl.flags)
    for claim in tl.claims:
        flags = ", ".join(
            f"#{row.id} {row.hardness} with claim "
            f"{row.claim_b_id if row.claim_a_id == claim.id else row.claim_a_id} ({row.status})"
            for row in tl.flags.get(claim.id, [])
        )
        frame = "; ".join(m for m in marked[claim.id] if not m.startswith("flagged"))
        source = claim.source.outlet or claim.source.title or ""
        copies = tl.copies.get(claim.id, [])
        if copies:
            source += f" (+{len(copies)} syndicated cop{'y' if len(copies) == 1 else 'ies'})"
        rows.append(
            (
                claim.as_of,
                value_text(claim),
                claim.qualifier,
                claim.location.name if claim.location else "",
                claim.speaker.name if claim.speaker else claim.speaker_name,
                f"#{claim.source_id} {source}".strip(),
                frame,
                flags,
                claim.id,
            )
        )
    return rows


TIMELINE_COLUMNS = [
    "as of",
    "value",
    "qualifier",
    "location",
    "speaker",
    "source",
    "marks",
    "flagged",
    "claim",
]
