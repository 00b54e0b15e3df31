"""``timeline --plot``: one figure's values drawn by as-of date.

Each claim is a bar over its logical interval (the likely part darker) with a marker at the
value it states: a dot for an exact figure, a triangle pointing up for "at least" and down
for "at most", and its label beside that marker, never at the end of an open interval.
Labels are plain text ("$5 billion" is not math markup) and are moved apart or left out so
none covers another. Flagged pairs are joined by red (hard) or orange lines.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factdb.db.models import Claim
from factdb.errors import FactdbError
from factdb.queries import Timeline
from factdb.report.label_layout import Box, spread_labels
from factdb.report.serialize import value_text
from factdb.vocabulary import Hardness

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LABEL_GAP_POINTS = 6  # between a marker and its label
HEDGED, FIRM = "#888888", "#1f5fa8"


def stated_value(claim: Claim) -> float | None:
    """The number a claim states: its value, the bound of "at least"/"at most", or the
    middle of a range."""
    low, high = claim.value_low, claim.value_high
    if low is None or high is None:
        return low if low is not None else high
    return (low + high) / 2


def marker_for(claim: Claim) -> str:
    """A dot for an exact figure, a triangle towards the open side of a one-sided one, a
    bar-end tick for a range."""
    low, high = claim.value_low, claim.value_high
    if high is None:
        return "^"
    if low is None:
        return "v"
    return "o" if low == high else "_"


def timeline_figure(tl: Timeline) -> Figure:
    """The drawn timeline; raises FactdbError when matplotlib is missing or nothing is dated."""
    try:
        import matplotlib.dates as mdates
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import FuncFormatter
    except ImportError:
        raise FactdbError("plotting needs matplotlib: pip install 'factdb[plot]'") from None
    if not tl.claims:
        raise FactdbError("nothing to plot: no claims for this figure")
    dated = [c for c in tl.claims if c.as_of is not None and stated_value(c) is not None]
    if not dated:
        raise FactdbError("nothing to plot: no claim of this figure has an as-of date")
    values = [v for c in dated for v in (c.value_low, c.value_high) if v is not None]
    top = max(max(values) * 1.25, 1.0)
    fig = Figure(figsize=(10, 5))
    FigureCanvasAgg(fig)  # a canvas of its own: no pyplot state, text can be measured
    ax = fig.subplots()
    anchors: dict[int, tuple[float, float]] = {}
    for claim in dated:
        x = float(mdates.date2num(claim.as_of))
        anchors[claim.id] = (x, stated_value(claim) or 0.0)
        _draw_claim(ax, claim, x, top)
    _draw_flags(ax, tl, anchors)
    days = [c.as_of for c in dated if c.as_of is not None]
    span = (max(days) - min(days)).days
    ax.set_xlim(
        mdates.date2num(min(days) - timedelta(days=max(2, span // 12))),
        mdates.date2num(max(days) + timedelta(days=max(6, span // 4))),  # room for labels
    )
    ax.xaxis_date()
    ax.set_ylim(0, top)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.set_ylabel(tl.measure, parse_math=False)
    where = f" in {tl.location.name}" if tl.location else ""
    ax.set_title(f"{tl.entity.name}: {tl.measure}{where}", parse_math=False)
    fig.autofmt_xdate()
    fig.tight_layout()
    _draw_labels(fig, ax, dated, anchors)
    return fig


def _draw_claim(ax: Any, claim: Claim, x: float, top: float) -> None:
    low = claim.value_low if claim.value_low is not None else 0.0
    high = claim.value_high if claim.value_high is not None else top
    colour = HEDGED if claim.hedged else FIRM
    ax.vlines(x, low, high, colors=colour, linewidth=3, alpha=0.35)
    likely_low = claim.likely_low if claim.likely_low is not None else low
    likely_high = claim.likely_high if claim.likely_high is not None else high
    ax.vlines(x, likely_low, likely_high, colors=colour, linewidth=6)
    if claim.value_high is None:
        ax.annotate("", (x, top), (x, likely_high), arrowprops={"arrowstyle": "->"})
    ax.plot(
        [x],
        [stated_value(claim)],
        marker=marker_for(claim),
        markersize=8,
        markeredgewidth=2,
        color=colour,
        linestyle="none",
        gid=f"claim-{claim.id}",
    )


def _draw_flags(ax: Any, tl: Timeline, anchors: dict[int, tuple[float, float]]) -> None:
    drawn = set()
    for rows in tl.flags.values():
        for row in rows:
            if row.id in drawn or row.claim_a_id not in anchors or row.claim_b_id not in anchors:
                continue
            drawn.add(row.id)
            (x1, y1), (x2, y2) = anchors[row.claim_a_id], anchors[row.claim_b_id]
            ax.plot(
                [x1, x2],
                [y1, y2],
                color="#b3261e" if row.hardness == Hardness.hard else "#e08a00",
                linestyle="--",
                linewidth=1.5,
            )


def _label(claim: Claim) -> str:
    text = claim.value_text or value_text(claim)
    return f"{text}\n{claim.source.outlet or claim.source.title or ''}"[:60].strip()


def _draw_labels(
    fig: Figure, ax: Any, claims: list[Claim], anchors: dict[int, tuple[float, float]]
) -> None:
    """Measure each label as first placed, spread them apart, then draw them at their
    shifts; a moved label gets a thin leader line back to its value."""
    order = sorted(claims, key=lambda c: (anchors[c.id][0], -anchors[c.id][1]))
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = []
    for claim in order:
        probe = _annotate(ax, claim, anchors[claim.id], 0.0)
        extent = probe.get_window_extent(renderer)
        boxes.append(Box(extent.x0, extent.y0, extent.x1, extent.y1))
        probe.remove()
    points_per_pixel = 72 / fig.dpi
    for claim, shift in zip(order, spread_labels(boxes), strict=True):
        if shift is not None:
            _annotate(ax, claim, anchors[claim.id], shift * points_per_pixel)


def _annotate(ax: Any, claim: Claim, anchor: tuple[float, float], dy: float) -> Any:
    leader = {"arrowstyle": "-", "color": "#999999", "linewidth": 0.5} if dy else None
    return ax.annotate(
        _label(claim),
        anchor,
        textcoords="offset points",
        xytext=(LABEL_GAP_POINTS, dy),
        va="center",
        ha="left",
        fontsize=7,
        parse_math=False,
        arrowprops=leader,
        gid=f"label-{claim.id}",
    )


def plot_timeline(tl: Timeline, path: Path) -> None:
    """Draw the timeline to a .png or .svg file (SVG text stays text, so it can be searched)."""
    if path.suffix.lower() not in (".png", ".svg"):
        raise FactdbError(f"{path}: plot file must end in .png or .svg")
    fig = timeline_figure(tl)
    from matplotlib import rc_context

    try:
        with rc_context({"svg.fonttype": "none"}):
            fig.savefig(path)
    except OSError as exc:
        raise FactdbError(f"{path}: {exc.strerror or exc}") from None
