"""The timeline of one figure: every value by as-of date, and which pairs are flagged.

This is what tells a reader that 8,892 (September 2017), more than 5,500 (July 2017) and
more than 5,000 (February 2018) are different moments, not one dispute.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factdb.errors import FactdbError
from factdb.queries import Timeline
from factdb.report.evolution import marks
from factdb.report.serialize import claim_dict, value_text
from factdb.vocabulary import Hardness


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


def plot_timeline(tl: Timeline, path: Path) -> None:
    """Draw each claim's logical interval as a bar at its as-of date (likely part darker),
    open-ended intervals as arrows, and flagged pairs joined by red (hard) or orange lines."""
    if path.suffix.lower() not in (".png", ".svg"):
        raise FactdbError(f"{path}: plot file must end in .png or .svg")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.dates as mdates
        import matplotlib.pyplot as plt
    except ImportError:
        raise FactdbError("plotting needs matplotlib: pip install 'factdb[plot]'") from None
    if not tl.claims:
        raise FactdbError("nothing to plot: no claims for this figure")
    values = [v for c in tl.claims for v in (c.value_low, c.value_high) if v is not None]
    top = max(values) * 1.25 if values else 1.0
    fig, ax = plt.subplots(figsize=(10, 5))
    centre: dict[int, tuple[Any, float]] = {}
    for claim in tl.claims:
        if claim.as_of is None:
            continue
        x = mdates.date2num(claim.as_of)
        low = claim.value_low if claim.value_low is not None else 0.0
        high = claim.value_high if claim.value_high is not None else top
        colour = "#888888" if claim.hedged else "#1f5fa8"
        ax.vlines(x, low, high, colors=colour, linewidth=3, alpha=0.35)
        likely_low = claim.likely_low if claim.likely_low is not None else low
        likely_high = claim.likely_high if claim.likely_high is not None else high
        ax.vlines(x, likely_low, likely_high, colors=colour, linewidth=6)
        if claim.value_high is None:
            ax.annotate("", (x, top), (x, likely_high), arrowprops={"arrowstyle": "->"})
        centre[claim.id] = (x, (likely_low + likely_high) / 2)
        label = claim.value_text or value_text(claim)
        ax.annotate(
            f"{label}\n{claim.source.outlet or claim.source.title or ''}"[:60],
            (x, likely_high),
            textcoords="offset points",
            xytext=(4, 4),
            fontsize=7,
        )
    drawn = set()
    for rows in tl.flags.values():
        for row in rows:
            if row.id in drawn or row.claim_a_id not in centre or row.claim_b_id not in centre:
                continue
            drawn.add(row.id)
            (x1, y1), (x2, y2) = centre[row.claim_a_id], centre[row.claim_b_id]
            ax.plot(
                [x1, x2],
                [y1, y2],
                color="#b3261e" if row.hardness == Hardness.hard else "#e08a00",
                linestyle="--",
                linewidth=1.5,
            )
    ax.xaxis_date()
    ax.set_ylim(0, top)
    ax.set_ylabel(tl.measure)
    where = f" in {tl.location.name}" if tl.location else ""
    ax.set_title(f"{tl.entity.name}: {tl.measure}{where}")
    fig.autofmt_xdate()
    fig.tight_layout()
    try:
        fig.savefig(path)
    except OSError as exc:
        raise FactdbError(f"{path}: {exc.strerror or exc}") from None
    finally:
        plt.close(fig)
